/**
 * The minute-decisions migration on a database that already has minutes: a minute written before it, with two
 * RESOLVED decisions in one text, must come out as two numbered decision records, its text as written.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Migrator, sql } from 'kysely'
import { storeTargets } from '../../test/databases.ts'
import { migrateToLatest, type Store } from './connect.ts'
import { migrationProvider } from './migrations/index.ts'
import { minutesRepository } from './minutes-repository.ts'

/** The one row a statement returns. */
function only<T>(result: { rows: T[] }): T {
  const [row] = result.rows
  assert.ok(row)
  return row
}

const DECISIONS_MIGRATION = '2026-12-11T03-10-00-minute-decisions'

/** The old shape: the whole resolution in `minute_item.resolved`, as seed 003's minute 4 of 6 June 2019 reads. */
const TWO_DECISIONS =
  'that\n1) A detailed performance overview be produced to accompany the performance dataset for 25 July 2019 meeting of the Panel; and\n2) The Panel be provided with information on the Young Inspectors Scheme, an initiative engaging care leavers in the assessment of accommodation.'
const ROMAN_DECISIONS =
  '(i) That the Panel would be provided with a brief update on developments relating to Apprenticeships;\nand a note of the numbers involved\n(ii) That the LAC indicator would include children directed by the courts to be looked after.'
const ONE_DECISION = 'that the minutes of the meeting held on 28 March 2019 be approved and signed as a correct record.'

for (const target of storeTargets()) {
  describe(`Minutes written before decisions were records, migrated on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    const items: Record<'two' | 'roman' | 'one' | 'none', number> = { two: 0, roman: 0, one: 0, none: 0 }

    before(async () => {
      if (!target.open) return
      store = await target.open()
      const names = Object.keys(await migrationProvider.getMigrations()).sort()
      const previous = names[names.indexOf(DECISIONS_MIGRATION) - 1]
      assert.ok(previous)
      // The test database is migrated to the latest: take it back to the one before (each down is run in turn).
      const { error } = await new Migrator({ db: store.db, provider: migrationProvider }).migrateTo(previous)
      assert.equal(error, undefined)
      const tables = await sql<{ name: string }>`
        select table_name as name from information_schema.tables where table_name = 'minute_decision'`.execute(store.db)
      assert.equal(tables.rows.length, 0, 'the decisions table is not there before its migration')

      const committee = await sql<{ id: number }>`
        insert into committee (slug, name, quorum) values ('panel', 'Children and Families Scrutiny Panel', 3)
        returning id`.execute(store.db)
      const meeting = await sql<{ id: number }>`
        insert into meeting (committee_id, date, start_time, venue, status)
        values (${only(committee).id}, '2019-06-06', '17:30', 'Conference Room 3, Civic Centre', 'held')
        returning id`.execute(store.db)
      const minutes = await sql<{ id: number }>`
        insert into minutes (meeting_id, present, apologies, officers, declarations, status)
        values (${only(meeting).id}, '[]', '[]', '[]', '[]', 'draft') returning id`.execute(store.db)
      const minutesId = only(minutes).id
      const entries = [
        ['one', 3, 'Minutes of the previous meeting', ONE_DECISION],
        ['two', 4, 'Children and Families Performance', TWO_DECISIONS],
        ['roman', 5, 'Looked after children', ROMAN_DECISIONS],
        ['none', 6, 'Monitoring scrutiny recommendations', null],
      ] as const
      for (const [key, number, title, resolved] of entries) {
        const row = await sql<{ id: number }>`
          insert into minute_item (minutes_id, number, title, paragraphs, resolved)
          values (${minutesId}, ${number}, ${title}, '[]', ${resolved}) returning id`.execute(store.db)
        items[key] = only(row).id
      }
      // Approved minutes are final (a trigger refuses changes): the migration must still give them their decisions.
      await sql`update minutes set status = 'approved', approved_at_meeting_id = ${only(meeting).id},
        approved_on = '2019-07-25' where id = ${minutesId}`.execute(store.db)

      await migrateToLatest(store.db)
    })
    after(async () => {
      await store.close()
    })

    it('stores each RESOLVED decision of a two-decision minute as its own numbered record', async () => {
      const rows = await sql<{ number: number; text: string }>`
        select number, text from minute_decision where minute_item_id = ${items.two} order by number`.execute(store.db)
      assert.deepEqual(rows.rows, [
        {
          number: 1,
          text: 'A detailed performance overview be produced to accompany the performance dataset for 25 July 2019 meeting of the Panel',
        },
        {
          number: 2,
          text: 'The Panel be provided with information on the Young Inspectors Scheme, an initiative engaging care leavers in the assessment of accommodation.',
        },
      ])
    })

    it('keeps a decision’s unnumbered continuation lines with it, and roman numbering', async () => {
      const rows = await sql<{ number: number; text: string }>`
        select number, text from minute_decision where minute_item_id = ${items.roman} order by number`.execute(
        store.db,
      )
      assert.deepEqual(rows.rows, [
        {
          number: 1,
          text: 'That the Panel would be provided with a brief update on developments relating to Apprenticeships;\nand a note of the numbers involved',
        },
        {
          number: 2,
          text: 'That the LAC indicator would include children directed by the courts to be looked after.',
        },
      ])
    })

    it('gives a single decision one record, and a minute without a resolution none', async () => {
      const one = await sql<{ number: number; text: string }>`
        select number, text from minute_decision where minute_item_id = ${items.one}`.execute(store.db)
      assert.deepEqual(one.rows, [{ number: 1, text: ONE_DECISION }])
      const none = await sql<{ n: number }>`
        select count(*)::int as n from minute_decision where minute_item_id = ${items.none}`.execute(store.db)
      assert.equal(only(none).n, 0)
    })

    it('leaves the minutes’ RESOLVED text as written, still approved', async () => {
      const rows = await sql<{ id: number; resolved: string | null; status: string }>`
        select minute_item.id, resolved, minutes.status from minute_item
        join minutes on minutes.id = minute_item.minutes_id order by minute_item.number`.execute(store.db)
      assert.deepEqual(
        rows.rows.map((r) => r.resolved),
        [ONE_DECISION, TWO_DECISIONS, ROMAN_DECISIONS, null],
      )
      assert.ok(rows.rows.every((r) => r.status === 'approved'))
    })

    it('lists the migrated decisions in the decisions register, numbered within their minute', async () => {
      const decisions = await minutesRepository(store.db).allDecisions()
      assert.deepEqual(
        decisions.map((d) => [d.minuteNumber, d.number, d.minutesStatus]),
        [
          [3, 1, 'approved'],
          [4, 1, 'approved'],
          [4, 2, 'approved'],
          [5, 1, 'approved'],
          [5, 2, 'approved'],
        ],
      )
    })
  })
}
