import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { onePagePdf } from '../../test/pdf.ts'
import { pdfText } from './pdf-text.ts'

describe('pdfText', () => {
  it('reads the text of a PDF', async () => {
    assert.equal(await pdfText(await onePagePdf('Exempt placement costs')), 'Exempt placement costs')
  })

  it('answers null for a file it cannot read', async () => {
    assert.equal(await pdfText(new TextEncoder().encode('%PDF-1.4 not really')), null)
  })
})
