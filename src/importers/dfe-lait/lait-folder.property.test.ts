/**
 * Property test of the LAIT reader: a small real extract is mutated at random (bytes corrupted, lines dropped or
 * doubled, cells swapped, the file cut short) and the statistical-neighbours workbook is corrupted; the folder must
 * always be read or refused with reasons, never crash, and a read folder holds only numbers or DfE's markers.
 * Seeded (seededRandom), so a failure names its seed and can be replayed.
 */
import assert from 'node:assert/strict'
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { seededRandom } from '../../domain/measures/testing.ts'
import { readLaitFolder } from './lait-folder.ts'

const REFERENCE = join(import.meta.dirname, '../../../reference/dfe-lait')
const RUNS = 40

function mutate(text: string, random: () => number): Buffer {
  const lines = text.split('\n')
  const pick = () => Math.floor(random() * lines.length)
  switch (Math.floor(random() * 5)) {
    case 0: {
      const bytes = Buffer.from(text)
      for (let i = 0; i < 5; i++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256)
      return bytes
    }
    case 1:
      lines.splice(pick(), 1 + Math.floor(random() * 3))
      break
    case 2: {
      const line = lines[pick()] ?? ''
      lines.splice(pick(), 0, line)
      break
    }
    case 3: {
      const at = pick()
      const cells = (lines[at] ?? '').split(',')
      const [a, b] = [Math.floor(random() * cells.length), Math.floor(random() * cells.length)]
      ;[cells[a], cells[b]] = [cells[b] ?? '', cells[a] ?? '']
      lines[at] = cells.join(',')
      break
    }
    default:
      return Buffer.from(text.slice(0, Math.floor(random() * text.length)))
  }
  return Buffer.from(lines.join('\n'))
}

describe('reading a mutated LAIT folder', () => {
  let dir: string
  let extract: string
  let workbook: Buffer
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scrutineer-lait-property-'))
    extract = (await readFile(join(REFERENCE, 'csc_benchmarks_extract.csv'), 'utf8'))
      .split('\n')
      .slice(0, 400)
      .join('\n')
    workbook = await readFile(join(REFERENCE, 'sn_may_2025.xlsx'))
    await copyFile(join(REFERENCE, 'csc_benchmarks_items.csv'), join(dir, 'csc_benchmarks_items.csv'))
    await copyFile(join(REFERENCE, 'la_code_list.xlsx'), join(dir, 'la_code_list.xlsx'))
    await writeFile(join(dir, 'lait_data_dictionary.csv'), 'Measure_short,Polarity\nPrevRegCPR,Low\n')
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('never crashes: each mutation is read, or refused with where and why', async () => {
    const outcomes = { read: 0, refused: 0 }
    for (let seed = 1; seed <= RUNS; seed++) {
      const random = seededRandom(seed)
      await writeFile(join(dir, 'csc_benchmarks_extract.csv'), mutate(extract, random))
      const corruptWorkbook = random() < 0.25
      const neighbours = Buffer.from(workbook)
      if (corruptWorkbook) for (let i = 0; i < 20; i++) neighbours[Math.floor(random() * neighbours.length)] = 0
      await writeFile(join(dir, 'sn_may_2025.xlsx'), neighbours)
      const result = await readLaitFolder(dir)
      outcomes[result.ok ? 'read' : 'refused']++
      if (result.ok) {
        for (const value of result.value.values)
          assert.ok(
            value.value.published ? Number.isFinite(value.value.value) : value.value.reason.length > 0,
            `seed ${seed}: ${JSON.stringify(value)}`,
          )
      } else {
        assert.ok(result.problems.length > 0, `seed ${seed}`)
        for (const problem of result.problems) {
          assert.notEqual(problem.file, '', `seed ${seed}`)
          assert.notEqual(problem.reason, '', `seed ${seed}`)
        }
      }
    }
    // Both kinds happen, so both branches above were checked.
    assert.ok(outcomes.read > 0 && outcomes.refused > 0, JSON.stringify(outcomes))
  })

  it('refuses a workbook that is not one, naming it', async () => {
    await writeFile(join(dir, 'csc_benchmarks_extract.csv'), extract)
    await writeFile(join(dir, 'sn_may_2025.xlsx'), 'not a workbook')
    const result = await readLaitFolder(dir)
    assert.ok(!result.ok)
    assert.deepEqual(result.problems, [
      {
        file: 'sn_may_2025.xlsx',
        row: null,
        column: null,
        value: null,
        reason: 'The file is not an Excel workbook that can be read (.xlsx).',
      },
    ])
  })
})
