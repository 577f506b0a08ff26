import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import feed from '../../reference/bank-holidays-england-and-wales.json' with { type: 'json' }
import { parseBankHolidays } from '../domain/calendar/bank-holidays.ts'
import { createWorkingDayCalendar } from '../domain/calendar/working-days.ts'
import { computeMeasures } from '../domain/measures/compute.ts'
import { DEFAULT_MEASURE_SETTINGS } from '../domain/measures/types.ts'
import { readAnnexA } from '../importers/annex-a/read-annex-a.ts'
import { readCinCensus } from '../importers/cin-census/read-cin-census.ts'
import { generateCommand } from '../cli/generate.ts'
import { ANNEX_A_HEADERS } from './annex-a.ts'
import {
  annexAListsOf,
  cinCensusXml,
  syntheticCinPopulation,
  writeSyntheticCinCensus,
  type SyntheticCinChild,
} from './cin-census.ts'

const holidays = parseBankHolidays(feed)
if (!holidays.ok) throw new Error('the shipped bank holidays feed must parse')
const options = {
  end: '2018-03',
  months: 13,
  settings: { ...DEFAULT_MEASURE_SETTINGS, population: { '2017-18': 49189 } },
  calendar: createWorkingDayCalendar(holidays.value),
}

let dir: string
let population: SyntheticCinChild[]
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scrutineer-cin-'))
  population = syntheticCinPopulation({ children: 1500, end: '2018-03', seed: 7 })
})
after(async () => rm(dir, { recursive: true, force: true }))

describe('a synthetic population written as a CIN census and as Annex A lists', () => {
  it('gives the same measures from both', async () => {
    await writeFile(join(dir, 'census.xml'), cinCensusXml(population, '2018-03'))
    const lists = annexAListsOf(population)
    const folder = join(dir, 'annex-a')
    await mkdir(folder)
    for (const [list, rows] of Object.entries(lists)) {
      const text = [ANNEX_A_HEADERS[Number(list)] ?? [], ...rows].map((cells) => cells.join(',')).join('\r\n')
      await writeFile(join(folder, `list-${list}.csv`), `${text}\r\n`)
    }
    const census = await readCinCensus(join(dir, 'census.xml'))
    const annexA = await readAnnexA(folder)
    assert.ok(census.ok, JSON.stringify(census))
    assert.ok(annexA.ok, JSON.stringify(annexA.ok ? null : annexA.problems.slice(0, 3)))
    assert.deepEqual(census.value.problems, [])
    assert.deepEqual(annexA.value.errors, [])
    const fromCensus = computeMeasures(census.value.records, options)
    const fromAnnexA = computeMeasures(annexA.value.records, options)
    assert.deepEqual(fromCensus, fromAnnexA)
    // Not a vacuous agreement: the population exercises the measures.
    const april = (id: string) => fromCensus.measures[id]?.['2017-04']?.count ?? 0
    const total = (id: string) =>
      Object.values(fromCensus.measures[id] ?? {}).reduce((sum, value) => sum + value.count, 0)
    assert.ok(april('referrals') > 10, 'referrals each month')
    for (const id of [
      're-referrals',
      'referrals-nfa',
      'assessments-no-further-support',
      'icpcs-in-15wd',
      'icpcs-to-cpp',
      'cpp-started',
      'cpp-ceased',
      'cpp-repeat',
    ])
      assert.ok(total(id) > 0, `${id} counts something`)
    assert.ok((fromCensus.measures['cpp-open']?.['2018-03']?.count ?? 0) > 0, 'plans open at the end')
    assert.ok((fromCensus.measures['cin-open']?.['2018-03']?.count ?? 0) > 0, 'children in need at the end')
  })

  it('writes a census file a child at a time that reads back to the same counts', async () => {
    const out = join(dir, 'written', 'cin.xml')
    const written = await writeSyntheticCinCensus({ children: 300, end: '2018-03', seed: 3, out })
    const read = await readCinCensus(out)
    assert.ok(read.ok)
    assert.equal(read.value.counts.children, 300)
    assert.equal(read.value.counts.referrals, written.episodes)
    assert.equal(read.value.problems.length, 0)
  })

  it('is what npm run generate -- --cin-census writes, and the command refuses a bad --children', async () => {
    const lines: string[] = []
    const output = { error: (text: string) => void lines.push(text) }
    const out = join(dir, 'generated.xml')
    assert.equal(await generateCommand(['--cin-census', out, '--children', '50', '--end', '2018-03'], output), 0)
    assert.match(lines.join(''), /Wrote .*generated\.xml: 50 children/)
    const read = await readCinCensus(out)
    assert.ok(read.ok)
    assert.equal(read.value.counts.children, 50)
    assert.equal(read.value.referenceDate, '2018-03-31')
    assert.equal(await generateCommand(['--cin-census', out, '--children', 'many'], output), 2)
    assert.match(lines.join(''), /--children must be a whole number/)
  })
})
