/**
 * Streams the rows of a CSV file to a figures reader with papaparse, so that a large file never has to be held in
 * memory as one string (let alone twice). Cells arrive as text exactly as written; figures.ts interprets them.
 */
import Papa from 'papaparse'
import { PassThrough, Readable } from 'node:stream'
import type { RowSink } from './figures.ts'
import { TextDecoding, TextFileProblem, type TextEncodingName } from './text-file.ts'

/**
 * How reading the CSV ended. `stopped`: the sink asked to stop (a hopeless header); `too-large`: over maxBytes;
 * `not-text`: the bytes are not readable text (src/importers/text-file.ts), on `line`. `encoding` is how the bytes
 * were read.
 */
export type CsvReadOutcome =
  | { outcome: 'complete' | 'stopped'; encoding: TextEncodingName }
  | { outcome: 'too-large'; bytesRead: number }
  | { outcome: 'unreadable'; code: string }
  | { outcome: 'not-text'; line: number | null; reason: string }

const MALFORMED_REASONS: Record<string, string> = {
  MissingQuotes:
    'A quoted cell is never closed: a double quote (") is missing, so the rest of the file cannot be read reliably.',
  InvalidQuotes: 'A cell has a stray double quote (") after its closing quote.',
}

/**
 * Reads CSV text or a stream row by row, calling `sink.row` with each record's cells and its row number as a
 * spreadsheet would show it (the first line is row 1; blank lines count, as they do when Excel opens the file).
 * A UTF-8 byte order mark is dropped; CRLF, LF and CR line ends all work, decided from the first line break rather
 * than from the first chunk, which for an upload may be a handful of bytes. A stream of bytes is decoded by
 * `TextDecoding` (UTF-8, UTF-16 with its mark, or Windows-1252; NUL bytes and control characters refused) without
 * mangling a character split between chunks.
 * @example
 * await readCsvRows('id,period\na,2018-04\n', { row: (cells, n) => (console.log(n, cells), true), malformed: () => {} },
 *   { maxBytes: 1024 })
 * // 1 ['id', 'period'] then 2 ['a', '2018-04']
 */
export function readCsvRows(
  input: string | Readable,
  sink: RowSink,
  options: { maxBytes: number },
): Promise<CsvReadOutcome> {
  if (typeof input === 'string' && Buffer.byteLength(input) > options.maxBytes) {
    return Promise.resolve({ outcome: 'too-large', bytesRead: Buffer.byteLength(input) })
  }
  // Text goes through the same streaming path as a file, so both behave identically.
  const source = typeof input === 'string' ? Readable.from([input]) : input
  const decoding = new TextDecoding()
  return new Promise((resolve) => {
    let settled = false
    let rowsSeen = 0
    let bytesRead = 0
    // Text held back until the first line break shows which line ends the file uses.
    let pending = ''
    let parserInput: PassThrough | null = null
    const reported = new Set<string>()

    const settle = (outcome: CsvReadOutcome): void => {
      if (settled) return
      settled = true
      source.removeListener('data', onData)
      source.removeListener('end', onEnd)
      // Stop reading a file we no longer need (too large, not text, or a header that makes the rest meaningless).
      if (outcome.outcome !== 'complete') {
        source.destroy()
        parserInput?.destroy()
      }
      resolve(outcome)
    }

    const startParser = (newline: '\n' | '\r\n' | '\r'): PassThrough => {
      const stream = new PassThrough({ objectMode: true })
      Papa.parse<string[], Readable>(stream, {
        delimiter: ',',
        newline,
        chunk: (results, parser) => {
          if (settled) {
            parser.abort()
            return
          }
          const first = rowsSeen + 1
          for (const error of results.errors) {
            const reason = MALFORMED_REASONS[error.code]
            const rowNumber = first + (error.row ?? 0)
            // A broken quote is met again each time papaparse re-reads the unfinished record: report it once.
            if (reason === undefined || reported.has(`${rowNumber} ${error.code}`)) continue
            reported.add(`${rowNumber} ${error.code}`)
            sink.malformed(rowNumber, reason)
          }
          for (const cells of results.data) {
            rowsSeen += 1
            if (rowsSeen === 1 && cells[0]?.charCodeAt(0) === 0xfeff) cells[0] = cells[0].slice(1)
            if (!sink.row(cells, rowsSeen)) {
              settle({ outcome: 'stopped', encoding: decoding.encoding })
              parser.abort()
              return
            }
          }
        },
        complete: () => settle({ outcome: 'complete', encoding: decoding.encoding }),
        error: (error: Error) => settle({ outcome: 'unreadable', code: error.name }),
      })
      return stream
    }

    const onData = (chunk: string | Buffer): void => {
      // A second guard besides the caller's size check: a stream has no size until it has been read.
      bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length
      if (bytesRead > options.maxBytes) {
        settle({ outcome: 'too-large', bytesRead })
        return
      }
      let text: string
      try {
        text = typeof chunk === 'string' ? decoding.checkText(chunk) : decoding.write(chunk)
      } catch (error) {
        notText(error)
        return
      }
      if (parserInput !== null) {
        parserInput.write(text)
        return
      }
      pending += text
      const newline = lineEnding(pending, false)
      if (newline !== null) {
        parserInput = startParser(newline)
        parserInput.write(pending)
        pending = ''
      }
    }

    const notText = (error: unknown): void => {
      if (!(error instanceof TextFileProblem)) throw error
      settle({ outcome: 'not-text', line: error.line, reason: error.reason })
    }

    const onEnd = (): void => {
      let rest: string
      try {
        rest = pending + decoding.end()
      } catch (error) {
        notText(error)
        return
      }
      parserInput ??= startParser(lineEnding(rest, true) ?? '\n')
      if (rest !== '') parserInput.write(rest)
      parserInput.end()
    }

    source.on('data', onData)
    source.on('end', onEnd)
    source.on('error', (error: NodeJS.ErrnoException) =>
      settle({ outcome: 'unreadable', code: error.code ?? error.name }),
    )
  })
}

/** The line ending of the first line break, or null when there is none yet (or a CR that may be half a CRLF). */
function lineEnding(text: string, atEnd: boolean): '\n' | '\r\n' | '\r' | null {
  const index = text.search(/[\r\n]/)
  if (index < 0) return atEnd ? '\n' : null
  if (text[index] === '\n') return '\n'
  if (index + 1 < text.length) return text[index + 1] === '\n' ? '\r\n' : '\r'
  return atEnd ? '\r' : null
}
