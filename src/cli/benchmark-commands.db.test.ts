import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { scrutineerInProcess } from '../../test/cli.ts'
import { migratedPgliteDump } from '../../test/databases.ts'
import { openStore } from '../store/connect.ts'

const REFERENCE = join(import.meta.dirname, '../../reference/dfe-lait')

const scrutineer = (...args: string[]) => scrutineerInProcess(args)

const BIN = fileURLToPath(new URL('../../bin/scrutineer.js', import.meta.url))

/** The import runs the binary as a user would, in its own process; the other commands run in this one (test/cli.ts). */
function binary(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test' },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('scrutineer benchmarks', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scrutineer-benchmarks-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('imports the DfE folder and prints the issue’s contract for Southampton', async () => {
    const db = join(dir, 'db')
    // A copy of the tests' migrated database, rather than initdb in the binary.
    await (await openStore({ kind: 'pglite', dataDir: db, loadDataDir: await migratedPgliteDump() })).close()
    const imported = binary('benchmarks', 'import', REFERENCE, '--db', db)
    assert.equal(imported.code, 0, imported.stderr)
    assert.match(imported.stdout, /Loaded 61200 DfE values for 36 items \(2016 to 2025\)/)

    const json = await scrutineer(
      'benchmarks',
      'show',
      '--la',
      '852',
      '--item',
      'ReReferral',
      '--year',
      '2024',
      '--format',
      'json',
      '--db',
      db,
    )
    assert.equal(json.code, 0, json.stderr)
    // 2024: 852 = 24.8; neighbours' mean 21.84 of 10; England 22.4; South East 26.6; lower is better and 122 of the
    // 149 single councils with a value are lower → 123 of 149, band floor(122 × 4 / 149) = 3 → D.
    assert.equal(
      json.stdout,
      '{"la":852,"item":"ReReferral","year":2024,"value":24.8,"sn_average":21.84,"sn_count":10,"england":22.4,' +
        '"region":"South East","region_value":26.6,"rank":123,"of":149,"quartile":"D"}\n',
    )
  })

  it('refuses a bad --la and an unknown item with words, not a crash', async () => {
    const db = join(dir, 'db')
    const bad = await scrutineer('benchmarks', 'show', '--la', 'Southampton', '--item', 'ReReferral', '--db', db)
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /--la must be a whole number/)
    const unknown = await scrutineer('benchmarks', 'show', '--la', '852', '--item', 'Nope', '--db', db)
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /no item "Nope"/)
  })
})
