/**
 * Zip archives for tests, made with JSZip (a dependency of exceljs, loaded from there as the Annex A reader loads
 * unzipper): a return as a .zip of list CSVs, and crafted archives a council would never send.
 */
import { createRequire } from 'node:module'

interface JSZipFile {
  file(name: string, content: string | Uint8Array, options?: { compression?: 'STORE' | 'DEFLATE' }): JSZipFile
  generateAsync(options: { type: 'nodebuffer'; compression?: 'STORE' | 'DEFLATE' }): Promise<Buffer>
}

const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip') as new () => JSZipFile

/** A zip holding these files, by name (names are kept exactly, `../` included). */
export async function zipOf(files: Record<string, string | Uint8Array>): Promise<Buffer> {
  const zip = new JSZip()
  for (const [name, content] of Object.entries(files)) zip.file(name, content)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

/** The signature of a central directory record, where a zip says each file's sizes. */
const CENTRAL_RECORD = Buffer.from([0x50, 0x4b, 0x01, 0x02])

/**
 * Rewrites the unpacked size the zip's central directory gives every file, as a crafted archive would lie about it.
 * @example withDeclaredSize(await zipOf({ 'list-1.csv': text }), 10)
 */
export function withDeclaredSize(zip: Buffer, size: number): Buffer {
  const copy = Buffer.from(zip)
  for (let at = copy.indexOf(CENTRAL_RECORD); at >= 0; at = copy.indexOf(CENTRAL_RECORD, at + 4)) {
    copy.writeUInt32LE(size, at + 24)
  }
  return copy
}
