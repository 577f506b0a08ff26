/**
 * A list's rows as text, kept for storing an import in blocks: each block is a run of consecutive data rows (sheet
 * row numbers `firstRow` to `lastRow`) written as one JSON text. A million-row return is then a thousand database
 * rows rather than a million, which the embedded database stores in seconds, and explaining a figure reads only
 * the blocks that hold its rows (src/store/annex-a-repository.ts). Keeping a block's text instead of its cells also
 * keeps memory to about the size of the file while the rest of the return is read. Pure: the importers make
 * blocks, the store keeps and reads them.
 */

/**
 * The lists an import stores rows of: Ofsted Annex A's eleven, and "list 12", SSDA903's missing episodes
 * (missing.csv as written), which Annex A has no list for.
 */
export const ANNEX_A_LISTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const

export type AnnexAListNumber = (typeof ANNEX_A_LISTS)[number]

export function isAnnexAList(n: number): n is AnnexAListNumber {
  return (ANNEX_A_LISTS as readonly number[]).includes(n)
}

/** Data rows per block: small enough that explaining a few rows reads little more than them. */
export const ROWS_PER_BLOCK = 1000

/**
 * A run of consecutive data rows as stored: `text` is the JSON of `[[row, row, …], [[cell, cell, …], …]]`, the row
 * numbers and then each row's cells, a cell text or a workbook's number (read back as the text the importer reads
 * a number as).
 */
export interface RowBlock {
  firstRow: number
  lastRow: number
  rows: number
  text: string
}

/** One stored row: its sheet row number (header = 1) and its cells as text. */
export interface StoredRow {
  row: number
  cells: string[]
}

/**
 * Collects rows into blocks of `size` rows, keeping them or, given `sink`, handing each to it as it fills (then
 * `finish` returns none).
 * @example
 * const blocks = new RowBlocks()
 * blocks.add(2, ['C1', '2018-04-03'])
 * blocks.finish() // [{ firstRow: 2, lastRow: 2, rows: 1, text: '[[2],[["C1","2018-04-03"]]]' }]
 */
export class RowBlocks {
  private readonly done: RowBlock[] = []
  private rowNumbers: number[] = []
  private cells: Array<readonly (string | number)[]> = []
  private total = 0

  constructor(
    private readonly size: number = ROWS_PER_BLOCK,
    private readonly sink?: (block: RowBlock) => void,
  ) {}

  /** How many rows have been added. */
  get rows(): number {
    return this.total
  }

  /**
   * Adds a row: its cells as read (a missing cell is written as null and read back as blank). The array is kept
   * until its block is written, so it must not be changed afterwards.
   */
  add(row: number, cells: readonly (string | number)[]): void {
    this.rowNumbers.push(row)
    this.cells.push(cells)
    this.total++
    if (this.rowNumbers.length === this.size) this.close()
  }

  /** The blocks, the last one closed (and handed to the sink). */
  finish(): RowBlock[] {
    if (this.rowNumbers.length > 0) this.close()
    return this.done
  }

  private close(): void {
    const rows = this.rowNumbers
    // One JSON text per block, written in one call rather than a string per row: this runs for every row of a
    // million-row return.
    const block = {
      firstRow: rows[0] ?? 0,
      lastRow: rows.at(-1) ?? 0,
      rows: rows.length,
      text: JSON.stringify([rows, this.cells]),
    }
    this.rowNumbers = []
    this.cells = []
    if (this.sink === undefined) this.done.push(block)
    else this.sink(block)
  }
}

/**
 * The rows of a stored block, in row order. Text that is not a block (damaged in the database) is an error, not a
 * silent empty list: a drill-down must never show fewer children than the figure counts.
 */
export function rowsOfBlock(text: string): StoredRow[] {
  const parsed: unknown = JSON.parse(text)
  if (!Array.isArray(parsed) || !Array.isArray(parsed[0]) || !Array.isArray(parsed[1]))
    throw new Error('A stored block of Annex A rows is not a list of rows')
  const [rows, cells] = parsed as [unknown[], unknown[]]
  if (rows.length !== cells.length) throw new Error('A stored block of Annex A rows has rows without their cells')
  return rows.map((row, i) => {
    const these = cells[i]
    if (typeof row !== 'number' || !Array.isArray(these))
      throw new Error('A stored block of Annex A rows holds something other than a row')
    return {
      row,
      cells: these.map((cell: unknown) =>
        typeof cell === 'string' ? cell : typeof cell === 'number' ? String(cell) : '',
      ),
    }
  })
}

/** The blocks of `blocks` (sorted by first row, not overlapping) that hold any of `rows`: each block's first row. */
export function blocksHolding(
  blocks: ReadonlyArray<{ firstRow: number; lastRow: number }>,
  rows: Iterable<number>,
): number[] {
  const wanted = new Set<number>()
  for (const row of rows) {
    let low = 0
    let high = blocks.length - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const block = blocks[mid]
      if (block === undefined) break
      if (row < block.firstRow) high = mid - 1
      else if (row > block.lastRow) low = mid + 1
      else {
        wanted.add(block.firstRow)
        break
      }
    }
  }
  return [...wanted].sort((a, b) => a - b)
}

/** The rows of blocks, in their order. */
export function rowsOfBlocks(blocks: readonly RowBlock[]): StoredRow[] {
  return blocks.flatMap((block) => rowsOfBlock(block.text))
}
