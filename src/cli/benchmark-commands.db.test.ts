import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'

const REFERENCE = join(import.meta.dirname, '../../reference/dfe-lait')

const BIN = fileURLToPath(new URL('../../bin/scrutineer.js', import.meta.url))

/** Runs the CLI as a user would (its own process: the test runner reports through this one's stdout). */
function scrutineer(...args: string[]): { code: number | null; stdout: string; stderr: string } {
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

  it('imports the DfE folder and prints the issue’s contract for Southampton', () => {
    const db = join(dir, 'db')
    const imported = scrutineer('benchmarks', 'import', REFERENCE, '--db', db)
    assert.equal(imported.code, 0, imported.stderr)
    assert.match(imported.stdout, /Loaded 61200 DfE values for 36 items \(2016 to 2025\)/)

    const json = scrutineer(
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

  it('refuses a bad --la and an unknown item with words, not a crash', () => {
    const db = join(dir, 'db')
    const bad = scrutineer('benchmarks', 'show', '--la', 'Southampton', '--item', 'ReReferral', '--db', db)
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /--la must be a whole number/)
    const unknown = scrutineer('benchmarks', 'show', '--la', '852', '--item', 'Nope', '--db', db)
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /no item "Nope"/)
  })
})
