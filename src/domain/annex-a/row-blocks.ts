/**
 * A list's rows as text, kept for storing an import in blocks: each block is a run of consecutive data rows (sheet
 * row numbers `firstRow` to `lastRow`) written as one JSON text. A million-row return is then a thousand database
 * rows rather than a million, which the embedded database stores in seconds, and explaining a figure reads only
 * the blocks that hold its rows (src/store/annex-a-repository.ts). Keeping a block's text instead of its cells also
 * keeps memory to about the size of the file while the rest of the return is read. Pure: the importers make
 * blocks, the store keeps and reads them.
 */

/** Data rows per block: small enough that explaining a few rows reads little more than them. */
export const ROWS_PER_BLOCK = 1000

/** A run of consecutive data rows as stored: `text` is a JSON array of `[row, cell, cell, …]`. */
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
 * blocks.finish() // [{ firstRow: 2, lastRow: 2, rows: 1, text: '[[2,"C1","2018-04-03"]]' }]
 */
export class RowBlocks {
  private readonly done: RowBlock[] = []
  private parts: string[] = []
  private firstRow = 0
  private lastRow = 0
  private count = 0
  private total = 0

  constructor(
    private readonly size: number = ROWS_PER_BLOCK,
    private readonly sink?: (block: RowBlock) => void,
  ) {}

  /** How many rows have been added. */
  get rows(): number {
    return this.total
  }

  add(row: number, cells: readonly string[]): void {
    if (this.count === 0) this.firstRow = row
    this.lastRow = row
    this.parts.push(JSON.stringify([row, ...cells]))
    this.count++
    this.total++
    if (this.count === this.size) this.close()
  }

  /** The blocks, the last one closed (and handed to the sink). */
  finish(): RowBlock[] {
    if (this.count > 0) this.close()
    return this.done
  }

  private close(): void {
    const block = {
      firstRow: this.firstRow,
      lastRow: this.lastRow,
      rows: this.count,
      text: `[${this.parts.join(',')}]`,
    }
    if (this.sink === undefined) this.done.push(block)
    else this.sink(block)
    this.parts = []
    this.count = 0
  }
}

/**
 * The rows of a stored block, in row order. Text that is not a block (damaged in the database) is an error, not a
 * silent empty list: a drill-down must never show fewer children than the figure counts.
 */
export function rowsOfBlock(text: string): StoredRow[] {
  const parsed: unknown = JSON.parse(text)
  if (!Array.isArray(parsed)) throw new Error('A stored block of Annex A rows is not a list of rows')
  return parsed.map((entry: unknown) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'number')
      throw new Error('A stored block of Annex A rows holds something other than a row')
    return { row: entry[0], cells: entry.slice(1).map((cell: unknown) => (typeof cell === 'string' ? cell : '')) }
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
