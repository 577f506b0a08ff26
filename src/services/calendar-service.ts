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
import type { ImportProblem } from '../importers/problem.ts'
import type { DataAccess } from '../store/data-access.ts'
import { recordChange } from './change-record.ts'

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
): Promise<Result<Array<{ date: IsoDate; title: string }>, ImportProblem>> {
  const file = basename(path)
  let feed: unknown
  try {
    feed = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
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
  return ok(parsed.value.map((date) => ({ date, title: titles.get(date) ?? '' })))
}

export function calendarService(data: DataAccess) {
  return {
    async calendar(): Promise<WorkingDayCalendar> {
      const loaded = (await data.settings.bankHolidays()).map((h) => h.date)
      return createWorkingDayCalendar(mergeHolidays(shippedHolidays(), loaded))
    },

    /** Adds the holidays of a feed file to the calendar; returns how many were new. */
    async importHolidays(
      path: string,
      actor: string,
    ): Promise<Result<{ added: number; inFile: number }, ImportProblem>> {
      const read = await readHolidayFeed(path)
      if (!read.ok) return read
      const known = new Set(shippedHolidays())
      const fresh = read.value.filter((h) => !known.has(h.date))
      const added = await data.transaction(async (repos) => {
        const count = await repos.settings.addBankHolidays(fresh)
        await recordChange(
          repos.audit,
          { actor },
          'holidays.import',
          { type: 'calendar', id: 'england-and-wales' },
          { file: basename(path), inFile: read.value.length, added: count },
        )
        return count
      })
      return ok({ added, inFile: read.value.length })
    },
  }
}

export type CalendarService = ReturnType<typeof calendarService>
