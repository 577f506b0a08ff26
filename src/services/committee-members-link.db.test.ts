/**
 * A committee's member list names member records: the migration that links them keeps every place (its name,
 * kind, office and position) on a database that already has lists, and from then on the list's changes write the
 * members' dated places, which the committee's and the member's pages read.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Migrator, sql } from 'kysely'
import { storeTargets } from '../../test/databases.ts'
import { migrateToLatest, type Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { migrationProvider } from '../store/migrations/index.ts'
import { services as buildServices, type Services } from './index.ts'

const LINK_MIGRATION = '2026-12-12T00-20-00-committee-member-link'

function only<T>(result: { rows: T[] }): T {
  const [row] = result.rows
  assert.ok(row)
  return row
}

for (const target of storeTargets()) {
  describe(`committee lists from before members were linked, migrated on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let panel: number
    let other: number

    before(async () => {
      if (!target.open) return
      store = await target.open()
      const names = Object.keys(await migrationProvider.getMigrations()).sort()
      const previous = names[names.indexOf(LINK_MIGRATION) - 1]
      assert.ok(previous)
      const { error } = await new Migrator({ db: store.db, provider: migrationProvider }).migrateTo(previous)
      assert.equal(error, undefined)
      panel = only(
        await sql<{ id: number }>`insert into committee (slug, name, quorum)
          values ('panel', 'Children and Families Scrutiny Panel', 3) returning id`.execute(store.db),
      ).id
      other = only(
        await sql<{ id: number }>`insert into committee (slug, name, quorum)
          values ('other', 'Overview and Scrutiny Management Committee', 3) returning id`.execute(store.db),
      ).id
      // Councillor Taggart already has a page (the members migration's table, as the demo filled it).
      await sql`insert into member (slug, name, kind) values ('councillor-taggart', 'Taggart', 'councillor')`.execute(
        store.db,
      )
      // A different person whose name makes O'Neill's slug.
      await sql`insert into member (slug, name, kind) values ('councillor-oneill', 'ONeill', 'councillor')`.execute(
        store.db,
      )
      const places = [
        [panel, 1, 'Taggart', 'councillor', 'chair'],
        [panel, 2, "O'Neill", 'councillor', 'vice-chair'],
        [panel, 3, 'Keogh', 'councillor', 'member'],
        [panel, 4, 'Rob Sanders', 'appointed', 'member'],
        [panel, 5, 'Burke', 'councillor', 'substitute'],
        [other, 1, 'Keogh', 'councillor', 'chair'],
      ] as const
      for (const [committee, position, name, kind, role] of places) {
        await sql`insert into committee_member (committee_id, position, name, kind, role)
          values (${committee}, ${position}, ${name}, ${kind}, ${role})`.execute(store.db)
      }
      await migrateToLatest(store.db)
    })
    after(async () => {
      await store.close()
    })

    it('keeps every place with its name, kind, office and position, each pointing at a member', async () => {
      const data = dataAccess(store)
      const committee = await data.meetings.findCommittee(panel)
      assert.deepEqual(committee?.members, [
        { name: 'Taggart', kind: 'councillor', role: 'chair' },
        { name: "O'Neill", kind: 'councillor', role: 'vice-chair' },
        { name: 'Keogh', kind: 'councillor', role: 'member' },
        { name: 'Rob Sanders', kind: 'appointed', role: 'member' },
        { name: 'Burke', kind: 'councillor', role: 'substitute' },
      ])
      assert.deepEqual((await data.meetings.findCommittee(other))?.members, [
        { name: 'Keogh', kind: 'councillor', role: 'chair' },
      ])
      const listed = await data.members.listed(panel)
      assert.deepEqual(
        listed.map((l) => l.member.slug),
        ['councillor-taggart', 'councillor-oneill-2', 'councillor-keogh', 'rob-sanders', 'councillor-burke'],
      )
    })

    it('matches a name already a member to that record, and one person on two committees to one record', async () => {
      const rows = await sql<{ slug: string; n: number }>`
        select slug, count(*)::int as n from member group by slug order by slug`.execute(store.db)
      assert.deepEqual(rows.rows, [
        { slug: 'councillor-burke', n: 1 },
        { slug: 'councillor-keogh', n: 1 },
        { slug: 'councillor-oneill', n: 1 },
        { slug: 'councillor-oneill-2', n: 1 },
        { slug: 'councillor-taggart', n: 1 },
        { slug: 'rob-sanders', n: 1 },
      ])
      const data = dataAccess(store)
      const keogh = (await data.members.listed(other))[0]?.member
      assert.equal(keogh?.id, (await data.members.listed(panel))[2]?.member.id)
    })

    it('invents no dates: places with dates are only those recorded', async () => {
      const rows = await sql<{ n: number }>`select count(*)::int as n from member_role`.execute(store.db)
      assert.equal(only(rows).n, 0)
    })

    it('refuses a place that names no member', async () => {
      await assert.rejects(
        sql`insert into committee_member (committee_id, position, role) values (${panel}, 9, 'member')`.execute(
          store.db,
        ),
      )
    })
  })

  describe(`the committee's list writes its members' dated places on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let id: number
    let today = '2026-12-07'
    const context = { actor: 'user:7', correlationId: 'request-1' }

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(
        store,
        { maxImportBytes: 1024, councilName: 'Test council' },
        { now: () => new Date(`${today}T12:00:00Z`) },
      )
      assert.ok(await services.meetings.loadDemoIfEmpty())
      assert.ok(await services.members.loadDemoIfEmpty(), 'the demo places load after the panel made its people')
      const [committee] = await services.meetings.listCommittees()
      assert.ok(committee)
      id = committee.id
    })
    after(async () => {
      await store.close()
    })

    const placesOf = async (slug: string) =>
      (await services.committees.membership(id)).places
        .filter((p) => p.member.slug === slug)
        .map((p) => [p.role, p.startsOn, p.endsOn])

    it('lists the panel’s members as member records, with the dates of their current office', async () => {
      const { listed } = await services.committees.membership(id)
      assert.deepEqual(listed[0], {
        member: { id: listed[0]?.member.id, slug: 'councillor-taggart', name: 'Taggart', kind: 'councillor' },
        role: 'chair',
        since: '2019-05-15',
      })
      // Councillor Keogh's place ended with 2018/19: on the list still, no office open now.
      assert.equal(listed.find((l) => l.member.name === 'Keogh')?.since, null)
    })

    it('starts a place today when a member is added, and ends it yesterday when they leave', async () => {
      const added = await services.committees.addMember(
        id,
        { name: 'Savage', kind: 'councillor', role: 'member' },
        context,
      )
      assert.ok(added.ok)
      assert.deepEqual(await placesOf('councillor-savage'), [['member', '2026-12-07', null]])
      const page = await services.members.page('councillor-savage', { allInterests: false })
      assert.deepEqual(
        page?.roles.map((r) => [r.committeeId, r.role, r.startsOn, r.endsOn]),
        [[id, 'member', '2026-12-07', null]],
      )
      today = '2027-01-20'
      const position = (await services.committees.get(id))?.members.findIndex((m) => m.name === 'Savage') ?? -1
      const removed = await services.committees.removeMember(id, position + 1, 'Savage', context)
      assert.ok(removed.ok, JSON.stringify(!removed.ok && removed.problems))
      assert.deepEqual(await placesOf('councillor-savage'), [['member', '2026-12-07', '2027-01-19']])
    })

    it('ends the old office and starts the new one when a member’s office changes', async () => {
      today = '2027-02-01'
      const members = (await services.committees.get(id))?.members ?? []
      const position = members.findIndex((m) => m.name === 'Taggart') + 1
      const changed = await services.committees.changeMember(
        id,
        position,
        'Taggart',
        { name: 'Taggart', kind: 'councillor', role: 'member' },
        context,
      )
      assert.ok(changed.ok, JSON.stringify(!changed.ok && changed.problems))
      const taggart = await placesOf('councillor-taggart')
      assert.deepEqual(taggart.slice(-2), [
        ['chair', '2019-05-15', '2027-01-31'],
        ['member', '2027-02-01', null],
      ])
    })

    it('takes back a place added by mistake the same day rather than dating it', async () => {
      today = '2027-03-01'
      assert.ok(
        (await services.committees.addMember(id, { name: 'Noon', kind: 'councillor', role: 'member' }, context)).ok,
      )
      const position = ((await services.committees.get(id))?.members.findIndex((m) => m.name === 'Noon') ?? -1) + 1
      assert.ok((await services.committees.removeMember(id, position, 'Noon', context)).ok)
      assert.deepEqual(await placesOf('councillor-noon'), [])
    })

    it('gives substitutes no dated place', async () => {
      assert.ok(
        (
          await services.committees.addMember(
            id,
            { name: 'Fitzhenry', kind: 'councillor', role: 'substitute' },
            context,
          )
        ).ok,
      )
      assert.deepEqual(await placesOf('councillor-fitzhenry'), [])
    })

    it('refuses a bad member and changes nothing', async () => {
      const before = await services.committees.membership(id)
      const refused = await services.committees.addMember(id, { name: '', kind: 'mayor', role: 'member' }, context)
      assert.equal(refused.ok, false)
      assert.deepEqual(await services.committees.membership(id), before)
    })
  })
}
