/**
 * How every imported text file (a figures or catalogue CSV, an Annex A list, a bank-holidays feed) is turned from
 * bytes into text, in one place so that every importer makes the same checks:
 *
 * - a byte order mark says the encoding: UTF-8, or UTF-16 (little- or big-endian, as Excel's "Unicode Text" saves);
 * - without one the file is read as UTF-8 while it is valid UTF-8. A file whose first non-ASCII character is not
 *   valid UTF-8 is read as Windows-1252 (what Excel's "CSV (Comma delimited)" writes on Windows), and the reader is
 *   given a note to show the officer, so `£ é “ ”` arrive as written rather than as U+FFFD. A file that has valid
 *   UTF-8 and later bytes that are not is refused: two encodings in one file cannot be read without guessing;
 * - a NUL byte or another control character (other than tab, line feed and carriage return) is refused with its
 *   line: no CSV or JSON file holds one, so the file is damaged or is not a text file at all.
 *
 * Nothing is ever silently replaced: the text is either exactly what the bytes say in the encoding named, or the
 * file is refused with a `TextFileProblem` saying which line and why.
 */
import { isAscii, isUtf8 } from 'node:buffer'
import { Transform, type TransformCallback } from 'node:stream'
import { TextDecoder } from 'node:util'
import { codeName, controlCharacterIndex } from '../domain/control-characters.ts'

export { controlCharacterIndex, visibleControlCharacters } from '../domain/control-characters.ts'

export type TextEncodingName = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252'

/** Why a file's bytes are not text Scrutineer can read, and the line (1 = first) where that was found. */
export class TextFileProblem extends Error {
  override name = 'TextFileProblem'
  constructor(
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(reason)
  }
}

const SAVE_AS_UTF8 = 'Open it in Excel and save it as "CSV UTF-8 (Comma delimited)" (.csv), then load that file.'

/** The sentences an officer may read, exported so tests and docs quote the same words. */
export const textFileMessages = {
  windows1252: (file: string): string =>
    `${file} is not UTF-8 text, so it was read as Windows-1252 (what Excel's "CSV (Comma delimited)" saves on ` +
    'Windows): check that characters such as £, é and curly quotes look right. Saving the file as ' +
    '"CSV UTF-8 (Comma delimited)" avoids this note.',
  mixed: (utf8Line: number): string =>
    `This line is not valid UTF-8 text, but line ${utf8Line} is: the file mixes two text encodings, so Scrutineer ` +
    `cannot tell what its characters are. ${SAVE_AS_UTF8}`,
  badUtf16: (encoding: TextEncodingName): string =>
    `The file starts with the mark of ${encoding} text, but this line is not valid ${encoding}: the file is ` +
    `damaged. ${SAVE_AS_UTF8}`,
  control: (code: number): string =>
    (code === 0
      ? 'This line holds a NUL byte (character code 0)'
      : `This line holds the control character ${codeName(code)}`) +
    ', which no CSV or JSON file contains: the file is damaged, or it is not a text file (a workbook, PDF or ' +
    `other file renamed?). ${SAVE_AS_UTF8}`,
  badCell: (code: number): string =>
    `This cell holds the control character ${codeName(code)}, which cannot be stored. Delete it from the cell.`,
} as const

/**
 * What the officer is told about a file read in `encoding`: only Windows-1252 needs a note (the others are what the
 * file says it is).
 * @example encodingNote('april.csv', 'UTF-8') // null
 */
export function encodingNote(file: string, encoding: TextEncodingName): string | null {
  return encoding === 'Windows-1252' ? textFileMessages.windows1252(file) : null
}

/**
 * Reads bytes as text chunk by chunk (a stream never has to be held whole). `write` returns the text of a chunk,
 * `end` what was held back; both throw `TextFileProblem` when the bytes are not readable text.
 * @example
 * const decoding = new TextDecoding()
 * decoding.write(Buffer.from([0x41, 0xa3, 0x0a])) + decoding.end() // 'A£\n' (Windows-1252)
 * decoding.note('april.csv') // 'april.csv is not UTF-8 text, so it was read as Windows-1252 …'
 */
export class TextDecoding {
  private mode: 'start' | 'ascii' | TextEncodingName = 'start'
  private pending: Uint8Array = new Uint8Array(0)
  private decoder: TextDecoder | null = null
  private line = 1
  private firstUtf8Line = 0

  /** The encoding the text was read in so far (UTF-8 for a file with only ASCII characters). */
  get encoding(): TextEncodingName {
    return this.mode === 'start' || this.mode === 'ascii' ? 'UTF-8' : this.mode
  }

  /** What the officer should be told about how the file was read, or null when there is nothing to say. */
  note(file: string): string | null {
    return encodingNote(file, this.encoding)
  }

  write(chunk: Uint8Array): string {
    return this.decode(chunk, false)
  }

  end(): string {
    return this.decode(new Uint8Array(0), true)
  }

  /** Checks text that arrived already decoded (a string given to a reader) for control characters. */
  checkText(text: string): string {
    const index = controlCharacterIndex(text)
    if (index >= 0) {
      throw new TextFileProblem(
        this.line + countLines(text, 0, index),
        textFileMessages.control(text.charCodeAt(index)),
      )
    }
    this.line += countLines(text, 0, text.length)
    return text
  }

  private decode(chunk: Uint8Array, atEnd: boolean): string {
    let bytes = this.pending.length === 0 ? chunk : concat(this.pending, chunk)
    this.pending = new Uint8Array(0)
    if (this.mode === 'start') {
      if (bytes.length < 3 && !atEnd) {
        this.pending = bytes
        return ''
      }
      bytes = this.chooseByBom(bytes)
    }
    let text = ''
    if (this.mode === 'ascii') text = this.decodeUndecided(bytes, atEnd)
    else if (this.mode === 'UTF-8') text = this.decodeUtf8(bytes, atEnd)
    else if (this.mode === 'Windows-1252') text = windows1252(bytes)
    else text = this.decodeUtf16(bytes, atEnd)
    return this.checkText(text)
  }

  private chooseByBom(bytes: Uint8Array): Uint8Array {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.mode = 'UTF-8'
      return bytes.subarray(3)
    }
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      this.mode = 'UTF-16LE'
      this.decoder = new TextDecoder('utf-16le', { fatal: true })
      return bytes.subarray(2)
    }
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      this.mode = 'UTF-16BE'
      this.decoder = new TextDecoder('utf-16be', { fatal: true })
      return bytes.subarray(2)
    }
    this.mode = 'ascii'
    return bytes
  }

  /** Only ASCII so far: the first non-ASCII byte decides between UTF-8 and Windows-1252. */
  private decodeUndecided(bytes: Uint8Array, atEnd: boolean): string {
    // Most chunks of most files are all ASCII: checked natively, not byte by byte.
    if (isAscii(bytes)) return latin1(bytes, 0, bytes.length)
    let i = 0
    while (i < bytes.length && (bytes[i] ?? 0) < 0x80) i++
    const ascii = latin1(bytes, 0, i)
    if (i === bytes.length) return ascii
    const length = utf8SequenceLength(bytes, i)
    if (length < 0 && !atEnd) {
      // The character is cut by the end of the chunk: decide when the next one arrives.
      this.pending = bytes.slice(i)
      return ascii
    }
    const lineOfFirst = this.line + countLines(ascii, 0, ascii.length)
    if (length > 0) {
      this.mode = 'UTF-8'
      this.firstUtf8Line = lineOfFirst
      return ascii + this.decodeUtf8(bytes.subarray(i), atEnd, lineOfFirst - this.line)
    }
    this.mode = 'Windows-1252'
    return ascii + windows1252(bytes.subarray(i))
  }

  private decodeUtf8(bytes: Uint8Array, atEnd: boolean, linesBefore = 0): string {
    // A chunk that is valid UTF-8 to its last byte (most are) is checked natively, not byte by byte.
    if (this.firstUtf8Line !== 0 && isUtf8(bytes)) {
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
    }
    let i = 0
    let validEnd = 0
    while (i < bytes.length) {
      if ((bytes[i] ?? 0) < 0x80) {
        i++
        validEnd = i
        continue
      }
      const length = utf8SequenceLength(bytes, i)
      if (length > 0) {
        if (this.firstUtf8Line === 0) this.firstUtf8Line = this.line + linesBefore + countNewlineBytes(bytes, 0, i)
        i += length
        validEnd = i
        continue
      }
      if (length < 0 && !atEnd) break
      const line = this.line + linesBefore + countNewlineBytes(bytes, 0, i)
      throw new TextFileProblem(line, textFileMessages.mixed(this.firstUtf8Line === 0 ? 1 : this.firstUtf8Line))
    }
    this.pending = bytes.slice(validEnd)
    return Buffer.from(bytes.buffer, bytes.byteOffset, validEnd).toString('utf8')
  }

  private decodeUtf16(bytes: Uint8Array, atEnd: boolean): string {
    try {
      return (this.decoder ?? new TextDecoder('utf-16le', { fatal: true })).decode(bytes, { stream: !atEnd })
    } catch {
      throw new TextFileProblem(this.line, textFileMessages.badUtf16(this.encoding))
    }
  }
}

/**
 * The length of the valid UTF-8 sequence starting at `i` (a byte of 0x80 or more), 0 when it is not valid UTF-8,
 * or -1 when the bytes end before it does and so far it could be valid.
 */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] ?? 0
  let length: number
  let low = 0x80
  let high = 0xbf
  if (lead >= 0xc2 && lead <= 0xdf) length = 2
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3
    if (lead === 0xe0) low = 0xa0
    if (lead === 0xed) high = 0x9f
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4
    if (lead === 0xf0) low = 0x90
    if (lead === 0xf4) high = 0x8f
  } else return 0
  for (let k = 1; k < length; k++) {
    if (i + k >= bytes.length) return -1
    const byte = bytes[i + k] ?? 0
    if (byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return 0
  }
  return length
}

/**
 * Windows-1252's characters for the bytes 0x80–0x9F (the rest are Latin-1's). Node 20's TextDecoder reads
 * "windows-1252" as Latin-1, so the table is here. The five bytes Windows-1252 leaves undefined stay C1 control
 * characters, as the WHATWG Encoding Standard maps them, and are then refused as control characters.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
]

function windows1252(bytes: Uint8Array): string {
  let text = ''
  let start = 0
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0
    if (byte < 0x80 || byte > 0x9f) continue
    text += latin1(bytes, start, i) + String.fromCharCode(WINDOWS_1252_HIGH[byte - 0x80] ?? byte)
    start = i + 1
  }
  return text + latin1(bytes, start, bytes.length)
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length)
  joined.set(a, 0)
  joined.set(b, a.length)
  return joined
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1')
}

function countLines(text: string, start: number, end: number): number {
  let n = 0
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++
  return n
}

function countNewlineBytes(bytes: Uint8Array, start: number, end: number): number {
  let n = 0
  for (let i = start; i < end; i++) if (bytes[i] === 0x0a) n++
  return n
}

/**
 * A stream of bytes in, text out (for readers that take a stream, such as papaparse), checked as `TextDecoding`
 * checks it: the stream fails with a `TextFileProblem` when the bytes are not readable text.
 * @example
 * const { stream, decoding } = decodingStream()
 * createReadStream('list-1.csv').pipe(stream)
 */
export function decodingStream(): { stream: Transform; decoding: TextDecoding } {
  const decoding = new TextDecoding()
  const stream = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        const text = decoding.write(chunk)
        callback(null, text === '' ? undefined : text)
      } catch (error) {
        callback(error as Error)
      }
    },
    flush(callback: TransformCallback) {
      try {
        const text = decoding.end()
        callback(null, text === '' ? undefined : text)
      } catch (error) {
        callback(error as Error)
      }
    },
  })
  return { stream, decoding }
}

/**
 * Decodes a whole small file (a bank-holidays feed) with the same checks.
 * @example
 * decodeText(Buffer.from('{"a":1}')) // { text: '{"a":1}', decoding }
 */
export function decodeText(bytes: Uint8Array): { text: string; decoding: TextDecoding } {
  const decoding = new TextDecoding()
  const text = decoding.write(bytes) + decoding.end()
  return { text, decoding }
}
