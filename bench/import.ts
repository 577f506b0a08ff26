/**
 * Import of 10,000 monthly values (long layout CSV) into a database that already has the catalogue: reading,
 * checking and writing in one transaction, target under 1 s.
 */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { services as buildServices } from '../src/services/index.ts'
import { openStore } from '../src/store/connect.ts'
import type { BenchResult } from './run.ts'
import { syntheticLongCsv, syntheticWideCsv } from './synthetic.ts'

const MAX = 20 * 1024 * 1024

export async function importBenchmark(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'scrutineer-bench-'))
  const wide = join(dir, 'catalogue.csv')
  const long = join(dir, 'ten-thousand.csv')
  await writeFile(wide, syntheticWideCsv(50, '2018-04'))
  await writeFile(long, syntheticLongCsv(10_000, 50, '2018-04'))
  const runs: number[] = []
  for (let i = 0; i < 6; i++) {
    const store = await openStore({ kind: 'pglite', dataDir: null })
    const services = buildServices(store, { maxImportBytes: MAX, councilName: 'Bench council' })
    const catalogue = await services.figures.importFile(wide, { mode: 'catalogue', actor: 'bench', maxBytes: MAX })
    if (!catalogue.ok) throw new Error(JSON.stringify(catalogue.problems.slice(0, 3)))
    const start = performance.now()
    const result = await services.figures.importFile(long, { mode: 'values', actor: 'bench', maxBytes: MAX })
    const elapsed = performance.now() - start
    if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)))
    if (result.value.figuresAdded !== 10_000)
      throw new Error(`expected 10,000 figures, added ${result.value.figuresAdded}`)
    if (i >= 1) runs.push(elapsed)
    await store.close()
  }
  return {
    name: 'Import 10,000 monthly values',
    target: '< 1 s',
    targetMs: 1000,
    runs,
    notes:
      'long-layout CSV, 50 indicators × 200 months, into the embedded database: parse, check, write in one transaction (fresh database each run)',
  }
}
