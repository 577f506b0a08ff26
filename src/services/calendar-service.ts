/**
 * The working-day calendar: England and Wales bank holidays shipped with Scrutineer
 * (reference/bank-holidays-england-and-wales.json), plus any the council has loaded since from the public
 * bank-holidays feed (`scrutineer holidays import FILE`).
 */
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_DIVISION, mergeHolidays, parseBankHolidays } from '../domain/calendar/bank-holidays.ts'
import type { IsoDate } from '../domain/calendar/days.ts'
import { createWorkingDayCalendar, type WorkingDayCalendar } from '../domain/calendar/working-days.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import { emptyPreview, STALE_PREVIEW, type UploadPreview } from '../domain/upload.ts'
import type { ImportProblem } from '../importers/problem.ts'
import {
  controlCharacterIndex,
  decodeText,
  textFileMessages,
  TextFileProblem,
  visibleControlCharacters,
} from '../importers/text-file.ts'
import type { DataAccess, Repositories } from '../store/data-access.ts'
import { recordChange, type ChangeContext } from './change-record.ts'
import { fingerprintOf } from './fingerprint.ts'

export const SHIPPED_HOLIDAYS_FILE = fileURLToPath(
  new URL('../../reference/bank-holidays-england-and-wales.json', import.meta.url),
)

let shipped: IsoDate[] | null = null

/** The holidays that ship with Scrutineer. Read once: the file is part of the release. */
export function shippedHolidays(): IsoDate[] {
  if (shipped === null) {
    const parsed = parseBankHolidays(JSON.parse(readFileSync(SHIPPED_HOLIDAYS_FILE, 'utf8')))
    if (!parsed.ok) throw new Error(`The shipped bank holidays are damaged: ${parsed.problems[0]?.reason ?? ''}`)
    shipped = parsed.value
  }
  return shipped
}

/** Titles by date from a feed, for storing beside the dates; the domain parser has already checked the shape. */
function titlesOf(feed: unknown): Map<string, string> {
  const titles = new Map<string, string>()
  const root = feed as Record<string, { events?: Array<{ date?: unknown; title?: unknown }> } | undefined>
  const block = (root[DEFAULT_DIVISION] ?? root) as { events?: Array<{ date?: unknown; title?: unknown }> }
  for (const event of block.events ?? []) {
    if (typeof event.date === 'string') titles.set(event.date, typeof event.title === 'string' ? event.title : '')
  }
  return titles
}

/** Reads a bank-holidays feed file; every problem comes back as an ImportProblem naming the file. */
export async function readHolidayFeed(
  path: string,
  displayName: string = basename(path),
): Promise<Result<Array<{ date: IsoDate; title: string }>, ImportProblem>> {
  const file = displayName
  let feed: unknown
  try {
    // The same checks as every imported text file (src/importers/text-file.ts): NUL bytes and junk are refused.
    feed = JSON.parse(decodeText(await readFile(path)).text)
  } catch (error) {
    if (error instanceof TextFileProblem) {
      return failed([{ file, row: error.line, column: null, value: null, reason: error.reason }])
    }
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'There is no such file.'
        : `This is not a JSON bank-holidays feed: ${(error as Error).message}`
    return failed([{ file, row: null, column: null, value: null, reason }])
  }
  const parsed = parseBankHolidays(feed)
  if (!parsed.ok) {
    return failed(parsed.problems.map((p) => ({ file, row: null, column: p.where, value: p.value, reason: p.reason })))
  }
  const titles = titlesOf(feed)
  // A JSON escape such as \u0000 gets past the byte check; such a title could not be stored.
  for (const [date, title] of titles) {
    if (controlCharacterIndex(title) < 0) continue
    const value = visibleControlCharacters(title)
    const reason = textFileMessages.badCell(title.charCodeAt(controlCharacterIndex(title)))
    return failed([{ file, row: null, column: `title of ${date}`, value, reason }])
  }
  return ok(parsed.value.map((date) => ({ date, title: titles.get(date) ?? '' })))
}

/** A feed checked against the calendar: the holidays it would add, and the fingerprint of what it was compared with. */
export interface HolidaysCheck {
  inFile: Array<{ date: IsoDate; title: string }>
  fresh: Array<{ date: IsoDate; title: string }>
  preview: UploadPreview
  fingerprint: string
}

/** The fingerprint of the holidays loaded so far (what a feed's preview was compared with). */
export async function holidaysFingerprint(repos: Pick<Repositories, 'settings'>): Promise<string> {
  return fingerprintOf((await repos.settings.bankHolidays()).map((h) => h.date))
}

export function calendarService(data: DataAccess) {
  /** The calendar with these loaded holidays beside the shipped ones. */
  function calendarFrom(loaded: readonly IsoDate[]): WorkingDayCalendar {
    return createWorkingDayCalendar(mergeHolidays(shippedHolidays(), [...loaded]))
  }

  return {
    calendarFrom,

    async calendar(): Promise<WorkingDayCalendar> {
      return calendarFrom((await data.settings.bankHolidays()).map((h) => h.date))
    },

    /** Reads a feed and works out which holidays it would add, writing nothing (an upload's preview). */
    async checkHolidays(path: string, displayName?: string): Promise<Result<HolidaysCheck, ImportProblem>> {
      const file = displayName ?? basename(path)
      const read = await readHolidayFeed(path, file)
      if (!read.ok) return read
      const known = new Set([...shippedHolidays(), ...(await data.settings.bankHolidays()).map((h) => h.date)])
      const fresh = read.value.filter((h) => !known.has(h.date))
      const preview = emptyPreview('bank-holidays', file)
      const first = read.value[0]?.date
      const last = read.value.at(-1)?.date
      preview.facts.push(
        first === undefined || last === undefined
          ? 'The feed lists no holidays.'
          : `The feed lists ${read.value.length} England and Wales bank holidays, ${first} to ${last}.`,
      )
      preview.holidays = { added: fresh, known: read.value.length - fresh.length }
      return ok({ inFile: read.value, fresh, preview, fingerprint: await holidaysFingerprint(data) })
    },

    /**
     * Adds the holidays of a feed file to the calendar; returns how many were new. With `expectedFingerprint` (an
     * upload's, from its check) nothing is added if other holidays were loaded since.
     */
    async importHolidays(
      path: string,
      actor: string,
      options: { displayName?: string; correlationId?: string | null; expectedFingerprint?: string } = {},
    ): Promise<Result<{ added: number; inFile: number }, ImportProblem>> {
      const file = options.displayName ?? basename(path)
      const read = await readHolidayFeed(path, file)
      if (!read.ok) return read
      const known = new Set(shippedHolidays())
      const fresh = read.value.filter((h) => !known.has(h.date))
      const context: ChangeContext = { actor, correlationId: options.correlationId ?? null }
      return data.transaction(async (repos) => {
        await repos.imports.lock()
        if (
          options.expectedFingerprint !== undefined &&
          (await holidaysFingerprint(repos)) !== options.expectedFingerprint
        ) {
          return failed([{ file, row: null, column: null, value: null, reason: STALE_PREVIEW }])
        }
        const count = await repos.settings.addBankHolidays(fresh)
        await recordChange(
          repos.audit,
          context,
          'holidays.import',
          { type: 'calendar', id: 'england-and-wales' },
          { file, inFile: read.value.length, added: count },
        )
        return ok({ added: count, inFile: read.value.length })
      })
    },
  }
}

export type CalendarService = ReturnType<typeof calendarService>
