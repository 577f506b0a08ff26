/**
 * PDFs in tests: read one back as text with poppler's `pdftotext` (installed by `npm test`), and make a one-page
 * PDF to upload.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, StandardFonts } from 'pdf-lib'

/** A PDF's text (a file path or the bytes), line breaks and runs of spaces as one space. */
export function pdfText(pdf: string | Uint8Array): string {
  return pdfToText(pdf, []).replace(/\s+/g, ' ')
}

/** `pdftotext OPTIONS` of a PDF (a file path or the bytes, written to a temporary folder removed afterwards). */
export function pdfToText(pdf: string | Uint8Array, options: readonly string[]): string {
  if (typeof pdf === 'string') return execFileSync('pdftotext', [...options, pdf, '-'], { encoding: 'utf8' })
  const folder = mkdtempSync(join(tmpdir(), 'pdf-text-'))
  try {
    const file = join(folder, 'document.pdf')
    writeFileSync(file, pdf)
    return execFileSync('pdftotext', [...options, file, '-'], { encoding: 'utf8' })
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

/** An A4 PDF of one page carrying `text`. */
export async function onePagePdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  doc.addPage([595, 842]).drawText(text, { x: 60, y: 600, size: 20, font })
  return doc.save()
}
