import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { PDFDocument } from 'pdf-lib'
import { onePagePdf } from '../../test/pdf.ts'
import { pdfMessages, readPdf } from './pdf-file.ts'

describe('readPdf', () => {
  it('reads a real PDF', async () => {
    const read = await readPdf(await onePagePdf('Appendix'), '"a.pdf"')
    assert.ok(read.ok)
    assert.equal(read.value.getPageCount(), 1)
  })

  it('refuses a file that only starts like a PDF (a polyglot), in words', async () => {
    for (const text of ['%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n', '%PDF-1.7\n%%EOF\n']) {
      const read = await readPdf(new TextEncoder().encode(text), '"a.pdf"')
      assert.deepEqual(read, { ok: false, problems: [pdfMessages.unreadable('"a.pdf"')] })
    }
  })

  it('refuses a PDF with no pages', async () => {
    const empty = await (await PDFDocument.create()).save({ addDefaultPage: false })
    assert.deepEqual(await readPdf(empty, '"a.pdf"'), { ok: false, problems: [pdfMessages.noPages('"a.pdf"')] })
  })

  it('refuses a PDF whose page the pack could not draw (a page with no contents)', async () => {
    const blank = await (await PDFDocument.create()).save()
    assert.deepEqual(await readPdf(blank, '"a.pdf"'), { ok: false, problems: [pdfMessages.pagesUnusable('"a.pdf"')] })
  })

  it('refuses an encrypted PDF', async () => {
    // A one-page PDF whose trailer names an encryption dictionary, as a password-protected file's does.
    const doc = await PDFDocument.create()
    doc.addPage()
    doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: 'Standard', V: 1, R: 2 })
    const read = await readPdf(await doc.save(), '"a.pdf"')
    assert.deepEqual(read, { ok: false, problems: [pdfMessages.encrypted('"a.pdf"')] })
  })
})
