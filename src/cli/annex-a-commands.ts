/**
 * Commands for child-level records: compute the measures from an Annex A return (storing nothing), explain a
 * figure, import a return, its data-quality report and removal, the council's settings and bank holidays.
 */
import type { Config } from '../config.ts'
import { mergeHolidays } from '../domain/calendar/bank-holidays.ts'
import { createWorkingDayCalendar } from '../domain/calendar/working-days.ts'
import { isFinancialYear, isPeriod } from '../domain/period.ts'
import {
  DEFAULT_MEASURE_SETTINGS,
  type Explanation,
  type MeasureRow,
  type MeasureSettings,
} from '../domain/measures/types.ts'
import { measuresFromFile, explain, type AnnexASource } from '../services/annex-a-service.ts'
import { readHolidayFeed, shippedHolidays } from '../services/calendar-service.ts'
import { measuresFromCinCensus } from '../services/cin-census-service.ts'
import { measuresFromSsda903 } from '../services/ssda903-service.ts'
import { progress } from './progress.ts'
import { cliActor, reportRefused, UsageError, withServices, type Values } from './shared.ts'

function wholeNumber(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback
  const n = Number(text)
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number of days, not "${text}".`)
  return n
}

/** `2017-18=49189,2018-19=49920` → { '2017-18': 49189, '2018-19': 49920 }. */
export function parsePopulation(text: string): Record<string, number> {
  const population: Record<string, number> = {}
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [year, count] = part.split('=').map((p) => p.trim())
    const n = Number(count)
    if (year === undefined || !isFinancialYear(year) || !Number.isInteger(n) || n <= 0) {
      throw new UsageError(
        `--population takes financial years and child populations, e.g. 2017-18=49189,2018-19=49920; "${part}" is not one.`,
      )
    }
    population[year] = n
  }
  return population
}

function settingsFrom(values: Values, base: MeasureSettings): MeasureSettings {
  return {
    population:
      values.population === undefined ? base.population : { ...base.population, ...parsePopulation(values.population) },
    icpcWorkingDays: wholeNumber(values['icpc-working-days'], '--icpc-working-days', base.icpcWorkingDays),
    cpVisitWorkingDays: wholeNumber(
      values['cp-visit-working-days'],
      '--cp-visit-working-days',
      base.cpVisitWorkingDays,
    ),
    lacVisitDays: wholeNumber(values['lac-visit-days'], '--lac-visit-days', base.lacVisitDays),
  }
}

function describeRow(row: MeasureRow & { reason?: string }): string {
  const dates = Object.entries(row.dates)
    .map(([field, date]) => `${field} ${date ?? '(blank)'}`)
    .join(', ')
  const days = row.workingDays === undefined ? '' : ` – ${row.workingDays} working days`
  const why = row.reason === undefined ? '' : ` – ${row.reason}`
  const note = row.note === undefined ? '' : ` (${row.note})`
  return `  child ${row.childId} (list ${row.list}, row ${row.row}): ${dates}${days}${note}${why}\n`
}

function explanationText(e: Explanation): string {
  const v = e.value
  const figure =
    e.measure.unit === 'percentage'
      ? `${v.count} of ${v.denominator ?? 0}${v.value === null ? ' (n/a)' : ` (${v.value.toFixed(1)}%)`}`
      : e.measure.unit === 'rate per 10,000'
        ? `${v.count}${v.value === null ? ' (no population for this year)' : ` (${v.value.toFixed(1)} per 10,000)`}`
        : String(v.count)
  const inNumerator = new Set(e.numerator.map((r) => `${r.list}:${r.row}`))
  const denominatorOnly = e.denominator.filter((r) => !inNumerator.has(`${r.list}:${r.row}`))
  let text = `${e.measure.id} – ${e.measure.title}, ${e.month}: ${figure}\n${e.measure.definition}\n\n`
  text += `Counted (${e.numerator.length}):\n${e.numerator.map(describeRow).join('')}`
  if (e.measure.unit === 'percentage')
    text += `\nIn the denominator only (${denominatorOnly.length}):\n${denominatorOnly.map(describeRow).join('')}`
  text += `\nLeft out (${e.excluded.length}):\n${e.excluded.map(describeRow).join('')}`
  return text
}

export async function measuresCommand(values: Values): Promise<number> {
  const census = values['cin-census']
  const ssda903 = values.ssda903
  if ([values['annex-a'], census, ssda903].filter((v) => v !== undefined).length > 1)
    throw new UsageError('Give one of --annex-a PATH, --cin-census FILE or --ssda903 FOLDER, not more.')
  const path = values['annex-a'] ?? census ?? ssda903
  if (path === undefined)
    throw new UsageError(
      'Give the Annex A workbook or folder of list CSV files with --annex-a PATH, a children in need census with --cin-census FILE, or an SSDA903 return (a folder or .zip of its CSV files) with --ssda903 FOLDER.',
    )
  const end = values.end
  if (end === undefined || !isPeriod(end))
    throw new UsageError('Give the latest month as --end YYYY-MM, e.g. --end 2018-04.')
  const months = wholeNumber(values.months, '--months', 13)
  if (months < 1) throw new UsageError('--months must be at least 1.')
  const settings = settingsFrom(values, DEFAULT_MEASURE_SETTINGS)
  let holidays = shippedHolidays()
  if (values.holidays !== undefined) {
    const feed = await readHolidayFeed(values.holidays)
    if (!feed.ok) return reportRefused(values.holidays, feed.problems)
    holidays = mergeHolidays(
      holidays,
      feed.value.map((h) => h.date),
    )
  }
  const options = { end, months, settings, calendar: createWorkingDayCalendar(holidays) }
  const show = progress()
  show.step(`Reading ${path}`)
  const result =
    census !== undefined
      ? await measuresFromCinCensus(path, options)
      : ssda903 !== undefined
        ? await measuresFromSsda903(path, options)
        : await measuresFromFile(path, options)
  show.done()
  if (!result.ok) return reportRefused(path, result.problems)
  const { annexA, ...report } = result.value

  if (values.explain !== undefined) {
    const month = values.month ?? end
    if (!isPeriod(month)) throw new UsageError('Give the month to explain as --month YYYY-MM.')
    let explanation: Explanation
    try {
      explanation = explain(annexA, values.explain, month, options)
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message)
      throw error
    }
    process.stdout.write(
      values.format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : explanationText(explanation),
    )
    return 0
  }
  if (values.format !== undefined && values.format !== 'json')
    throw new UsageError('measures prints JSON: use --format json.')
  process.stdout.write(
    `${JSON.stringify({ months: report.months, measures: report.measures, snapshot: report.snapshot, errors: report.errors })}\n`,
  )
  return 0
}

/**
 * `import annex-a PATH`, `import cin-census FILE.xml` and `import ssda903 FOLDER_OR_ZIP`: the same import, from an
 * Annex A return, a census or an SSDA903 return.
 */
export async function importAnnexACommand(
  config: Config,
  path: string | undefined,
  values: Values,
  source: AnnexASource = 'annex-a',
): Promise<number> {
  if (path === undefined) {
    throw new UsageError(
      source === 'cin-census'
        ? 'Say which census to import: "scrutineer import cin-census FILE.xml".'
        : source === 'ssda903'
          ? 'Say which return to import: "scrutineer import ssda903 FOLDER_OR_ZIP".'
          : 'Say which return to import: "scrutineer import annex-a PATH".',
    )
  }
  const end = values.end
  if (end !== undefined && !isPeriod(end)) throw new UsageError('--end must be a month, YYYY-MM.')
  const months = wholeNumber(values.months, '--months', 13)
  const show = progress()
  return withServices(config, async (services) => {
    const result = await services.annexA.importFile(path, {
      actor: cliActor(),
      months,
      source,
      ...(end === undefined ? {} : { end }),
      onProgress: show.step,
    })
    if (!result.ok) {
      show.done()
      return reportRefused(path, result.problems)
    }
    const s = result.value
    show.done('Imported')
    const rows = s.lists.reduce((sum, l) => sum + l.rows, 0)
    process.stdout.write(
      `Imported ${s.file} as import ${s.importId}: ${rows.toLocaleString('en-GB')} rows in ${s.lists.length} lists, ` +
        `${s.errors} errors and ${s.warnings} warnings (see "scrutineer imports show ${s.importId}"). ` +
        `Months ${s.months[0] ?? ''} to ${s.end}: ${s.indicatorsUpdated.length} indicators updated, ` +
        `${s.figuresAdded} figures added, ${s.figuresRevised} revised, ${s.figuresUnchanged} unchanged.\n`,
    )
    return 0
  })
}

function importId(text: string | undefined): number {
  const id = Number(text)
  if (!Number.isInteger(id) || id <= 0)
    throw new UsageError(`Give the import's number, e.g. "scrutineer imports show 3", not "${text ?? ''}".`)
  return id
}

export async function importsSubcommand(config: Config, action: string, idText: string | undefined): Promise<number> {
  if (action !== 'show' && action !== 'remove')
    throw new UsageError(`"imports ${action}" is not a command: use "imports show ID" or "imports remove ID".`)
  const id = importId(idText)
  return withServices(config, async (services) => {
    if (action === 'remove') {
      const result = await services.annexA.removeImport(id, cliActor())
      if (!result.ok) {
        process.stderr.write(`${result.problems.join('\n')}\n`)
        return 1
      }
      process.stdout.write(
        `Removed import ${id}: ${result.value.rowsDeleted.toLocaleString('en-GB')} child-level rows deleted. Its figures stay.\n`,
      )
      return 0
    }
    const report = await services.annexA.dataQuality(id, { actor: cliActor() })
    if (report === null) {
      process.stderr.write(`There is no Annex A import ${id}.\n`)
      return 1
    }
    const r = report.importRecord
    let text =
      `Import ${r.id}: ${r.sourceFile}, ${r.importedAt.slice(0, 16).replace('T', ' ')} by ${r.importedBy}` +
      (r.removedAt === null ? '' : ` (records removed ${r.removedAt.slice(0, 10)})`) +
      '\n\n'
    text += 'List  Rows      Errors  Warnings  Source\n'
    for (const l of report.lists) {
      text += `${String(l.list).padEnd(6)}${String(l.rows).padEnd(10)}${String(l.errors).padEnd(8)}${String(l.warnings).padEnd(10)}${l.source}\n`
    }
    const line = (p: (typeof report.errors)[number]) =>
      `  list ${p.list ?? '-'}, row ${p.row ?? '-'}, ${p.column ?? ''}${p.value === null ? '' : ` ("${p.value}")`}: ${p.reason}\n`
    text += `\nErrors (${report.errors.length}):\n${report.errors.map(line).join('')}`
    text += `\nWarnings (${report.warnings.length}):\n${report.warnings.map(line).join('')}`
    process.stdout.write(text)
    return 0
  })
}

export async function settingsCommand(config: Config, values: Values): Promise<number> {
  return withServices(config, async (services) => {
    const current = await services.annexA.settings()
    const next = settingsFrom(values, current)
    const sections = values['overview-sections']
    if (sections !== undefined) {
      const saved = await services.commentary.saveSectionTitles(sections, cliActor())
      if (!saved.ok) throw new UsageError(`--overview-sections: ${saved.problems.join(' ')}`)
    }
    const runLength = values['spc-run-length']
    if (runLength !== undefined) {
      const set = await services.spc.setRunLength(/^\d+$/.test(runLength.trim()) ? Number(runLength) : Number.NaN, {
        actor: cliActor(),
      })
      if (!set.ok)
        throw new UsageError(
          `--spc-run-length: give 6 or 7 (points in a row for a run or a trend), not "${runLength}".`,
        )
    }
    if (JSON.stringify(next) !== JSON.stringify(current)) await services.annexA.saveSettings(next, cliActor())
    const overviewSections = await services.commentary.sectionTitles()
    const spcRunLength = await services.spc.runLength()
    // Which years came from ONS estimates and which fall back to an earlier one (scrutineer population import).
    const source = await services.population.source()
    const populationSource =
      source === null
        ? null
        : { file: source.file, area: source.area, estimated: source.estimated, fallsBackTo: source.fallsBackTo }
    process.stdout.write(`${JSON.stringify({ ...next, overviewSections, spcRunLength, populationSource }, null, 2)}\n`)
    return 0
  })
}

export async function holidaysCommand(
  config: Config,
  action: string | undefined,
  file: string | undefined,
): Promise<number> {
  if (action !== 'import' || file === undefined)
    throw new UsageError('Use "scrutineer holidays import FILE" with the bank-holidays feed JSON.')
  return withServices(config, async (services) => {
    const result = await services.calendar.importHolidays(file, cliActor())
    if (!result.ok) return reportRefused(file, result.problems)
    process.stdout.write(
      `Read ${result.value.inFile} England and Wales bank holidays from ${file}: ${result.value.added} new.\n`,
    )
    return 0
  })
}
