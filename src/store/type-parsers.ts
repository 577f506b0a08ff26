/**
 * One set of type parsers for both databases, so a repository sees the same JavaScript values whether it runs on
 * PostgreSQL or on the embedded PGlite: bigints and numerics as numbers, dates as ISO `YYYY-MM-DD` strings,
 * timestamps as ISO 8601 strings in UTC. No `Date` objects leave the store.
 */

export const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
} as const

/** Turns PostgreSQL's text form of a timestamp into ISO 8601 UTC (`2018-04-30T12:00:00.000Z`). */
export function parseTimestamp(text: string, withZone: boolean): string {
  let iso = text.replace(' ', 'T')
  if (withZone) {
    // PostgreSQL writes the offset as +00 or +05:30; ECMAScript needs +00:00.
    iso = iso.replace(/([+-]\d{2})$/, '$1:00')
  } else {
    iso += 'Z'
  }
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return text
  return date.toISOString()
}

export const typeParsers: Record<number, (text: string) => unknown> = {
  [OID.int8]: Number,
  [OID.numeric]: Number,
  [OID.date]: (text) => text,
  [OID.timestamp]: (text) => parseTimestamp(text, false),
  [OID.timestamptz]: (text) => parseTimestamp(text, true),
}
