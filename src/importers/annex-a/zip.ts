/**
 * An Annex A return uploaded as a .zip of list CSV files, unpacked safely into a folder the reader can open.
 * The archive's directory is checked before anything is unpacked, and the bytes are counted as they are written:
 * - a name that points outside the archive (`../x`, `/etc/x`, `C:\x`) is refused, and nothing is ever written under
 *   the name the archive gives: each CSV is written flat, under its own base name, into the folder;
 * - password-protected files, more than `maxEntries` files, more than `maxUnpackedBytes` unpacked in total, or a
 *   file that unpacks to more than `maxRatio` times its packed size (a "zip bomb") are refused;
 * - a file that holds more than the directory says is cut off and refused.
 * Only `.csv` files are unpacked; folders, `__MACOSX` and other files are passed over.
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { basename, extname, join, posix, win32 } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { crc32, createInflateRaw } from 'node:zlib'
import { pipeline } from 'node:stream/promises'
import { failed, ok, type Result } from '../../domain/result.ts'
import type { ImportProblem } from '../problem.ts'
import { loadUnzipper, type ZipDirectoryEntry } from './sources.ts'

export interface ZipLimits {
  /** Most bytes the archive's files may hold once unpacked, all together. */
  maxUnpackedBytes: number
  /** Most entries (files and folders) the archive may hold. */
  maxEntries?: number
  /** Largest unpacked-to-packed ratio of one file: CSV text packs about ten to one, a zip bomb thousands. */
  maxRatio?: number
}

const DEFAULT_MAX_ENTRIES = 100
const DEFAULT_MAX_RATIO = 200
/** Files smaller than this are never refused on their ratio (a tiny file of blanks packs very well). */
const RATIO_FLOOR_BYTES = 1024 * 1024

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 })
}

/** True when an archive's name for a file could point outside the folder it is unpacked into. */
export function escapesArchive(name: string): boolean {
  if (name.includes('\0')) return true
  if (posix.isAbsolute(name) || win32.isAbsolute(name) || /^[a-zA-Z]:/.test(name)) return true
  return name.split(/[/\\]+/).some((part) => part === '..')
}

/** Which files of an archive to unpack (by extension), and what to tell someone whose archive holds none. */
export interface ZipContents {
  extensions: readonly string[]
  /** E.g. "Put the lists in it as list-1.csv to list-11.csv." */
  needs: string
}

/** An Annex A return: its list CSV files. */
const ANNEX_A_LISTS: ZipContents = {
  extensions: ['.csv'],
  needs: 'The zip file holds no CSV files. Put the lists in it as list-1.csv to list-11.csv.',
}

/** Whether an entry is one of the wanted files (not a folder, not macOS's resource forks). */
function isWanted(entry: ZipDirectoryEntry, contents: ZipContents): boolean {
  if (entry.type !== 'File') return false
  const parts = entry.path.split(/[/\\]+/)
  const name = parts.at(-1) ?? ''
  if (parts.includes('__MACOSX') || name.startsWith('._')) return false
  return contents.extensions.includes(extname(name).toLowerCase())
}

/**
 * Checks a zip archive's directory against the limits without unpacking anything; `csvOnly` limits the checks of
 * size and ratio to the CSV files (a return; or to the files a `ZipContents` names), otherwise every file counts
 * (a workbook, itself a zip).
 * @example await inspectZip('/tmp/annex-a.zip', 'annex-a.zip', { maxUnpackedBytes: 2 ** 31 }, true)
 */
export async function inspectZip(
  path: string,
  displayName: string,
  limits: ZipLimits,
  csvOnly: boolean | ZipContents,
): Promise<Result<ZipDirectoryEntry[], ImportProblem>> {
  const wanted = csvOnly === true ? ANNEX_A_LISTS : csvOnly === false ? null : csvOnly
  const problem = (reason: string, value: string | null = null) =>
    failed<ImportProblem>([{ file: displayName, row: null, column: null, value, reason }])
  let entries: ZipDirectoryEntry[]
  try {
    entries = (await loadUnzipper().Open.file(path)).files
  } catch {
    return problem(
      `${displayName} could not be opened as a zip file: it may be damaged or not a zip file at all. ` +
        (wanted === ANNEX_A_LISTS ? 'Make a new .zip of the list files (list-1.csv to list-11.csv).' : ''),
    )
  }
  const maxEntries = limits.maxEntries ?? DEFAULT_MAX_ENTRIES
  if (entries.length > maxEntries) {
    return problem(
      `The zip file holds ${entries.length} files and folders; Scrutineer unpacks at most ${maxEntries}. ` +
        (wanted === ANNEX_A_LISTS ? 'An Annex A return needs only list-1.csv to list-11.csv.' : ''),
    )
  }
  for (const entry of entries) {
    if (escapesArchive(entry.path)) {
      return problem(
        `The zip file holds a file whose name points outside the archive. Scrutineer does not unpack archives like this: make a new .zip of the list files.`,
        entry.path,
      )
    }
  }
  const counted =
    wanted !== null ? entries.filter((e) => isWanted(e, wanted)) : entries.filter((e) => e.type === 'File')
  if (wanted !== null && counted.length === 0) return problem(wanted.needs)
  const maxRatio = limits.maxRatio ?? DEFAULT_MAX_RATIO
  let total = 0
  for (const entry of counted) {
    if ((entry.flags & 0x01) !== 0) {
      return problem('This file in the zip is protected by a password. Make the zip without a password.', entry.path)
    }
    total += entry.uncompressedSize
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1)
    if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > maxRatio) {
      return problem(
        `This file would unpack to ${Math.round(ratio).toLocaleString('en-GB')} times its packed size, which only a deliberately crafted file (a "zip bomb") does. Scrutineer does not unpack it.`,
        entry.path,
      )
    }
  }
  if (total > limits.maxUnpackedBytes) {
    return problem(
      `Unpacked, the files in ${displayName} would take ${megabytes(total)} MB, more than the ${megabytes(limits.maxUnpackedBytes)} MB allowed.`,
    )
  }
  return ok(counted)
}

/** Passes bytes on, failing once more than `limit` have passed. */
function byteLimit(limit: number, onExceeded: () => Error): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length
      if (seen > limit) done(onExceeded())
      else done(null, chunk)
    },
  })
}

class CrammedEntry extends Error {}

/** Each byte that passes, checked at the end against the CRC-32 the zip recorded for the file. */
function crcCheck(expected: number): Transform {
  let crc = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      crc = crc32(chunk, crc)
      done(null, chunk)
    },
    flush(done) {
      done(crc >>> 0 === expected >>> 0 ? null : new Error('The file does not match the CRC-32 the zip recorded'))
    },
  })
}

/**
 * A stored or deflated entry's bytes read straight from the archive file and inflated by node's zlib, several times
 * faster than unzipper's own entry stream (a million-row return's 90 MB took a second that way); null for what
 * only unzipper reads (another compression method, sizes kept in a ZIP64 record).
 */
async function directStream(
  zipPath: string,
  entry: ZipDirectoryEntry,
): Promise<[Readable] | [Readable, Transform] | null> {
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return null
  if (entry.compressedSize >= 0xffffffff || entry.offsetToLocalFileHeader >= 0xffffffff) return null
  const header = Buffer.alloc(30)
  const file = await open(zipPath, 'r')
  try {
    const { bytesRead } = await file.read(header, 0, 30, entry.offsetToLocalFileHeader)
    if (bytesRead < 30 || header.readUInt32LE(0) !== 0x04034b50) return null
  } finally {
    await file.close()
  }
  const start = entry.offsetToLocalFileHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
  if (entry.compressedSize === 0) return [Readable.from([])]
  const raw = createReadStream(zipPath, { start, end: start + entry.compressedSize - 1, highWaterMark: 1024 * 1024 })
  return entry.compressionMethod === 0 ? [raw] : [raw, createInflateRaw()]
}

/**
 * Unpacks a zip of Annex A list CSV files (or, given `contents`, the files with its extensions: a DfE LAIT
 * folder's CSV and Excel files) flat into `folder` (which must exist and be empty), after `inspectZip`'s checks.
 * Returns the names written.
 * @example
 * const unpacked = await unpackCsvZip('/tmp/u/annex-a.zip', '/tmp/u/annex-a', 'annex-a.zip', { maxUnpackedBytes: 2 ** 31 })
 * if (unpacked.ok) await readAnnexA('/tmp/u/annex-a')
 */
export async function unpackCsvZip(
  zipPath: string,
  folder: string,
  displayName: string,
  limits: ZipLimits,
  contents: ZipContents = ANNEX_A_LISTS,
): Promise<Result<string[], ImportProblem>> {
  const inspected = await inspectZip(zipPath, displayName, limits, contents)
  if (!inspected.ok) return inspected
  const written = new Set<string>()
  const names: string[] = []
  let remaining = limits.maxUnpackedBytes
  for (const entry of inspected.value) {
    // Flat, under its own base name: the archive's folders never become paths on this machine.
    const stem = basename(entry.path.replace(/\\/g, '/')).replace(/[^\w .()-]/g, '_')
    let name = stem
    const extension = extname(stem)
    for (let n = 2; written.has(name.toLowerCase()); n++)
      name = `${stem.slice(0, -extension.length)} (${n})${extension}`
    written.add(name.toLowerCase())
    names.push(name)
    const limit = Math.min(entry.uncompressedSize, remaining)
    try {
      const direct = await directStream(zipPath, entry)
      if (direct === null) {
        await pipeline(
          entry.stream(),
          byteLimit(limit, () => new CrammedEntry()),
          createWriteStream(join(folder, name)),
        )
      } else {
        await pipeline([
          ...direct,
          byteLimit(limit, () => new CrammedEntry()),
          crcCheck(entry.crc32),
          createWriteStream(join(folder, name)),
        ])
      }
    } catch (error) {
      const reason =
        error instanceof CrammedEntry
          ? 'This file holds more than the zip file says it does: the zip may be damaged or deliberately crafted. Scrutineer does not unpack it.'
          : 'This file in the zip could not be unpacked: the zip may be damaged. Make a new .zip of the list files.'
      return failed([{ file: displayName, row: null, column: null, value: entry.path, reason }])
    }
    remaining -= entry.uncompressedSize
  }
  return ok(names)
}
