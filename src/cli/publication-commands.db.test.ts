import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { scrutineerInProcess } from '../../test/cli.ts'
import { migratedPgliteDump } from '../../test/databases.ts'
import { openStore } from '../store/connect.ts'

const BIN = fileURLToPath(new URL('../../bin/scrutineer.js', import.meta.url))
const FIXTURE = fileURLToPath(new URL('../../fixtures/monthly-dataset-2018-04.csv', import.meta.url))

const ENV = { USER: 'tester', SCRUTINEER_PASSWORD: 'a long enough passphrase' }

/** The command in this process (test/cli.ts), but for the first import: the real binary, end to end. */
function scrutineer(...args: string[]) {
  return scrutineerInProcess(args, ENV)
}

function binary(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test', ...ENV },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('scrutineer publish and publications', () => {
  let dir: string
  let db: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scrutineer-publish-cli-'))
    db = join(dir, 'data')
    // A copy of the tests' migrated database, rather than initdb in the binary.
    await (await openStore({ kind: 'pglite', dataDir: db, loadDataDir: await migratedPgliteDump() })).close()
    const imported = binary('import', 'values', FIXTURE, '--db', db)
    assert.equal(imported.code, 0, imported.stderr)
    for (const [email, role, name] of [
      ['dana@council.gov.uk', 'director', 'Dana Director'],
      ['pat@council.gov.uk', 'performance-officer', 'Pat Officer'],
      ['gone@council.gov.uk', 'director', 'Gone Director'],
    ] as const) {
      const added = await scrutineer('users', 'add', '--email', email, '--role', role, '--name', name, '--db', db)
      assert.equal(added.code, 0, added.stderr)
    }
    assert.equal((await scrutineer('users', 'disable', '--email', 'gone@council.gov.uk', '--db', db)).code, 0)
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('publishes a month as version 1 then 2, and lists both with their hashes', async () => {
    const first = await scrutineer(
      'publish',
      '--dataset',
      'monthly',
      '--period',
      '2018-04',
      '--as',
      'Dana@Council.gov.uk',
      '--db',
      db,
    )
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stdout, /Published monthly 2018-04, version 1, at .* by Dana Director\./)
    const hash = /Content hash \(SHA-256\): ([0-9a-f]{64})/.exec(first.stdout)?.[1]
    assert.ok(hash)
    const second = await scrutineer('publish', '--period', '2018-04', '--as', 'dana@council.gov.uk', '--db', db)
    assert.equal(second.code, 0, second.stderr)
    assert.match(second.stdout, /version 2/)
    const list = await scrutineer('publications', '--dataset', 'monthly', '--db', db)
    assert.equal(list.code, 0, list.stderr)
    const lines = list.stdout.trim().split('\n').slice(1)
    assert.equal(lines.length, 2)
    assert.match(lines[0] ?? '', /^2018-04 {2}2 /)
    assert.match(lines[1] ?? '', new RegExp(`^2018-04 {2}1 .*${hash}$`))
  })

  it('refuses to publish without --as, or as an account that may not publish, publishing nothing', async () => {
    const before = (await scrutineer('publications', '--dataset', 'monthly', '--db', db)).stdout
    const nobody = await scrutineer('publish', '--period', '2018-04', '--db', db)
    assert.equal(nobody.code, 2)
    assert.match(nobody.stderr, /--as EMAIL, the email address of a director's account/)
    const officer = await scrutineer('publish', '--period', '2018-04', '--as', 'pat@council.gov.uk', '--db', db)
    assert.equal(officer.code, 1)
    assert.match(
      officer.stderr,
      /Nothing was published: Pat Officer <pat@council.gov.uk> has the role "Performance officer"; only "Director" accounts may do this/,
    )
    const disabled = await scrutineer('publish', '--period', '2018-04', '--as', 'gone@council.gov.uk', '--db', db)
    assert.equal(disabled.code, 1)
    assert.match(disabled.stderr, /Nothing was published: The account for gone@council.gov.uk is disabled/)
    const unknown = await scrutineer('publish', '--period', '2018-04', '--as', 'who@council.gov.uk', '--db', db)
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /Nothing was published: There is no account for who@council.gov.uk/)
    assert.equal((await scrutineer('publications', '--dataset', 'monthly', '--db', db)).stdout, before)
  })

  describe('edge cases', () => {
    it('refuses a month with no figures (exit 1) and a missing or malformed month (exit 2)', async () => {
      const empty = await scrutineer('publish', '--period', '2030-01', '--as', 'dana@council.gov.uk', '--db', db)
      assert.equal(empty.code, 1)
      assert.match(empty.stderr, /Nothing was published: There are no figures for 2030-01/)
      assert.equal((await scrutineer('publish', '--db', db)).code, 2)
      assert.equal((await scrutineer('publish', '--period', 'April', '--db', db)).code, 2)
      const none = await scrutineer('publications', '--dataset', 'early-help', '--db', db)
      assert.match(none.stdout, /Nothing of early-help has been published yet/)
    })

    it('verifies every published version, and finds one whose stored text was changed (exit 1)', async () => {
      const fine = await scrutineer('publications', 'verify', '--db', db)
      assert.equal(fine.code, 0, fine.stderr)
      assert.match(fine.stdout, /Every published version \(2\) still hashes to the hash recorded/)
      // Tamper as someone with the database files would: past the trigger that keeps publications unchanged.
      const store = await openStore({ kind: 'pglite', dataDir: db })
      try {
        await sql`alter table publication disable trigger publication_no_change`.execute(store.db)
        await sql`update publication set snapshot = replace(snapshot, 'Dana Director', 'Mallory') where version = 1`.execute(
          store.db,
        )
      } finally {
        await store.close()
      }
      const found = await scrutineer('publications', 'verify', '--db', db)
      assert.equal(found.code, 1)
      assert.match(found.stderr, /1 of 2 published versions no longer match/)
      assert.match(found.stderr, /monthly 2018-04 version 1 \(recorded hash [0-9a-f]{64}\)/)
      assert.doesNotMatch(found.stderr, /version 2/)
      assert.equal((await scrutineer('publications', 'nonsense', '--db', db)).code, 2)
    })

    it('shows and changes the disclosure rule, refusing a range written backwards', async () => {
      assert.match((await scrutineer('disclosure', '--db', db)).stdout, /Counts of 1 to 5 children/)
      assert.match((await scrutineer('disclosure', '--range', '1-9', '--db', db)).stdout, /Counts of 1 to 9 children/)
      const backwards = await scrutineer('disclosure', '--range', '9-1', '--db', db)
      assert.equal(backwards.code, 1)
      assert.equal((await scrutineer('disclosure', '--range', 'small', '--db', db)).code, 2)
    })
  })
})
