/**
 * A streaming CSV tokenizer for the million-row Annex A path: text goes in chunk by chunk, rows come out as arrays of
 * cells with their row numbers. It reads exactly what papaparse 5 (which it replaces there) reads, so that nothing an
 * officer sees changes: RFC 4180 quoting (a quote opens a cell only at its start; `""` inside a quoted cell is one
 * quote; quoted cells may hold delimiters and line breaks), the file's line break (CRLF, LF or CR) taken from its
 * first line (lineBreakOf), blank lines kept as rows of one empty cell, spaces between a closing quote and the
 * delimiter dropped, a stray quote after a closing quote reported and kept as text, and a quote never closed
 * reported with the rest of the file as its cell. Unlike papaparse it never reports a problem that is only the edge
 * of a chunk: a row cut by a chunk's end waits for the next chunk.
 *
 * It is one pass of `charCodeAt` over each chunk with no per-cell regular expressions or lookups, and cells are
 * `slice`s of the chunk (V8 copies short ones; callers `detach` long strings they keep).
 */

/** The two ways quoting can be broken, as papaparse names them. */
export type CsvMalformation = 'MissingQuotes' | 'InvalidQuotes'

export interface CsvTokenizerSink {
  /** One record: its cells (a fresh array the receiver may keep) and its row number (the first record is 1). */
  row(cells: string[], rowNumber: number): void
  /** A quoting problem in the record with this row number, reported once per row and kind. */
  malformed(rowNumber: number, kind: CsvMalformation): void
}

const QUOTE = 34
const CR = 13
const LF = 10

/** The characters String.prototype.trim removes, which papaparse allows between a closing quote and a delimiter. */
function isTrimmedSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13)
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}

/**
 * The line break a file uses: its first one outside quoted cells. Null when `text` has none yet (a CR at its very
 * end may still be followed by an LF); at the `final` end of a file with none, LF. papaparse counts the CRs of its
 * first chunk instead; the two agree on any file whose lines all end alike, and this does not depend on where the
 * first chunk happens to end.
 * @example
 * lineBreakOf('a,"x\ny"\r\n1,2\r\n', false) // '\r\n'
 */
export function lineBreakOf(text: string, final: boolean): '\n' | '\r\n' | '\r' | null {
  let quoted = false
  let lastQuote = -1
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === QUOTE) {
      quoted = !quoted
      lastQuote = i
    } else if (!quoted) {
      const found = lineBreakAt(text, i, final)
      if (found !== undefined) return found
    }
  }
  if (!final) return null
  // A quote never closed: papaparse looks past it, so this does too.
  if (quoted) {
    for (let i = lastQuote + 1; i < text.length; i++) {
      const found = lineBreakAt(text, i, final)
      if (found !== undefined) return found
    }
  }
  return '\n'
}

/** The line break starting at `i`, undefined when there is none, null when the text ends before it can be told. */
function lineBreakAt(text: string, i: number, final: boolean): '\n' | '\r\n' | '\r' | null | undefined {
  const code = text.charCodeAt(i)
  if (code === LF) return '\n'
  if (code !== CR) return undefined
  if (i + 1 < text.length) return text.charCodeAt(i + 1) === LF ? '\r\n' : '\r'
  return final ? '\r' : null
}

/**
 * Tokenizes CSV text. `write` each chunk of text in order, then `end`. The delimiter is chosen from the first chunk
 * by `chooseDelimiter` (one character).
 * @example
 * const rows: string[][] = []
 * const tokenizer = new CsvTokenizer({ row: (cells) => rows.push(cells), malformed: () => {} }, () => ',')
 * tokenizer.write('id,note\n1,"a, b"\n')
 * tokenizer.end() // rows → [['id', 'note'], ['1', 'a, b']]
 */
export class CsvTokenizer {
  private readonly sink: CsvTokenizerSink
  private readonly chooseDelimiter: (firstText: string) => string
  private delimiter = 44
  private lineBreak: '\n' | '\r\n' | '\r' | null = null
  /** Text of a record not yet complete when its chunk ended. */
  private pending = ''
  private rowNumber = 0
  /** Row numbers and kinds already reported, so that a record read again after a chunk is not reported twice. */
  private readonly reported = new Set<string>()

  constructor(sink: CsvTokenizerSink, chooseDelimiter: (firstText: string) => string) {
    this.sink = sink
    this.chooseDelimiter = chooseDelimiter
  }

  /** The number of the last record handed on. */
  get rows(): number {
    return this.rowNumber
  }

  write(chunk: string): void {
    if (chunk === '') return
    const text = this.pending === '' ? chunk : this.pending + chunk
    if (this.lineBreak === null && !this.begin(text, false)) {
      this.pending = text
      return
    }
    const used = this.parse(text, false)
    this.pending = used === text.length ? '' : text.slice(used)
  }

  end(): void {
    const text = this.pending
    this.pending = ''
    if (text === '') return
    if (this.lineBreak === null) this.begin(text, true)
    this.parse(text, true)
  }

  /** Decides the line break and the delimiter from the first line, once it is there. */
  private begin(text: string, final: boolean): boolean {
    this.lineBreak = lineBreakOf(text, final)
    if (this.lineBreak === null) return false
    this.delimiter = this.chooseDelimiter(text).charCodeAt(0)
    return true
  }

  private report(rowNumber: number, kind: CsvMalformation): void {
    const key = `${rowNumber} ${kind}`
    if (this.reported.has(key)) return
    this.reported.add(key)
    this.sink.malformed(rowNumber, kind)
  }

  /**
   * Hands on every complete record of `text` and returns where the first incomplete one starts (the text's length
   * when none is). At the `final` end of the input the last record is complete whatever it ends with.
   */
  private parse(text: string, final: boolean): number {
    const length = text.length
    const delimiter = this.delimiter
    const lineBreak = this.lineBreak
    // The character that ends a record, and whether it must be followed by an LF (CRLF files).
    const breakCode = lineBreak === '\r' || lineBreak === '\r\n' ? CR : LF
    const crlf = lineBreak === '\r\n'
    const breakLength = crlf ? 2 : 1
    const delimiterText = String.fromCharCode(delimiter)
    const breakText = String.fromCharCode(breakCode)
    // Where the next delimiter and the next line break are, at or after the cursor (`length` when there is none),
    // found with indexOf (the engine's fast search) and kept until the cursor passes them: an unquoted cell, nearly
    // every cell, is then a slice between two of them rather than a look at each of its characters.
    let nextDelimiter = -1
    let nextBreak = -1
    const breakFrom = (from: number): number => {
      for (let at = text.indexOf(breakText, from); ; at = text.indexOf(breakText, at + 1)) {
        if (at < 0) return length
        if (!crlf) return at
        // In a CRLF file a CR is a line break only before an LF; one at the very end may be half of one.
        if (at + 1 >= length) return length
        if (text.charCodeAt(at + 1) === LF) return at
      }
    }
    let rowStart = 0
    while (rowStart < length) {
      const rowNumber = this.rowNumber + 1
      const cells: string[] = []
      let cursor = rowStart
      // Where the record ends (after its line break), or -1 while it goes on; -2 when the text ran out first.
      let next = -1
      while (next === -1) {
        if (text.charCodeAt(cursor) === QUOTE) {
          // A quoted cell: find the quote that closes it.
          const open = cursor + 1
          let search = open
          for (;;) {
            const close = text.indexOf('"', search)
            if (close < 0) {
              if (!final) {
                next = -2
                break
              }
              this.report(rowNumber, 'MissingQuotes')
              cells.push(text.slice(open))
              next = length
              break
            }
            if (close === length - 1) {
              if (!final) {
                next = -2
                break
              }
              cells.push(unquote(text, open, close))
              next = length
              break
            }
            if (text.charCodeAt(close + 1) === QUOTE) {
              search = close + 2
              continue
            }
            // Spaces may stand between the closing quote and what follows it.
            let after = close + 1
            let ended = boundaryAt(text, after, delimiter, breakCode, crlf) // as boundaryAt, or -1: something else
            while (ended === 0) {
              if (!isTrimmedSpace(text.charCodeAt(after))) {
                ended = -1
                break
              }
              after++
              ended = boundaryAt(text, after, delimiter, breakCode, crlf)
            }
            if (ended === -2 && !final) {
              next = -2
              break
            }
            if (ended === 1) {
              cells.push(unquote(text, open, close))
              cursor = after + 1
              if (cursor >= length && final) {
                // A delimiter at the very end: one more, empty, cell.
                cells.push('')
                next = length
              }
              break
            }
            if (ended === 2) {
              cells.push(unquote(text, open, close))
              next = after + breakLength
              break
            }
            // Text after the closing quote: the quote is kept as text and the cell goes on to the next one.
            this.report(rowNumber, 'InvalidQuotes')
            search = close + 1
          }
          continue
        }
        // An unquoted cell: up to the next delimiter or line break.
        if (nextDelimiter < cursor) {
          const at = text.indexOf(delimiterText, cursor)
          nextDelimiter = at < 0 ? length : at
        }
        if (nextBreak < cursor) nextBreak = breakFrom(cursor)
        const end = Math.min(nextDelimiter, nextBreak)
        const ended = end >= length ? -2 : end === nextBreak ? 2 : 1
        if (ended === -2) {
          if (!final) {
            next = -2
            break
          }
          cells.push(text.slice(cursor, length))
          next = length
          break
        }
        cells.push(text.slice(cursor, end))
        if (ended === 2) {
          next = end + breakLength
          break
        }
        cursor = end + 1
        if (cursor >= length && final) {
          cells.push('')
          next = length
        }
      }
      if (next === -2) return rowStart
      this.rowNumber = rowNumber
      this.sink.row(cells, rowNumber)
      rowStart = next
    }
    return length
  }
}

/**
 * What stands at `at` between cells: 1 a delimiter, 2 a line break (the whole CRLF in a CRLF file), -2 the text ran
 * out (a CR at its very end may be half a CRLF), 0 an ordinary character. Both cell scans stop on the same things.
 */
function boundaryAt(text: string, at: number, delimiter: number, breakCode: number, crlf: boolean): number {
  if (at >= text.length) return -2
  const code = text.charCodeAt(at)
  if (code === delimiter) return 1
  if (code !== breakCode) return 0
  if (!crlf) return 2
  if (at + 1 >= text.length) return -2
  return text.charCodeAt(at + 1) === LF ? 2 : 0
}

/** A quoted cell's text without its quotes, each doubled quote made one. */
function unquote(text: string, start: number, end: number): string {
  const cell = text.slice(start, end)
  return cell.indexOf('""') < 0 ? cell : cell.replaceAll('""', '"')
}
