/**
 * Merged cells in an imported workbook. A merged range shows one value across several cells, and a reader sees
 * either that value copied into every cell of the range (exceljs's full reader does this, so a figure merged across
 * three months revises all three, and a merge across code and title overwrites both) or blanks where the officer
 * sees a value (its streaming reader). Neither is what the sheet means, so a sheet Scrutineer reads that has any
 * merged cell is refused, naming the sheet and every range, and nothing changes.
 *
 * Every row of a sheet that is read counts: the first non-blank row is the header and the rest are data, so there
 * are no title rows above the header whose merges could be harmless. Sheets that are not read (a notes or cover
 * sheet beside the figures, sheets other than List 1–11 in an Annex A return) may have merged cells.
 */
import { Transform, type TransformCallback } from 'node:stream'

/** The most ranges named in a refusal; the rest are counted. */
const MAX_NAMED_RANGES = 20

/**
 * Why a sheet with merged cells is refused, naming the ranges.
 * @example
 * mergedCellsReason('April 2018', ['K2:M2', 'A3:C3'])
 * // "Sheet 'April 2018' has merged cells K2:M2 and A3:C3; unmerge them …"
 */
export function mergedCellsReason(sheet: string, ranges: readonly string[]): string {
  const named = ranges.slice(0, MAX_NAMED_RANGES)
  const more = ranges.length - named.length
  const list =
    more > 0
      ? `${named.join(', ')} and ${more} more`
      : named.length === 1
        ? (named[0] ?? '')
        : `${named.slice(0, -1).join(', ')} and ${named.at(-1) ?? ''}`
  return (
    `Sheet '${sheet}' has merged cells ${list}; unmerge them (Home, Merge & ` +
    'Center, Unmerge Cells) and put each value in its own cell, then load the file again. A merged cell would be ' +
    'read as the same value in every cell it covers, or as blanks, so nothing was loaded.'
  )
}

/**
 * A pass-through stream over a worksheet's XML (`xl/worksheets/sheetN.xml`) that collects the ranges of its
 * `<mergeCell ref="…"/>` elements as the bytes go by, so a sheet being copied somewhere is scanned at no extra read.
 * @example
 * const scan = mergedCellScanner()
 * await pipeline(entry, scan.stream, createWriteStream(file))
 * scan.ranges() // ['K2:M2']
 */
export function mergedCellScanner(): { stream: Transform; ranges: () => string[] } {
  const found: string[] = []
  // The end of the previous chunk, so an element cut in two by a chunk boundary is still found.
  let tail = ''
  const pattern = /<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*["']([^"']*)["']/g
  const stream = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      const text = tail + chunk.toString('latin1')
      let searchedTo = 0
      for (const match of text.matchAll(pattern)) {
        found.push(match[1] ?? '')
        searchedTo = match.index + match[0].length
      }
      // Keep enough of the end to hold the start of an element (refs are short); never re-find a match.
      tail = text.slice(Math.max(searchedTo, text.length - 200))
      callback(null, chunk)
    },
  })
  return { stream, ranges: () => [...found] }
}
