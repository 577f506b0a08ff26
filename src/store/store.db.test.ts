import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { migratedPgliteDump, storeTargets } from '../../test/databases.ts'
import { blankIndicator, type Observation } from '../domain/catalogue.ts'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseError, LOCK_FILE, openStore, type Store } from './connect.ts'
import { dataAccess, type DataAccess } from './data-access.ts'

function obs(indicatorId: string, period: string, value: number | null): Observation {
  return { indicatorId, period, value, numerator: null, denominator: null }
}

for (const target of storeTargets()) {
  describe(`store on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let data: DataAccess

    before(async () => {
      if (!target.open) return
      store = await target.open()
      data = dataAccess(store)
      await data.catalogue.saveIndicators([
        blankIndicator('contacts', { title: 'Contacts', targets: [{ financialYear: '2018-19', value: 100 }] }),
        blankIndicator('referrals', { title: 'Referrals' }),
        blankIndicator('conversion', { unit: 'percentage', numeratorId: 'referrals', denominatorId: 'contacts' }),
      ])
    })
    after(async () => {
      await store.close()
    })

    it('returns the types the domain expects: numbers, ISO timestamps', async () => {
      const result = await sql<{ big: unknown; day: unknown; at: unknown }>`
        select 9007199254740991::int8 as big, date '2018-04-30' as day, timestamptz '2018-04-30 12:00:00+01' as at`.execute(
        store.db,
      )
      assert.deepEqual(result.rows[0], { big: 9007199254740991, day: '2018-04-30', at: '2018-04-30T11:00:00.000Z' })
    })

    it('saves indicators with their targets and numerator links', async () => {
      const conversion = await data.catalogue.findIndicator('conversion')
      assert.equal(conversion?.numeratorId, 'referrals')
      assert.equal(conversion.denominatorId, 'contacts')
      const contacts = await data.catalogue.findIndicator('contacts')
      assert.deepEqual(contacts?.targets, [{ financialYear: '2018-19', value: 100 }])
    })

    it('adds new months, revises changed ones keeping the old figure, and leaves identical ones', async () => {
      const first = await data.transaction(async (repos) => {
        const id = await repos.imports.start({
          kind: 'figures',
          sourceFile: 'march.csv',
          layout: 'long',
          importedBy: 'test',
        })
        return repos.observations.apply(
          [obs('contacts', '2018-03', 120), obs('contacts', '2018-04', 130)],
          id,
          'march.csv',
        )
      })
      assert.deepEqual(first, { added: 2, revised: 0, unchanged: 0 })
      const second = await data.transaction(async (repos) => {
        const id = await repos.imports.start({
          kind: 'figures',
          sourceFile: 'april.csv',
          layout: 'long',
          importedBy: 'test',
        })
        return repos.observations.apply(
          [obs('contacts', '2018-03', 120), obs('contacts', '2018-04', 135)],
          id,
          'april.csv',
        )
      })
      assert.deepEqual(second, { added: 0, revised: 1, unchanged: 1 })
      const history = await data.observations.findHistory('contacts')
      assert.deepEqual(
        history.map((o) => [o.period, o.value]),
        [
          ['2018-03', 120],
          ['2018-04', 135],
        ],
      )
      const revisions = await data.observations.findRevisions('contacts')
      assert.equal(revisions.length, 1)
      assert.equal(revisions[0]?.previousValue, 130)
      assert.equal(revisions[0].newValue, 135)
      assert.equal(revisions[0].sourceFile, 'april.csv')
      assert.match(revisions[0].revisedAt, /^\d{4}-\d{2}-\d{2}T/)
    })

    it('writes nothing when a transaction fails part way', async () => {
      const before = await data.observations.findHistory('referrals')
      await assert.rejects(
        data.transaction(async (repos) => {
          const id = await repos.imports.start({
            kind: 'figures',
            sourceFile: 'bad.csv',
            layout: 'long',
            importedBy: 'test',
          })
          await repos.observations.apply([obs('referrals', '2018-04', 50)], id, 'bad.csv')
          throw new Error('a later row was bad')
        }),
        /a later row was bad/,
      )
      assert.deepEqual(await data.observations.findHistory('referrals'), before)
    })

    it('keeps every committed row when transactions run concurrently', async () => {
      const months = Array.from({ length: 12 }, (_, i) => `2016-${String(i + 1).padStart(2, '0')}`)
      await Promise.all(
        months.map((period) =>
          data.transaction(async (repos) => {
            const id = await repos.imports.start({
              kind: 'figures',
              sourceFile: `${period}.csv`,
              layout: 'long',
              importedBy: 'test',
            })
            await repos.observations.apply([obs('referrals', period, Number(period.slice(5)))], id, `${period}.csv`)
          }),
        ),
      )
      const history = await data.observations.findHistory('referrals')
      assert.deepEqual(
        history.filter((o) => o.period.startsWith('2016')).map((o) => o.value),
        months.map((m) => Number(m.slice(5))),
      )
    })

    it('refuses to change or delete audit events', async () => {
      await data.audit.record({
        actor: 'test',
        action: 'test.event',
        subjectType: 'test',
        subjectId: '1',
        correlationId: null,
        details: { a: 1 },
      })
      await assert.rejects(sql`update audit_event set actor = 'someone else'`.execute(store.db), /append-only/)
      await assert.rejects(sql`delete from audit_event`.execute(store.db), /append-only/)
      const events = await data.audit.list({ subjectType: 'test' })
      assert.equal(events[0]?.actor, 'test')
      assert.deepEqual(events[0].details, { a: 1 })
    })

    describe('edge cases', () => {
      it('lists the months with data, ignoring months whose value is blank', async () => {
        await data.transaction(async (repos) => {
          const id = await repos.imports.start({
            kind: 'figures',
            sourceFile: 'gap.csv',
            layout: 'long',
            importedBy: 'test',
          })
          await repos.observations.apply([obs('conversion', '2015-01', null)], id, 'gap.csv')
        })
        const periods = await data.observations.periodsWithData(['conversion'])
        assert.deepEqual(periods, [])
      })

      it('stores a value that differs only below 1e-12 as unchanged', async () => {
        const result = await data.transaction(async (repos) => {
          const id = await repos.imports.start({
            kind: 'figures',
            sourceFile: 'same.csv',
            layout: 'long',
            importedBy: 'test',
          })
          return repos.observations.apply([obs('contacts', '2018-03', 120 + 1e-14)], id, 'same.csv')
        })
        assert.deepEqual(result, { added: 0, revised: 0, unchanged: 1 })
      })

      it('finds nothing for an empty list of indicators', async () => {
        assert.deepEqual(await data.catalogue.findIndicators([]), [])
        assert.deepEqual(await data.observations.findObservations([], '2018-01', '2018-12'), [])
      })
    })
  })
}

describe('an embedded database folder and the processes that use it', () => {
  /** A new folder starts as a copy of the tests' migrated database rather than from initdb (seconds each). */
  const migrated = async () => ({ loadDataDir: await migratedPgliteDump() })

  it('refuses a second opening while a process that does not share it has it open, and opens again once it is closed', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'scrutineer-lock-'))
    try {
      const first = await openStore({ kind: 'pglite', dataDir: folder, ...(await migrated()) })
      assert.equal(readFileSync(join(folder, LOCK_FILE), 'utf8'), `${process.pid}\n\n`)
      await assert.rejects(
        openStore({ kind: 'pglite', dataDir: folder }),
        (error: Error) =>
          error instanceof DatabaseError &&
          /in use by another Scrutineer \(process \d+\) that does not share it: a command still running/.test(
            error.message,
          ),
      )
      await first.close()
      assert.equal(existsSync(join(folder, LOCK_FILE)), false)
      const again = await openStore({ kind: 'pglite', dataDir: folder })
      await again.close()
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it("lets a command use a running server's database through its socket, with the same types", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'scrutineer-lock-'))
    try {
      const server = await openStore(
        { kind: 'pglite', dataDir: folder, ...(await migrated()) },
        { throughRunningServer: false },
      )
      const socket = await server.serveLocalCommands?.()
      assert.equal(socket, join(folder, 'socket', '.s.PGSQL.5432'))
      assert.equal(readFileSync(join(folder, LOCK_FILE), 'utf8'), `${process.pid}\n${socket}\n`)

      const command = await openStore({ kind: 'pglite', dataDir: folder })
      assert.equal(command.kind, 'pglite')
      assert.equal(command.location, `${folder} (through the running Scrutineer, process ${process.pid})`)
      assert.equal(command.serveLocalCommands, undefined)
      await dataAccess(command).catalogue.saveIndicators([blankIndicator('contacts', { title: 'Contacts' })])
      assert.deepEqual(
        (await dataAccess(server).catalogue.findIndicators()).map((i) => i.title),
        ['Contacts'],
      )
      const types = await sql<{ big: unknown; day: unknown; at: unknown }>`
        select 9007199254740991::int8 as big, date '2018-04-30' as day, timestamptz '2018-04-30 12:00:00+01' as at`.execute(
        command.db,
      )
      assert.deepEqual(types.rows[0], { big: 9007199254740991, day: '2018-04-30', at: '2018-04-30T11:00:00.000Z' })

      // A second server on the folder is refused rather than run through the first.
      await assert.rejects(
        openStore({ kind: 'pglite', dataDir: folder }, { throughRunningServer: false }),
        /already served by another Scrutineer \(process \d+\)/,
      )
      await command.close()
      assert.equal(readFileSync(join(folder, LOCK_FILE), 'utf8'), `${process.pid}\n${socket}\n`)
      await server.close()
      assert.equal(existsSync(join(folder, LOCK_FILE)), false)
      assert.equal(existsSync(socket ?? ''), false)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('refuses a command that needs a newer schema than the running server has, changing nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'scrutineer-lock-'))
    try {
      const server = await openStore(
        { kind: 'pglite', dataDir: folder, ...(await migrated()) },
        { throughRunningServer: false },
      )
      await server.serveLocalCommands?.()
      // As if the server were an older Scrutineer: its database lacks the latest migration.
      const latest = await sql<{ name: string }>`select max(name) as name from kysely_migration`.execute(server.db)
      await sql`delete from kysely_migration where name = ${latest.rows[0]?.name}`.execute(server.db)
      await assert.rejects(
        openStore({ kind: 'pglite', dataDir: folder }),
        /The running Scrutineer \(process \d+\) has an older database schema than this command needs \(1 change to make\)\. Restart it/,
      )
      const after = await sql<{
        count: number
      }>`select count(*)::int as count from kysely_migration where name = ${latest.rows[0]?.name}`.execute(server.db)
      assert.equal(after.rows[0]?.count, 0)
      await server.close()
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  describe('edge cases', () => {
    it('takes over a lock left by a process that has ended, even one that named its socket', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'scrutineer-lock-'))
      try {
        // A pid far above the kernel's limit cannot be running.
        writeFileSync(join(folder, LOCK_FILE), `2147483646\n${join(folder, 'socket', '.s.PGSQL.5432')}\n`)
        const store = await openStore({ kind: 'pglite', dataDir: folder, ...(await migrated()) })
        assert.equal(store.location, folder)
        assert.equal(readFileSync(join(folder, LOCK_FILE), 'utf8'), `${process.pid}\n\n`)
        await store.close()
      } finally {
        rmSync(folder, { recursive: true, force: true })
      }
    })

    it('says so when the running Scrutineer named in the lock does not answer at its socket', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'scrutineer-lock-'))
      try {
        const socket = join(folder, 'socket', '.s.PGSQL.5432')
        writeFileSync(join(folder, LOCK_FILE), `${process.pid}\n${socket}\n`)
        await assert.rejects(
          openStore({ kind: 'pglite', dataDir: folder }),
          (error: Error) =>
            error instanceof DatabaseError &&
            error.message.includes(
              `belongs to a running Scrutineer (process ${process.pid}), but it does not answer at ${socket}`,
            ) &&
            error.message.includes(`delete ${join(folder, LOCK_FILE)}`),
        )
        // Nothing was taken over.
        assert.equal(readFileSync(join(folder, LOCK_FILE), 'utf8'), `${process.pid}\n${socket}\n`)
      } finally {
        rmSync(folder, { recursive: true, force: true })
      }
    })
  })
})
