import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import type { Pack } from '../domain/pack.ts'
import { openStore } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { demoStore } from '../../test/app.ts'
import { scrutineerInProcess } from '../../test/cli.ts'
import { migratedPgliteDump } from '../../test/databases.ts'
import { scratchFolders } from '../../test/scratch.ts'

const BIN = fileURLToPath(new URL('../../bin/scrutineer.js', import.meta.url))

/** The command in this process (test/cli.ts): every test but the binary's own. */
function scrutineer(...args: string[]) {
  return scrutineerInProcess(args)
}

function scrutineerWith(env: Record<string, string>, ...args: string[]) {
  return scrutineerInProcess(args, env)
}

/**
 * A new embedded database folder holding the run's demo council or nothing at all: a copy of the tests' own
 * (test/app.ts, test/databases.ts) rather than initdb, migrations and the demo loaded by the first command. The
 * binary's test above proves a command loads the demo into an empty folder.
 */
async function folderWith(contents: 'demo' | 'nothing', scratch: () => Promise<string>): Promise<string> {
  const db = join(await scratch(), 'db')
  const store =
    contents === 'demo'
      ? await demoStore(db)
      : await openStore({ kind: 'pglite', dataDir: db, loadDataDir: await migratedPgliteDump() })
  await store.close()
  return db
}

/** The real binary, bin/scrutineer.js, as its own process: proves the command works end to end. */
function binary(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test' },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('scrutineer CLI', () => {
  const scratch = scratchFolders('scrutineer-cli-')
  let dir: string
  before(async () => {
    dir = await scratch()
  })

  it('the binary prints the April 2018 pack as the JSON contract, loading the demo council into an empty database', () => {
    const { code, stdout, stderr } = binary(
      'pack',
      '--period',
      '2018-04',
      '--format',
      'json',
      '--db',
      join(dir, 'demo'),
    )
    assert.equal(code, 0, stderr)
    const pack = JSON.parse(stdout) as Pack
    assert.equal(pack.period, '2018-04')
    assert.equal(pack.months.length, 13)
    assert.equal(pack.indicators.length, 49)
    const s47 = pack.indicators.find((i) => i.id === 's47-started')
    // (96 − 103) / 103 = −6.8% → −7, similar; (96 − 93) / 93 = +3.2% → 3; 12-month mean of May 2017–Apr 2018 = 1218 / 12 = 101.5 → 102.
    assert.deepEqual(s47?.changeFromPreviousMonth, { percent: -7, direction: 'similar', judgement: 'neutral' })
    assert.equal(s47?.changeFromSameMonthLastYear.percent, 3)
    assert.equal(s47?.average12Months, 102)
    assert.equal(s47?.max12Months, 124)
  })

  it('imports a long file, revising a month, and writes the pack as XLSX', async () => {
    const db = join(dir, 'demo')
    const file = join(dir, 'april-revision.csv')
    await writeFile(file, 'indicator_id,period,value\ns47-started,2018-04,100\n')
    const imported = await scrutineer('import', 'values', file, '--db', db)
    assert.equal(imported.code, 0, imported.stderr)
    assert.match(imported.stdout, /0 figures added, 1 revised, 0 unchanged/)
    const out = join(dir, 'pack.xlsx')
    const packed = await scrutineer('pack', '--period', '2018-04', '--format', 'xlsx', '--out', out, '--db', db)
    assert.equal(packed.code, 0, packed.stderr)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await readFile(out)) as unknown as ArrayBuffer)
    assert.ok(workbook.worksheets.length >= 1)
  })

  describe('edge cases', () => {
    it('refuses a bad file with exit code 1, every problem on stderr, and nothing imported', async () => {
      const db = join(dir, 'demo')
      const file = join(dir, 'bad.csv')
      await writeFile(file, 'indicator_id,period,value\ns47-started,2018-04,lots\n')
      const result = await scrutineer('import', 'values', file, '--db', db)
      assert.equal(result.code, 1)
      assert.match(result.stderr, /Nothing was imported: 1 problem in .*bad\.csv/)
      assert.match(result.stderr, /bad\.csv, row 2, column "value" \(value "lots"\)/)
      const pack = JSON.parse(
        (await scrutineer('pack', '--period', '2018-04', '--format', 'json', '--db', db)).stdout,
      ) as Pack
      assert.equal(pack.indicators.find((i) => i.id === 's47-started')?.values.at(-1)?.value, 100)
    })

    it('gives a usage error with exit code 2 for a bad period or unknown command', async () => {
      assert.equal(binary('pack', '--period', 'April', '--db', 'memory').code, 2, 'the binary exits with code 2')
      assert.equal((await scrutineer('pack', '--period', 'April', '--db', 'memory')).code, 2)
      assert.equal((await scrutineer('frobnicate', '--db', 'memory')).code, 2)
      assert.equal((await scrutineer('pack', '--nonsense')).code, 2)
    })

    it('says when a month has no figures', async () => {
      const result = await scrutineer('pack', '--period', '2030-01', '--format', 'json', '--db', join(dir, 'demo'))
      assert.equal(result.code, 1)
      assert.match(result.stderr, /no figures for 2030-01/)
    })
  })
})

describe('scrutineer measures and Annex A imports', () => {
  const scratch = scratchFolders('scrutineer-cli-')
  const SMALL = fileURLToPath(new URL('../services/testdata/annex-a-small', import.meta.url))
  const common = [
    '--annex-a',
    SMALL,
    '--end',
    '2018-04',
    '--months',
    '13',
    '--population',
    '2017-18=49189,2018-19=49920',
  ]

  it('computes without storing and prints the contract', async () => {
    const { code, stdout, stderr } = await scrutineer('measures', ...common, '--format', 'json')
    assert.equal(code, 0, stderr)
    const report = JSON.parse(stdout) as {
      months: string[]
      measures: Record<string, Record<string, { count: number; denominator: number | null; value: number | null }>>
      snapshot: Record<string, unknown>
      errors: Array<{ list: number; row: number; column: string; value: string; reason: string }>
    }
    assert.equal(report.months.length, 13)
    assert.equal(report.months[0], '2017-04')
    assert.deepEqual(report.measures['icpcs-in-15wd']?.['2018-04'], { count: 1, denominator: 2, value: 50 })
    // One referral in April 2018 (C2, 3 April): 1 × 10,000 / 49,920, the 2018-19 population.
    assert.deepEqual(report.measures['referral-rate']?.['2018-04'], {
      count: 1,
      denominator: null,
      value: 10000 / 49920,
    })
    assert.deepEqual(Object.keys(report.measures['assessment-duration-0-10'] ?? {}).length, 13)
    assert.ok('cp-visits-in-time' in report.snapshot)
    assert.deepEqual(
      report.errors.map((e) => [e.list, e.row, e.value]),
      [[5, 4, '31/02/2018']],
    )
  })

  it('explains a figure: the children behind it and the dates that decided it', async () => {
    const { code, stdout, stderr } = await scrutineer(
      'measures',
      ...common,
      '--explain',
      'icpcs-in-15wd',
      '--month',
      '2018-04',
    )
    assert.equal(code, 0, stderr)
    assert.match(stdout, /icpcs-in-15wd .*2018-04: 1 of 2 \(50\.0%\)/)
    assert.match(stdout, /child C2 \(list 5, row 3\): .*2018-03-29.*2018-04-23.* – 15 working days/)
    assert.match(stdout, /child C1 \(list 5, row 2\): .*2018-03-29.*2018-04-24.* – 16 working days/)
    assert.match(stdout, /Left out \(1\):\n {2}child C3/)
  })

  it('imports a return into the database and shows its data-quality report', async () => {
    const db = await folderWith('demo', scratch)
    const imported = await scrutineer('import', 'annex-a', SMALL, '--db', db)
    assert.equal(imported.code, 0, imported.stderr)
    assert.match(imported.stdout, /8 rows in 3 lists, 1 errors and \d+ warnings/)
    const id = /as import (\d+)/.exec(imported.stdout)?.[1] ?? ''
    const shown = await scrutineer('imports', 'show', id, '--db', db)
    assert.equal(shown.code, 0, shown.stderr)
    assert.match(shown.stdout, /list 5, row 4, Strategy discussion[^(]*\("31\/02\/2018"\)/)
  })

  it('imports a children in need census into the database, listed as a cin-census import', async () => {
    const db = await folderWith('demo', scratch)
    const census = fileURLToPath(new URL('../../fixtures/cin-census/CIN_Census_2024.xml', import.meta.url))
    const imported = await scrutineer('import', 'cin-census', census, '--end', '2024-10', '--months', '25', '--db', db)
    assert.equal(imported.code, 0, imported.stderr)
    assert.match(imported.stdout, /Imported CIN_Census_2024\.xml as import \d+: 8 rows in 5 lists, 1 errors/)
    assert.match(imported.stdout, /Months 2022-10 to 2024-10: [1-9]\d* indicators updated/)
    const listed = await scrutineer('imports', '--db', db)
    assert.match(listed.stdout, /\tcin-census\tCIN_Census_2024\.xml\t/)
    const missing = await scrutineer('import', 'cin-census', '--db', db)
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /Say which census to import/)
  })

  describe('edge cases', () => {
    it('refuses an unknown measure to explain, with a usage error', async () => {
      const result = await scrutineer('measures', ...common, '--explain', 'no-such-measure')
      assert.equal(result.code, 2)
      assert.match(result.stderr, /no measure called no-such-measure/)
    })

    it('refuses a population that is not year=count', async () => {
      const result = await scrutineer('measures', '--annex-a', SMALL, '--end', '2018-04', '--population', '2018=5')
      assert.equal(result.code, 2)
      assert.match(result.stderr, /"2018=5" is not one/)
    })

    it('says a missing return is missing, with exit code 1', async () => {
      const result = await scrutineer('measures', '--annex-a', '/no/such/folder', '--end', '2018-04')
      assert.equal(result.code, 1)
      assert.match(result.stderr, /Nothing was imported/)
    })
  })
})

describe('scrutineer users', () => {
  const scratch = scratchFolders('scrutineer-cli-')
  it('adds the first administrator, refusing a weak password and a second account with the same email', async () => {
    const db = await folderWith('nothing', scratch)
    const weak = await scrutineerWith(
      { SCRUTINEER_PASSWORD: 'short' },
      'users',
      'add',
      '--email',
      'Admin@Example.gov.uk',
      '--role',
      'administrator',
      '--db',
      db,
    )
    assert.equal(weak.code, 1)
    assert.match(weak.stderr, /12 characters/)
    const common = await scrutineerWith(
      { SCRUTINEER_PASSWORD: 'password1234' },
      'users',
      'add',
      '--email',
      'admin@example.gov.uk',
      '--role',
      'administrator',
      '--db',
      db,
    )
    assert.equal(common.code, 1)
    assert.match(common.stderr, /No account was created:\n {2}This password is one of the most common passwords/)
    const added = await scrutineerWith(
      { SCRUTINEER_PASSWORD: 'a long enough passphrase' },
      'users',
      'add',
      '--email',
      'Admin@Example.gov.uk',
      '--role',
      'administrator',
      '--name',
      'Ada Admin',
      '--db',
      db,
    )
    assert.equal(added.code, 0, added.stderr)
    assert.match(added.stdout, /admin@example\.gov\.uk/)
    const again = await scrutineerWith(
      { SCRUTINEER_PASSWORD: 'a long enough passphrase' },
      'users',
      'add',
      '--email',
      'admin@example.gov.uk',
      '--role',
      'administrator',
      '--db',
      db,
    )
    assert.equal(again.code, 1)
  })

  describe('edge cases', () => {
    it('needs a role', async () => {
      const result = await scrutineerWith(
        { SCRUTINEER_PASSWORD: 'a long enough passphrase' },
        'users',
        'add',
        '--email',
        'x@example.gov.uk',
        '--db',
        'memory',
      )
      assert.equal(result.code, 2)
    })
  })
})

describe('scrutineer users list, disable, enable, unlock and role', () => {
  const scratch = scratchFolders('scrutineer-cli-')
  const PASSWORD = { SCRUTINEER_PASSWORD: 'a long enough passphrase' }
  let db: string
  before(async () => {
    db = await folderWith('nothing', scratch)
    for (const [email, role, name] of [
      ['ada@example.gov.uk', 'administrator', 'Ada Admin'],
      ['dee@example.gov.uk', 'director', 'Dee Director'],
    ] as const) {
      const added = await scrutineerWith(
        PASSWORD,
        'users',
        'add',
        '--email',
        email,
        '--role',
        role,
        '--name',
        name,
        '--db',
        db,
      )
      assert.equal(added.code, 0, added.stderr)
    }
  })

  it('lists every account with its role and status', async () => {
    const result = await scrutineer('users', 'list', '--db', db)
    assert.equal(result.code, 0, result.stderr)
    const lines = result.stdout.trim().split('\n')
    assert.match(lines[0] ?? '', /^Name\s+Email\s+Role\s+Status\s+Last signed in$/)
    assert.match(lines[1] ?? '', /^Ada Admin\s+ada@example\.gov\.uk\s+Administrator\s+Active\s+never$/)
    assert.match(lines[2] ?? '', /^Dee Director\s+dee@example\.gov\.uk\s+Director\s+Active\s+never$/)
  })

  it('changes a role, disables, re-enables and unlocks, each recorded with the command line as the actor', async () => {
    const role = await scrutineer(
      'users',
      'role',
      '--email',
      'DEE@example.gov.uk',
      '--role',
      'administrator',
      '--db',
      db,
    )
    assert.equal(role.code, 0, role.stderr)
    assert.equal(role.stdout, 'Dee Director <dee@example.gov.uk>: Administrator, Active.\n')
    const disabled = await scrutineer('users', 'disable', '--email', 'dee@example.gov.uk', '--db', db)
    assert.equal(disabled.code, 0, disabled.stderr)
    assert.match(disabled.stdout, /Administrator, Disabled\./)
    const enabled = await scrutineer('users', 'enable', '--email', 'dee@example.gov.uk', '--db', db)
    assert.equal(enabled.code, 0, enabled.stderr)
    assert.match(enabled.stdout, /Active\./)
    const unlocked = await scrutineer('users', 'unlock', '--email', 'dee@example.gov.uk', '--db', db)
    assert.equal(unlocked.code, 0, unlocked.stderr)
    const store = await openStore({ kind: 'pglite', dataDir: db })
    try {
      const events = await dataAccess(store).audit.search({ action: 'user.role-changed', offset: 0, limit: 10 })
      assert.equal(events.events.length, 1)
      assert.match(events.events[0]?.actor ?? '', /^cli:/)
      assert.deepEqual(events.events[0]?.details.after, { role: 'administrator' })
      const disabled = await dataAccess(store).audit.search({ action: 'user.disabled', offset: 0, limit: 10 })
      assert.equal(disabled.events.length, 1)
    } finally {
      await store.close()
    }
  })

  it('never disables or demotes the last active administrator', async () => {
    assert.equal(
      (await scrutineer('users', 'role', '--email', 'dee@example.gov.uk', '--role', 'director', '--db', db)).code,
      0,
    )
    const demote = await scrutineer('users', 'role', '--email', 'ada@example.gov.uk', '--role', 'director', '--db', db)
    assert.equal(demote.code, 1)
    assert.match(demote.stderr, /Nothing was changed:\n {2}This is the only active administrator/)
    const disable = await scrutineer('users', 'disable', '--email', 'ada@example.gov.uk', '--db', db)
    assert.equal(disable.code, 1)
    assert.match(
      (await scrutineer('users', 'list', '--db', db)).stdout,
      /Ada Admin\s+ada@example\.gov\.uk\s+Administrator\s+Active/,
    )
  })

  describe('edge cases', () => {
    it('says when there is no such account (exit 1), and needs --email and --role (exit 2)', async () => {
      const missing = await scrutineer('users', 'disable', '--email', 'nobody@example.gov.uk', '--db', db)
      assert.equal(missing.code, 1)
      assert.match(missing.stderr, /There is no account for nobody@example\.gov\.uk/)
      assert.equal((await scrutineer('users', 'unlock', '--db', db)).code, 2)
      assert.equal((await scrutineer('users', 'role', '--email', 'ada@example.gov.uk', '--db', db)).code, 2)
      const unknown = await scrutineer('users', 'delete', '--email', 'ada@example.gov.uk', '--db', db)
      assert.equal(unknown.code, 2)
      assert.match(unknown.stderr, /users list/)
    })

    it('refuses a role that does not exist', async () => {
      const result = await scrutineer('users', 'role', '--email', 'dee@example.gov.uk', '--role', 'public', '--db', db)
      assert.equal(result.code, 1)
      assert.match(result.stderr, /Choose a role/)
    })
  })
})
