/**
 * Property test of the SSDA903 reader and its mapping: the fixture return is mutated at random (bytes corrupted,
 * rows dropped or doubled, a column dropped, cells and dates swapped, a file cut short or left out, headers in
 * another case). Every mutation must be read or refused with reasons, never crash; a read return gives records
 * whose dates are real ISO dates, whose unreadable fields are null, and whose stored rows re-read to the same
 * records. Seeded (seededRandom), so a failure names its seed and can be replayed.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { smallReturn, writeMutated, writeReturn } from '../../../test/ssda903-mutations.ts'
import { seededRandom } from '../../domain/measures/testing.ts'
import { rowsOfBlocks } from '../../domain/annex-a/row-blocks.ts'
import { readStoredLists } from '../annex-a/stored-rows.ts'
import { parseDate } from '../annex-a/values.ts'
import { asAnnexAImport } from './annex-a-rows.ts'
import { readSsda903 } from './read-ssda903.ts'

const RUNS = 60

function plain<T extends { invalid: ReadonlySet<string> }>(records: readonly T[]) {
  return records.map((r) => ({ ...r, invalid: [...r.invalid].sort() }))
}

describe('reading a mutated SSDA903 return', () => {
  let dir: string
  let files: Map<string, string>
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scrutineer-ssda903-property-'))
    files = await smallReturn(150)
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('never crashes: each mutation is read, with consistent records, or refused with where and why', async () => {
    const unchanged = join(dir, 'unchanged')
    await writeReturn(files, unchanged)
    const baseline = await readSsda903(unchanged)
    assert.ok(baseline.ok)
    const outcomes = { read: 0, refused: 0, moreErrors: 0 }
    for (let seed = 1; seed <= RUNS; seed++) {
      const random = seededRandom(seed)
      const folder = join(dir, `run-${seed}`)
      const changed = await writeMutated(files, folder, random)
      const where = `seed ${seed} (${changed.join(', ')})`
      const result = await readSsda903(folder)
      if (!result.ok) {
        outcomes.refused++
        assert.ok(result.problems.length > 0, where)
        for (const problem of result.problems) assert.ok(problem.file !== '' && problem.reason !== '', where)
        continue
      }
      outcomes.read++
      if (result.value.errors.length > baseline.value.errors.length) outcomes.moreErrors++
      for (const problem of [...result.value.errors, ...result.value.warnings])
        assert.ok(problem.file !== '' && problem.reason !== '', `${where}: ${JSON.stringify(problem)}`)
      const imported = asAnnexAImport(result.value, { keepRows: true })
      for (const r of imported.records.lookedAfter) {
        for (const date of [r.startDate, r.ceasedDate, r.dateOfBirth])
          assert.ok(date === null || (parseDate(date).ok && /^\d{4}-\d\d-\d\d$/.test(date)), `${where}: ${date}`)
        for (const field of r.invalid)
          assert.equal((r as unknown as Record<string, unknown>)[field], null, `${where}: ${field}`)
      }
      const reread = readStoredLists(
        Object.entries(imported.rows ?? {}).map(([list, rows]) => ({
          list: Number(list),
          headers: rows.headers,
          rows: rowsOfBlocks(rows.blocks),
        })),
      )
      assert.deepEqual(plain(reread.records.lookedAfter), plain(imported.records.lookedAfter), where)
      assert.deepEqual(plain(reread.records.careLeavers), plain(imported.records.careLeavers), where)
      assert.deepEqual(plain(reread.records.missing), plain(imported.records.missing), where)
    }
    // Every kind of outcome happens, so each branch above was checked.
    assert.ok(outcomes.read > 0 && outcomes.refused > 0 && outcomes.moreErrors > 0, JSON.stringify(outcomes))
  })
})
