import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { mergedCellScanner, mergedCellsReason } from './merged-cells.ts'

describe('mergedCellsReason', () => {
  it('names the sheet and every range', () => {
    assert.match(
      mergedCellsReason('April 2018', ['K2:M2', 'A3:C3']),
      /^Sheet 'April 2018' has merged cells K2:M2 and A3:C3; unmerge them .*nothing was loaded\.$/,
    )
    assert.match(mergedCellsReason('List 1', ['B2:B9']), /^Sheet 'List 1' has merged cells B2:B9; /)
    const many = Array.from({ length: 25 }, (_, i) => `A${i + 1}:B${i + 1}`)
    assert.match(mergedCellsReason('x', many), /A20:B20 and 5 more; /)
  })
})

describe('mergedCellScanner', () => {
  it('collects every mergeCell range from sheet XML however it is split into chunks, passing the bytes on', async () => {
    const xml =
      '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' +
      '<mergeCells count="2"><mergeCell ref="K2:M2"/><x:mergeCell ref="A3:C3"/></mergeCells></worksheet>'
    for (const size of [1, 7, 1000]) {
      const chunks: Buffer[] = []
      for (let i = 0; i < xml.length; i += size) chunks.push(Buffer.from(xml.slice(i, i + size)))
      const scan = mergedCellScanner()
      const out: Buffer[] = []
      await pipeline(
        Readable.from(chunks),
        scan.stream,
        new Writable({
          write(chunk: Buffer, _encoding, callback) {
            out.push(chunk)
            callback()
          },
        }),
      )
      assert.deepEqual(scan.ranges(), ['K2:M2', 'A3:C3'], `chunks of ${size}`)
      assert.equal(Buffer.concat(out).toString(), xml)
    }
  })
})
