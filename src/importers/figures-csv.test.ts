import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { readCsvRows } from './figures-csv.ts'
import type { SheetCell } from './figures.ts'

/** A sink that records what it is given. */
function sink(stopAfter = Infinity) {
  const rows: [number, SheetCell[]][] = []
  const malformed: [number, string][] = []
  return {
    rows,
    malformedRows: malformed,
    row(cells: readonly SheetCell[], rowNumber: number): boolean {
      rows.push([rowNumber, [...cells]])
      return rows.length < stopAfter
    },
    malformed(rowNumber: number, reason: string): void {
      malformed.push([rowNumber, reason])
    },
  }
}

const BIG = { maxBytes: 1024 * 1024 }

describe('readCsvRows', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scrutineer-csv-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('gives each record with its spreadsheet row number, dropping a byte order mark and CR', async () => {
    const rows = sink()
    const outcome = await readCsvRows('\ufeffid,value\r\na,1\r\nb,"1,158"\r\n', rows, BIG)
    assert.deepEqual(outcome, { outcome: 'complete', encoding: 'UTF-8' })
    assert.deepEqual(rows.rows, [
      [1, ['id', 'value']],
      [2, ['a', '1']],
      [3, ['b', '1,158']],
    ])
  })

  it('keeps quoted commas, doubled quotes and line breaks inside one cell, counting the record as one row', async () => {
    const rows = sink()
    await readCsvRows('title,n\n"Say ""hello"", twice",1\n"two\nlines",2\nlast,3', rows, BIG)
    assert.deepEqual(rows.rows, [
      [1, ['title', 'n']],
      [2, ['Say "hello", twice', '1']],
      [3, ['two\nlines', '2']],
      [4, ['last', '3']],
    ])
  })

  it('streams a file read in small pieces without splitting characters or rows', async () => {
    const path = join(dir, 'accents.csv')
    const lines = ['id,title', ...Array.from({ length: 200 }, (_, i) => `r${i},Café ${i} – “quoted”`)]
    await writeFile(path, `\ufeff${lines.join('\r\n')}\r\n`)
    const rows = sink()
    const outcome = await readCsvRows(createReadStream(path, { encoding: 'utf8', highWaterMark: 7 }), rows, BIG)
    assert.deepEqual(outcome, { outcome: 'complete', encoding: 'UTF-8' })
    assert.deepEqual(rows.rows[0], [1, ['id', 'title']])
    assert.deepEqual(rows.rows[200], [201, ['r199', 'Café 199 – “quoted”']])
    assert.equal(rows.rows.filter(([, cells]) => cells.length === 2).length, 201)
  })

  it('decodes a byte stream as UTF-8 even when a character is split between chunks', async () => {
    const path = join(dir, 'bytes.csv')
    await writeFile(path, 'id,title\r\na,Café – “quoted”\r\n')
    const rows = sink()
    await readCsvRows(createReadStream(path, { highWaterMark: 3 }), rows, BIG)
    assert.deepEqual(rows.rows, [
      [1, ['id', 'title']],
      [2, ['a', 'Café – “quoted”']],
    ])
  })

  it('reports a stray quote with its row, however the stream is chunked', async () => {
    const lines = ['id,title', ...Array.from({ length: 300 }, (_, i) => (i === 149 ? 'r,"bad"quote' : `r${i},fine`))]
    const chunks = lines.join('\n').match(/[\s\S]{1,50}/g) ?? []
    const rows = sink()
    await readCsvRows(Readable.from(chunks), rows, BIG)
    // The stray quote leaves the cell open, so it swallows the rest of the file: both are said, once each.
    assert.deepEqual(rows.malformedRows, [
      [151, 'A cell has a stray double quote (") after its closing quote.'],
      [
        151,
        'A quoted cell is never closed: a double quote (") is missing, so the rest of the file cannot be read reliably.',
      ],
    ])
    assert.equal(rows.rows.length, 151)
  })

  it('reports an unclosed quote with its row', async () => {
    const rows = sink()
    await readCsvRows('id,title\na,fine\nb,"never closed\nc,lost\n', rows, BIG)
    assert.deepEqual(rows.malformedRows, [
      [
        3,
        'A quoted cell is never closed: a double quote (") is missing, so the rest of the file cannot be read reliably.',
      ],
    ])
  })

  it('stops when the sink asks, and closes the stream', async () => {
    const stream = Readable.from(['id,title\n', 'a,1\n', 'b,2\n', 'c,3\n'])
    const rows = sink(2)
    const outcome = await readCsvRows(stream, rows, BIG)
    assert.deepEqual(outcome, { outcome: 'stopped', encoding: 'UTF-8' })
    assert.equal(rows.rows.length, 2)
    assert.equal(stream.destroyed, true)
  })

  it('gives up on a stream as soon as it passes the size limit, without reading the rest', async () => {
    let chunksRead = 0
    // An endless stream: only stopping at the limit lets this test finish.
    const endless = new Readable({
      read() {
        chunksRead += 1
        this.push('lac-count,2018-04,521\n'.repeat(100))
      },
    })
    const outcome = await readCsvRows(endless, sink(), { maxBytes: 10_000 })
    assert.equal(outcome.outcome, 'too-large')
    assert.ok(chunksRead < 20)
    assert.equal(endless.destroyed, true)
  })

  it('refuses text over the limit before parsing it', async () => {
    const rows = sink()
    assert.deepEqual(await readCsvRows('id\n'.repeat(10), rows, { maxBytes: 10 }), {
      outcome: 'too-large',
      bytesRead: 30,
    })
    assert.deepEqual(rows.rows, [])
  })

  it('reports a stream that fails', async () => {
    const outcome = await readCsvRows(
      createReadStream(join(dir, 'no-such-file.csv'), { encoding: 'utf8' }),
      sink(),
      BIG,
    )
    assert.deepEqual(outcome, { outcome: 'unreadable', code: 'ENOENT' })
  })
})

describe('edge cases', () => {
  it('gives no rows for empty text', async () => {
    const rows = sink()
    assert.deepEqual(await readCsvRows('', rows, BIG), { outcome: 'complete', encoding: 'UTF-8' })
    assert.deepEqual(rows.rows, [])
  })

  it('drops a byte order mark even when it is the whole file', async () => {
    const rows = sink()
    await readCsvRows('\ufeff', rows, BIG)
    assert.deepEqual(rows.rows, [[1, ['']]])
  })

  it('counts blank lines as rows, as a spreadsheet does', async () => {
    const rows = sink()
    await readCsvRows('a\n\nb\n', rows, BIG)
    assert.deepEqual(
      rows.rows.map(([n, cells]) => [n, cells[0]]),
      [
        [1, 'a'],
        [2, ''],
        [3, 'b'],
      ],
    )
  })

  it('reads a file with old Mac line ends (CR only)', async () => {
    const rows = sink()
    await readCsvRows('id,value\ra,1\rb,2', rows, BIG)
    assert.deepEqual(
      rows.rows.map(([, cells]) => cells),
      [
        ['id', 'value'],
        ['a', '1'],
        ['b', '2'],
      ],
    )
  })
})
