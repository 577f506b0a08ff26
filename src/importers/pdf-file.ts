/**
 * Reading an uploaded PDF with pdf-lib, the way the document pack will: a file that only starts like a PDF
 * (`%PDF-1.4` then HTML), one protected with a password, or one with no pages cannot be drawn into a pack, so it
 * is refused when it is uploaded (src/services/report-service.ts) and, for a file stored before that check, when
 * the pack is built (src/exporters/document-pack/document-pack.ts), always in words rather than a crash.
 */
import type { PDFDocument } from 'pdf-lib'
import { failed, ok, type Result } from '../domain/result.ts'

/** The sentences an officer may read, exported so tests and docs quote the same words. */
export const pdfMessages = {
  unreadable: (name: string): string =>
    `${name} is not a PDF that can be read: it starts like a PDF but its contents are damaged or are another kind ` +
    'of file. Open it and save or export it as a PDF again, then upload that file.',
  encrypted: (name: string): string =>
    `${name} is protected with a password or encryption, so its pages cannot be put into the document pack. ` +
    'Save a copy without the protection and upload that.',
  noPages: (name: string): string => `${name} has no pages. Check that this is the right file.`,
  pagesUnusable: (name: string): string =>
    `The pages of ${name} cannot be copied into the document pack: a page is damaged or has no contents (a page ` +
    'left completely empty by the program that made it). Print it to a new PDF ("Microsoft Print to PDF" or ' +
    '"Save as PDF") and upload that file.',
} as const

/**
 * Parses PDF bytes and checks that their pages can be drawn into another document (what the pack does with them).
 * `name` is how messages refer to the file, e.g. `"Appendix 1.pdf"`.
 * @example
 * const read = await readPdf(bytes, '"Appendix 1.pdf"')
 * if (read.ok) read.value.getPageCount()
 */
export async function readPdf(bytes: Uint8Array, name: string): Promise<Result<PDFDocument, string>> {
  // pdf-lib is loaded by the first paper read, not at start-up.
  const { PDFDocument } = await import('pdf-lib')
  let doc: PDFDocument
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false })
  } catch {
    return failed([pdfMessages.unreadable(name)])
  }
  if (doc.isEncrypted) return failed([pdfMessages.encrypted(name)])
  let pages: number
  try {
    // A file with no page tree at all (only a PDF header) fails here rather than when the pack is built.
    pages = doc.getPageCount()
  } catch {
    return failed([pdfMessages.unreadable(name)])
  }
  if (pages === 0) return failed([pdfMessages.noPages(name)])
  try {
    // The pack draws each page onto a page of its own: do that now, so a page it cannot use is found here.
    const probe = await PDFDocument.create()
    const embedded = await probe.embedPdf(doc, doc.getPageIndices())
    for (const page of embedded) await page.embed()
  } catch {
    return failed([pdfMessages.pagesUnusable(name)])
  }
  return ok(doc)
}
