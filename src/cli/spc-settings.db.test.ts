import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { scrutineerInProcess } from '../../test/cli.ts'
import { migratedPgliteDump } from '../../test/databases.ts'
import { openStore } from '../store/connect.ts'

describe('scrutineer settings --spc-run-length', () => {
  let dir = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scrutineer-spc-cli-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('shows 7 until set, sets 6, and refuses anything else, changing nothing', async () => {
    const db = join(dir, 'db')
    await (await openStore({ kind: 'pglite', dataDir: db, loadDataDir: await migratedPgliteDump() })).close()
    const shown = await scrutineerInProcess(['settings', '--db', db])
    assert.equal(shown.code, 0, shown.stderr)
    assert.equal((JSON.parse(shown.stdout) as { spcRunLength: number }).spcRunLength, 7)

    const set = await scrutineerInProcess(['settings', '--spc-run-length', '6', '--db', db])
    assert.equal(set.code, 0, set.stderr)
    assert.equal((JSON.parse(set.stdout) as { spcRunLength: number }).spcRunLength, 6)

    for (const bad of ['8', 'six', '6.5']) {
      const refused = await scrutineerInProcess(['settings', '--spc-run-length', bad, '--db', db])
      assert.notEqual(refused.code, 0, bad)
      assert.match(refused.stderr, /--spc-run-length: give 6 or 7/)
    }
    const after = await scrutineerInProcess(['settings', '--db', db])
    assert.equal((JSON.parse(after.stdout) as { spcRunLength: number }).spcRunLength, 6)
  })
})
