import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess, type DataAccess } from '../store/data-access.ts'
import { services as buildServices, type Services } from './index.ts'

for (const target of storeTargets()) {
  describe(`keeping the committee up to date on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let data: DataAccess
    let id: number
    const context = { actor: 'user:7', correlationId: 'request-1' }

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(store, { maxImportBytes: 1024, councilName: 'Test council' })
      data = dataAccess(store)
      assert.ok(await services.meetings.loadDemoIfEmpty())
      const [committee] = await services.meetings.listCommittees()
      assert.ok(committee)
      id = committee.id
    })
    after(async () => {
      await store.close()
    })

    async function lastEvent() {
      const [event] = await data.audit.list({ subjectType: 'committee', subjectId: String(id), limit: 1 })
      assert.ok(event)
      return event
    }

    it('changes the details and records before → after', async () => {
      const result = await services.committees.updateDetails(
        id,
        {
          name: 'Children and Families Scrutiny Panel',
          purpose: 'To scrutinise children’s services.',
          termsOfReference: 'Early help\nYouth justice',
          quorum: '4',
        },
        context,
      )
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
      const stored = await services.committees.get(id)
      assert.deepEqual(stored?.termsOfReference, ['Early help', 'Youth justice'])
      assert.equal(stored.quorum, 4)
      assert.equal(stored.purpose, 'To scrutinise children’s services.')
      const event = await lastEvent()
      assert.equal(event.action, 'committee.update')
      assert.equal(event.actor, 'user:7')
      assert.equal(event.correlationId, 'request-1')
      const details = event.details as { before: { quorum: number }; after: { quorum: number } }
      assert.equal(details.before.quorum, 3)
      assert.equal(details.after.quorum, 4)
    })

    it('adds a member in front-sheet order, numbering positions 1, 2, 3…', async () => {
      const result = await services.committees.addMember(
        id,
        { name: 'Savage', kind: 'councillor', role: 'vice-chair' },
        context,
      )
      assert.ok(result.ok)
      const members = (await services.committees.get(id))?.members ?? []
      assert.deepEqual(members[1], { name: 'Savage', kind: 'councillor', role: 'vice-chair' })
      assert.equal(members.length, 10)
      const positions = await store.db
        .selectFrom('committee_member')
        .select('position')
        .where('committee_id', '=', id)
        .orderBy('position')
        .execute()
      assert.deepEqual(
        positions.map((p) => p.position),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      )
      const event = await lastEvent()
      assert.equal(event.action, 'committee.member.add')
      assert.deepEqual(event.details, { after: { name: 'Savage', kind: 'councillor', role: 'vice-chair' } })
    })

    it('changes and removes a member by place, checking it is still the same person', async () => {
      const changed = await services.committees.changeMember(
        id,
        3,
        'J Baillie',
        { name: 'J Baillie', kind: 'councillor', role: 'substitute' },
        context,
      )
      assert.ok(changed.ok, JSON.stringify(!changed.ok && changed.problems))
      let members = (await services.committees.get(id))?.members ?? []
      // Substitutes come after the members among the councillors.
      assert.equal(members[7]?.name, 'J Baillie')
      assert.deepEqual((await lastEvent()).details, {
        before: { name: 'J Baillie', kind: 'councillor', role: 'member' },
        after: { name: 'J Baillie', kind: 'councillor', role: 'substitute' },
      })

      const removed = await services.committees.removeMember(id, 8, 'J Baillie', context)
      assert.ok(removed.ok)
      members = (await services.committees.get(id))?.members ?? []
      assert.equal(members.length, 9)
      assert.ok(!members.some((m) => m.name === 'J Baillie'))
      assert.equal((await lastEvent()).action, 'committee.member.remove')
    })

    it('adds, changes and removes contacts', async () => {
      const added = await services.committees.addContact(
        id,
        { role: 'Clerk', name: 'Sam Clerk', phone: '', email: 'sam.clerk@council.test' },
        context,
      )
      assert.ok(added.ok)
      let contacts = (await services.committees.get(id))?.contacts ?? []
      assert.deepEqual(contacts[2], { role: 'Clerk', name: 'Sam Clerk', phone: null, email: 'sam.clerk@council.test' })
      assert.equal((await lastEvent()).action, 'committee.contact.add')

      const changed = await services.committees.changeContact(
        id,
        1,
        'Emily Goodwin',
        { role: 'Democratic Support Officer', name: 'Ed Smith', phone: '023 8083 0000', email: '' },
        context,
      )
      assert.ok(changed.ok)
      contacts = (await services.committees.get(id))?.contacts ?? []
      assert.equal(contacts[0]?.name, 'Ed Smith')
      assert.equal(contacts[0].email, null)
      const event = await lastEvent()
      assert.equal(event.action, 'committee.contact.change')
      assert.equal((event.details as { before: { name: string } }).before.name, 'Emily Goodwin')

      const removed = await services.committees.removeContact(id, 3, 'Sam Clerk', context)
      assert.ok(removed.ok)
      contacts = (await services.committees.get(id))?.contacts ?? []
      assert.deepEqual(
        contacts.map((c) => c.name),
        ['Ed Smith', 'Mark Pirnie'],
      )
      assert.equal((await lastEvent()).action, 'committee.contact.remove')
    })

    it('shows the change on the meeting view that the front sheet is printed from', async () => {
      const [entry] = await services.meetings.allMeetings()
      assert.ok(entry)
      const view = await services.meetings.getMeeting(entry.meeting.id)
      assert.ok(view)
      assert.ok(view.committee.members.some((m) => m.name === 'Savage' && m.role === 'vice-chair'))
      assert.equal(view.committee.contacts[0]?.name, 'Ed Smith')
    })

    describe('edge cases', () => {
      it('stores nothing and records nothing when refused', async () => {
        const before = await services.committees.get(id)
        const eventsBefore = (await data.audit.list({ subjectType: 'committee' })).length
        const refusals = [
          await services.committees.updateDetails(
            id,
            { name: '', purpose: '', termsOfReference: '', quorum: '99' },
            context,
          ),
          await services.committees.addMember(id, { name: 'Taggart', kind: 'councillor', role: 'member' }, context),
          await services.committees.addMember(id, { name: 'New', kind: 'councillor', role: 'chair' }, context),
          await services.committees.addContact(id, { role: 'Clerk', name: 'X', phone: '', email: 'nope' }, context),
          await services.committees.removeMember(999, 1, 'Taggart', context),
        ]
        for (const result of refusals) assert.equal(result.ok, false)
        assert.deepEqual(await services.committees.get(id), before)
        assert.equal((await data.audit.list({ subjectType: 'committee' })).length, eventsBefore)
      })

      it('refuses a change to a place that now holds someone else, or no one', async () => {
        const wrong = await services.committees.removeMember(id, 1, 'Guthrie', context)
        assert.ok(!wrong.ok)
        assert.match(wrong.problems[0]?.message ?? '', /Someone else changed this list/)
        assert.ok(
          !(
            await services.committees.changeContact(
              id,
              9,
              'Mark Pirnie',
              {
                role: 'x',
                name: 'y',
                phone: '',
                email: '',
              },
              context,
            )
          ).ok,
        )
        assert.equal((await services.committees.get(id))?.members[0]?.name, 'Taggart')
      })

      it('refuses to leave fewer members than the quorum, then allows it once the quorum is lowered', async () => {
        // Quorum 4; remove members until 4 who are not substitutes remain.
        let members = (await services.committees.get(id))?.members ?? []
        while (members.filter((m) => m.role !== 'substitute').length > 4) {
          const last = members.length
          const result = await services.committees.removeMember(id, last, members[last - 1]?.name ?? '', context)
          assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
          members = result.value.members
        }
        const refused = await services.committees.removeMember(id, 2, members[1]?.name ?? '', context)
        assert.ok(!refused.ok)
        assert.match(refused.problems[0]?.message ?? '', /The quorum is 4/)
        const lowered = await services.committees.updateDetails(
          id,
          { name: 'Panel', purpose: 'p', termsOfReference: '', quorum: '3' },
          context,
        )
        assert.ok(lowered.ok)
        assert.ok((await services.committees.removeMember(id, 2, members[1]?.name ?? '', context)).ok)
      })

      it('keeps both of two changes made at the same time', async () => {
        const [a, b] = await Promise.all([
          services.committees.addContact(id, { role: 'A', name: 'Contact A', phone: '', email: '' }, context),
          services.committees.addContact(id, { role: 'B', name: 'Contact B', phone: '', email: '' }, context),
        ])
        assert.ok(a.ok && b.ok)
        const names = (await services.committees.get(id))?.contacts.map((c) => c.name) ?? []
        assert.ok(names.includes('Contact A') && names.includes('Contact B'), names.join(', '))
      })
    })
  })
}
