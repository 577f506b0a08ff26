import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { blocksHolding, rowsOfBlock, rowsOfBlocks, RowBlocks } from './row-blocks.ts'

describe('rows kept in blocks', () => {
  it('closes a block every `size` rows and keeps each row number and cell', () => {
    const blocks = new RowBlocks(2)
    blocks.add(2, ['C1', '2018-04-03'])
    blocks.add(3, ['C2', ''])
    blocks.add(5, ['C"3', 'line\nbreak', 42])
    assert.equal(blocks.rows, 3)
    const done = blocks.finish()
    assert.deepEqual(
      done.map((b) => [b.firstRow, b.lastRow, b.rows]),
      [
        [2, 3, 2],
        [5, 5, 1],
      ],
    )
    assert.deepEqual(rowsOfBlocks(done), [
      { row: 2, cells: ['C1', '2018-04-03'] },
      { row: 3, cells: ['C2', ''] },
      { row: 5, cells: ['C"3', 'line\nbreak', '42'] },
    ])
  })

  it('makes no block of no rows', () => {
    assert.deepEqual(new RowBlocks().finish(), [])
  })

  it('refuses text that is not a block rather than showing fewer rows', () => {
    assert.throws(() => rowsOfBlock('{"row": 2}'), /not a list of rows/)
    assert.throws(() => rowsOfBlock('[[2, 3], [["C1"]]]'), /rows without their cells/)
    assert.throws(() => rowsOfBlock('[["2"], [["C1"]]]'), /something other than a row/)
    assert.throws(() => rowsOfBlock('[[2], ["C1"]]'), /something other than a row/)
    assert.throws(() => rowsOfBlock('[[2], [["C1"]'))
  })

  it('finds the blocks holding rows, each once, whatever the gaps between blocks', () => {
    const index = [
      { firstRow: 2, lastRow: 10 },
      { firstRow: 12, lastRow: 20 },
      { firstRow: 21, lastRow: 30 },
    ]
    assert.deepEqual(blocksHolding(index, [25, 3, 4, 11, 31, 1]), [2, 21])
    assert.deepEqual(blocksHolding(index, [12, 20, 2, 30]), [2, 12, 21])
    assert.deepEqual(blocksHolding([], [2]), [])
  })
})
