/**
 * PDFs in tests: read one back as text with poppler's `pdftotext` (installed by `npm test`), and make a one-page
 * PDF to upload.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, StandardFonts } from 'pdf-lib'

/** A PDF's text (a file path or the bytes), line breaks and runs of spaces as one space. */
export function pdfText(pdf: string | Uint8Array): string {
  let file = pdf
  if (typeof file !== 'string') {
    file = join(mkdtempSync(join(tmpdir(), 'pdf-text-')), 'document.pdf')
    writeFileSync(file, pdf)
  }
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

/** An A4 PDF of one page carrying `text`. */
export async function onePagePdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  doc.addPage([595, 842]).drawText(text, { x: 60, y: 600, size: 20, font })
  return doc.save()
}
