import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { scrutineerInProcess } from '../../test/cli.ts'
import { migratedPgliteDump } from '../../test/databases.ts'
import { openStore } from '../store/connect.ts'

const FIXTURE = join(import.meta.dirname, '../../fixtures/population/ons-mid-year-estimates-synthetic.csv')

describe('scrutineer population import', () => {
  let dir = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scrutineer-population-cli-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('sets the population from the fixture, remembers the area, and settings show the years', async () => {
    const db = join(dir, 'db')
    // A copy of the tests' migrated database, rather than initdb in the first command.
    await (await openStore({ kind: 'pglite', dataDir: db, loadDataDir: await migratedPgliteDump() })).close()
    const noArea = await scrutineerInProcess(['population', 'import', FIXTURE, '--db', db])
    assert.equal(noArea.code, 1)
    assert.match(noArea.stderr, /--area E06000045/)

    const imported = await scrutineerInProcess(['population', 'import', FIXTURE, '--area', 'E06000045', '--db', db])
    assert.equal(imported.code, 0, imported.stderr)
    assert.match(imported.stdout, /Southampton \(E06000045\)/)
    assert.match(imported.stdout, /2019-20: 50,958 \(mid-2019 estimate\)/)
    // The clock is today's, so every financial year from 2022-23 to the current one falls back to 2021-22.
    assert.match(imported.stdout, /Falling back to the latest earlier estimate:\n {2}2022-23: 2021-22's figure/)

    // The area is remembered: a second import needs no --area.
    const again = await scrutineerInProcess(['population', 'import', FIXTURE, '--db', db])
    assert.equal(again.code, 0, again.stderr)

    const settings = await scrutineerInProcess(['settings', '--db', db])
    assert.equal(settings.code, 0, settings.stderr)
    const shown = JSON.parse(settings.stdout) as {
      population: Record<string, number>
      populationSource: { area: string; fallsBackTo: Record<string, string> }
    }
    assert.equal(shown.population['2021-22'], 51372)
    assert.equal(shown.population['2022-23'], 51372)
    assert.equal(shown.populationSource.area, 'E06000045')
    assert.equal(shown.populationSource.fallsBackTo['2022-23'], '2021-22')
  })

  it('refuses a bad file with its row and column, exit code 1', async () => {
    const bad = join(dir, 'bad.csv')
    await writeFile(bad, 'ladcode,laname,age,sex,year,population\nE06000045,Southampton,0,1,2019,-4\n')
    const result = await scrutineerInProcess([
      'population',
      'import',
      bad,
      '--area',
      'E06000045',
      '--db',
      join(dir, 'db2'),
    ])
    assert.equal(result.code, 1)
    assert.match(
      result.stderr,
      /bad\.csv, row 2, column "population" \(value "-4"\): The population should be a whole number/,
    )
  })
})
