/**
 * The CSV tokenizer against papaparse, which it replaced on the Annex A path: random well-formed files (quotes,
 * doubled quotes, delimiters and line breaks inside cells, empty cells, CRLF/LF/CR) must come out cell for cell as
 * papaparse reads them, and random malformed text must too, with the same quoting problems on the same rows,
 * however the text is cut into chunks. Seeded (seededRandom), so a failure names its seed and can be replayed.
 */
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import Papa from 'papaparse'
import { seededRandom } from '../domain/measures/testing.ts'
import { CsvTokenizer, lineBreakOf, type CsvMalformation } from './csv-tokenizer.ts'

interface Read {
  rows: Array<[number, string[]]>
  problems: string[]
}

/** The tokenizer's reading of `chunks` in order. */
function tokenize(chunks: readonly string[], delimiter = ','): Read {
  const read: Read = { rows: [], problems: [] }
  const tokenizer = new CsvTokenizer(
    {
      row: (cells, rowNumber) => read.rows.push([rowNumber, cells]),
      malformed: (rowNumber, kind) => read.problems.push(`${rowNumber} ${kind}`),
    },
    () => delimiter,
  )
  for (const chunk of chunks) tokenizer.write(chunk)
  tokenizer.end()
  read.problems.sort()
  return read
}

/** papaparse's streaming reading of the whole text as one chunk, as the Annex A reader used it. */
function papaparse(text: string, delimiter = ','): Promise<Read> {
  return new Promise((resolve, reject) => {
    const read: Read = { rows: [], problems: [] }
    const seen = new Set<string>()
    let rowNumber = 0
    Papa.parse<string[], Readable>(Readable.from([text]), {
      header: false,
      delimiter,
      chunk: (results) => {
        const first = rowNumber + 1
        for (const error of results.errors) {
          const key = `${first + (error.row ?? 0)} ${error.code}`
          if (!seen.has(key)) read.problems.push(key)
          seen.add(key)
        }
        for (const cells of results.data) read.rows.push([++rowNumber, cells])
      },
      complete: () => {
        read.problems.sort()
        resolve(read)
      },
      error: reject,
    })
  })
}

/** Cuts text into chunks of random sizes (1 to 40 characters), so that every boundary gets tried. */
function chunked(text: string, random: () => number): string[] {
  const chunks: string[] = []
  for (let i = 0; i < text.length;) {
    const size = 1 + Math.floor(random() * 40)
    chunks.push(text.slice(i, i + size))
    i += size
  }
  return chunks
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

/** A random cell value made of letters, spaces, delimiters, quotes and line breaks, often empty. */
function randomCell(random: () => number): string {
  if (random() < 0.2) return ''
  const parts = ['a', 'b', 'Z', ' ', ',', '"', '\n', '\r\n', '\r', '30/04/2018', 'é']
  let cell = ''
  const length = 1 + Math.floor(random() * 6)
  for (let i = 0; i < length; i++) cell += random() < 0.6 ? pick(random, ['a', 'b', '1', ' ']) : pick(random, parts)
  return cell
}

/** A random well-formed CSV file as a spreadsheet program would write it, with the rows it holds. */
function randomCsv(random: () => number): { text: string; rows: string[][]; lineBreak: string } {
  const lineBreak = pick(random, ['\n', '\r\n'])
  const columns = 1 + Math.floor(random() * 5)
  const count = Math.floor(random() * 8)
  const rows: string[][] = []
  // A first row of plain cells, so that the line break is guessed from it (as papaparse guesses).
  rows.push(Array.from({ length: columns }, (_, i) => `h${i}`))
  for (let r = 0; r < count; r++) rows.push(Array.from({ length: columns }, () => randomCell(random)))
  const lines = rows.map((cells) =>
    cells
      .map((cell) =>
        // A lone empty cell is quoted (as spreadsheets write it), or a last row of one would be a final line break.
        /[",\r\n]/.test(cell) || (columns === 1 && cell === '') || random() < 0.1
          ? `"${cell.replace(/"/g, '""')}"`
          : cell,
      )
      .join(','),
  )
  const text = lines.join(lineBreak) + (random() < 0.5 ? lineBreak : '')
  return { text, rows, lineBreak }
}

describe('CsvTokenizer', () => {
  it('reads random well-formed files exactly as written, and as papaparse reads them, whatever the chunks', async () => {
    for (let seed = 1; seed <= 400; seed++) {
      const random = seededRandom(seed)
      const { text, rows } = randomCsv(random)
      const ours = tokenize(chunked(text, random))
      // A one-column row whose only cell is empty is a blank line: it is one empty cell either way.
      assert.deepEqual(
        ours.rows.map(([, cells]) => cells),
        rows,
        `seed ${seed}: ${JSON.stringify(text)}`,
      )
      assert.deepEqual(ours.problems, [], `seed ${seed}`)
      assert.deepEqual(ours, await papaparse(text), `seed ${seed}: ${JSON.stringify(text)}`)
      assert.deepEqual(tokenize([text]), ours, `seed ${seed}: one chunk`)
    }
  })

  it('reads random malformed text as papaparse does: the same cells, and the same quoting problems on the same rows', async () => {
    for (let seed = 1; seed <= 600; seed++) {
      const random = seededRandom(seed)
      // One kind of line break per file (papaparse's guess and ours differ only on files that mix them).
      const alphabet = ['a', 'b', ' ', ',', ',', '"', '"', '""', pick(random, ['\n', '\r\n', '\r'])]
      let text = ''
      const length = Math.floor(random() * 30)
      for (let i = 0; i < length; i++) text += pick(random, alphabet)
      const expected = await papaparse(text)
      assert.deepEqual(tokenize([text]), expected, `seed ${seed}: ${JSON.stringify(text)}`)
      assert.deepEqual(tokenize(chunked(text, random)), expected, `seed ${seed} in chunks: ${JSON.stringify(text)}`)
    }
  })

  it('takes the line break from the first line, outside quoted cells', () => {
    assert.equal(lineBreakOf('a,b\r\n1,2\r\n', false), '\r\n')
    assert.equal(lineBreakOf('a,b\n1,2\n', false), '\n')
    assert.equal(lineBreakOf('a,b\r1,2\r', false), '\r')
    assert.equal(lineBreakOf('a,"x\ny"\r\n1,2\r\n', false), '\r\n')
    assert.equal(lineBreakOf('a,b\r', false), null)
    assert.equal(lineBreakOf('a,b', false), null)
    assert.equal(lineBreakOf('a,b', true), '\n')
  })

  describe('edge cases', () => {
    it('keeps CRLF, LF and CR inside quoted cells and doubled quotes as one', () => {
      const read = tokenize(['id,note\r\n1,"two\r\nlines, ""quoted"""\r\n2,"x\ny\rz"\r\n'])
      assert.deepEqual(read.rows, [
        [1, ['id', 'note']],
        [2, ['1', 'two\r\nlines, "quoted"']],
        [3, ['2', 'x\ny\rz']],
      ])
    })

    it('counts blank lines as rows of one empty cell, but not the final line break', () => {
      assert.deepEqual(tokenize(['a,b\n\n1,2\n']).rows, [
        [1, ['a', 'b']],
        [2, ['']],
        [3, ['1', '2']],
      ])
    })

    it('reads a last row with no line break, and an empty last cell after a final delimiter', () => {
      assert.deepEqual(tokenize(['a,b\n1,']).rows, [
        [1, ['a', 'b']],
        [2, ['1', '']],
      ])
      assert.deepEqual(tokenize(['a,b\n1,"x"']).rows.at(-1), [2, ['1', 'x']])
    })

    it('keeps a quote in the middle of an unquoted cell as text', () => {
      assert.deepEqual(tokenize(['a,b"c,d\n']).rows, [[1, ['a', 'b"c', 'd']]])
    })

    it('drops spaces between a closing quote and the delimiter', () => {
      assert.deepEqual(tokenize(['"a"  ,"b" \n']).rows, [[1, ['a', 'b']]])
    })

    it('reports a quote never closed once, on its row, with the rest of the file as the cell', () => {
      const read = tokenize(['id,note\n1,"open\n', '2,x\n'])
      assert.deepEqual(read.problems, ['2 MissingQuotes' satisfies `${number} ${CsvMalformation}`])
      assert.deepEqual(read.rows[1], [2, ['1', 'open\n2,x\n']])
    })

    it('reports a stray quote after a closing quote and keeps it as text', () => {
      const read = tokenize(['id,note\n1,"a"b",c\n'])
      assert.deepEqual(read.problems, ['2 InvalidQuotes'])
      assert.deepEqual(read.rows[1], [2, ['1', 'a"b', 'c']])
    })

    it('waits for the next chunk when a chunk ends between a CR and its LF, or just after a closing quote', () => {
      const whole = tokenize(['a,"b"\r\nc,d\r\n'])
      assert.deepEqual(tokenize(['a,"b"', '\r', '\nc,d\r', '\n']), whole)
      assert.deepEqual(whole.rows, [
        [1, ['a', 'b']],
        [2, ['c', 'd']],
      ])
    })

    it('uses the delimiter chosen from the first chunk', () => {
      assert.deepEqual(tokenize(['A;30/04/2018\n'], ';').rows, [[1, ['A', '30/04/2018']]])
      assert.deepEqual(tokenize(['A\t"x\ty"\n'], '\t').rows, [[1, ['A', 'x\ty']]])
    })

    it('reads nothing from empty text', () => {
      assert.deepEqual(tokenize(['']).rows, [])
      assert.deepEqual(tokenize([]).rows, [])
    })
  })
})
