/**
 * The measures computed from an Annex A CSV folder in one process, timed phase by phase, for the Annex A benchmark:
 * `node --import tsx bench/annex-a-measures.ts --annex-a DIR --end 2018-04 --months 13 --population 2017-18=49189`.
 * Prints the measures JSON on stdout (as `scrutineer measures` does) and one timing line on stderr:
 * `annex-a-measures read=1796 compute=209 json=3 rows=1009434 errors=14 maxRssKb=243836`.
 */
import feed from '../reference/bank-holidays-england-and-wales.json' with { type: 'json' }
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { parseBankHolidays } from '../src/domain/calendar/bank-holidays.ts'
import { createWorkingDayCalendar } from '../src/domain/calendar/working-days.ts'
import { computeMeasures } from '../src/domain/measures/compute.ts'
import { DEFAULT_MEASURE_SETTINGS } from '../src/domain/measures/types.ts'
import { readAnnexA } from '../src/importers/annex-a/read-annex-a.ts'

const { values } = parseArgs({
  options: {
    'annex-a': { type: 'string' },
    end: { type: 'string', default: '2018-04' },
    months: { type: 'string', default: '13' },
    population: { type: 'string', default: '' },
    format: { type: 'string', default: 'json' },
  },
})
const folder = values['annex-a']
if (folder === undefined) throw new Error('Give the folder with --annex-a DIR')

// `2017-18=49189,2018-19=49920` → { '2017-18': 49189, '2018-19': 49920 }
const population: Record<string, number> = {}
for (const pair of values.population.split(',').filter((text) => text !== '')) {
  const [year, count] = pair.split('=')
  if (year !== undefined && count !== undefined) population[year] = Number(count)
}
const holidays = parseBankHolidays(feed)
if (!holidays.ok) throw new Error('The reference bank holidays do not load')

const started = performance.now()
const read = await readAnnexA(folder)
const readAt = performance.now()
if (!read.ok) throw new Error(read.problems.map((problem) => problem.reason).join('\n'))
const measures = computeMeasures(read.value.records, {
  end: values.end,
  months: Number(values.months),
  settings: { ...DEFAULT_MEASURE_SETTINGS, population },
  calendar: createWorkingDayCalendar(holidays.value),
})
const computedAt = performance.now()
const json = JSON.stringify({ ...measures, errors: read.value.errors.length })
const jsonAt = performance.now()
process.stdout.write(`${json}\n`)
const rows = read.value.lists.reduce((sum, list) => sum + list.rows, 0)
const ms = (a: number, b: number) => Math.round(b - a)
process.stderr.write(
  `annex-a-measures read=${ms(started, readAt)} compute=${ms(readAt, computedAt)} json=${ms(computedAt, jsonAt)} rows=${rows} errors=${read.value.errors.length} maxRssKb=${process.resourceUsage().maxRSS}\n`,
)
