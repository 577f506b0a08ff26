import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { services as buildServices, type Services } from './index.ts'

/** The London date the tests run as: after the demo's meetings (2018-19), before the future ones they create. */
const TODAY = '2026-11-30'

for (const target of storeTargets()) {
  describe(`meetings on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    const context = { actor: 'democratic.services@council.test' }

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(store, { maxImportBytes: 1024, councilName: 'Test council' })
    })
    after(async () => {
      await store.close()
    })

    it('loads the demo panel once: its committee, members, contacts, meetings and the 7 June 2018 agenda', async () => {
      assert.equal(await services.meetings.loadDemoIfEmpty(), true)
      assert.equal(await services.meetings.loadDemoIfEmpty(), false)
      const [committee] = await services.meetings.listCommittees()
      assert.equal(committee?.name, 'Children and Families Scrutiny Panel')
      assert.equal(committee.members.length, 9)
      assert.deepEqual(committee.members[0], { name: 'Taggart', kind: 'councillor', role: 'chair' })
      assert.equal(committee.contacts[1]?.role, 'Scrutiny Manager')
      assert.equal(committee.termsOfReference.length, 5)
      assert.deepEqual(await services.meetings.years(), ['2020-21', '2019-20', '2018-19', '2017-18'])
      const june = (await services.meetings.calendar('2018-19'))[0]
      assert.equal(june?.meeting.date, '2018-06-07')
      const view = await services.meetings.getMeeting(june.meeting.id)
      assert.equal(view?.agenda.length, 9)
      assert.equal(view.agenda[6]?.kind, 'previous-minutes')
      // No page numbers until a pack is published: the seed's "(Pages 1 - 4)" are not preloaded.
      assert.ok(view.agenda.every((i) => i.pages === null))
    })

    it('schedules a meeting with the standard opening items, electing a vice-chair at the first meeting of a year', async () => {
      const [committee] = await services.meetings.listCommittees()
      assert.ok(committee)
      const first = await services.meetings.createMeeting(
        committee.id,
        { date: '2020-06-04', startTime: '17:30', venue: ' Civic Centre ', notice: '' },
        context,
      )
      assert.ok(first.ok)
      const second = await services.meetings.createMeeting(
        committee.id,
        { date: '2020-07-30', startTime: '17:30', venue: 'Civic Centre' },
        context,
      )
      assert.ok(second.ok)
      const firstView = await services.meetings.getMeeting(first.value)
      const secondView = await services.meetings.getMeeting(second.value)
      assert.equal(firstView?.meeting.venue, 'Civic Centre')
      assert.equal(firstView.meeting.notice, null)
      assert.equal(firstView.agenda[0]?.kind, 'election-of-vice-chair')
      assert.equal(secondView?.agenda[0]?.kind, 'apologies')
      assert.deepEqual(
        secondView.agenda.map((i) => i.position),
        [1, 2, 3, 4, 5, 6, 7],
      )
      // Monitoring scrutiny recommendations is a numbered item, after the reports (seed 001, minute 33).
      assert.equal(secondView.agenda[6]?.kind, 'monitoring-recommendations')
      assert.equal(secondView.agenda[6]?.title, 'Monitoring scrutiny recommendations')
      // The vice-chair is elected for a named year; the minutes to approve are the previous meeting's, by date.
      assert.equal(firstView.agenda[0]?.description, 'To elect the Vice-Chair for the Municipal Year 2020/21.')
      assert.match(secondView.agenda[5]?.description ?? '', /Minutes of the meeting held on 4 June 2020 and to deal/)
      // The first of 2020/21 follows the demo's last meeting before it, 26 September 2019 (seed 002).
      assert.match(firstView.agenda[6]?.description ?? '', /Minutes of the meeting held on 26 September 2019 and/)
      const events = await store.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'meeting.create')
        .where('subject_id', '=', String(first.value))
        .execute()
      assert.equal(events.length, 1)
      assert.equal(events[0]?.actor, context.actor)
    })

    it('elects the vice-chair only at a meeting with no earlier meeting that year, by date, not by when it was scheduled', async () => {
      const [committee] = await services.meetings.listCommittees()
      assert.ok(committee)
      const schedule = async (date: string) => {
        const created = await services.meetings.createMeeting(
          committee.id,
          { date, startTime: '17:30', venue: 'Civic Centre' },
          context,
        )
        assert.ok(created.ok)
        const view = await services.meetings.getMeeting(created.value)
        assert.ok(view)
        return view
      }
      const january = await schedule('2027-01-14')
      const march = await schedule('2027-03-18')
      const december = await schedule('2026-12-03')
      assert.equal(january.agenda[0]?.kind, 'election-of-vice-chair', 'the first of 2026/27 when it was scheduled')
      assert.equal(march.agenda[0]?.kind, 'apologies')
      // 3 December is now the first meeting of the year; 14 January's agenda is not changed behind the officer's back.
      assert.equal(december.agenda[0]?.kind, 'election-of-vice-chair')
      assert.equal(december.agenda[0]?.description, 'To elect the Vice-Chair for the Municipal Year 2026/27.')
      const minutesOf = (view: typeof march) =>
        view.agenda.find((i) => i.kind === 'previous-minutes')?.description ?? ''
      assert.match(minutesOf(march), /held on 14 January 2027 /)
      assert.match(minutesOf(december), /held on 1 October 2020 /)
      assert.equal((await services.meetings.getMeeting(january.meeting.id))?.agenda[0]?.kind, 'election-of-vice-chair')
    })

    it('changes a meeting and cancels it, recording before and after', async () => {
      const [entry] = await services.meetings.calendar('2018-19')
      assert.ok(entry)
      const changed = await services.meetings.updateMeeting(
        entry.meeting.id,
        { date: entry.meeting.date, startTime: '18:00', venue: 'Council Chamber', status: 'cancelled', notice: '' },
        context,
        TODAY,
      )
      assert.ok(changed.ok)
      const after = await services.meetings.getMeeting(entry.meeting.id)
      assert.deepEqual(
        [after?.meeting.startTime, after?.meeting.venue, after?.meeting.status, after?.meeting.notice],
        ['18:00', 'Council Chamber', 'cancelled', null],
      )
      const events = await store.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'meeting.cancel')
        .where('subject_id', '=', String(entry.meeting.id))
        .execute()
      assert.equal(events.length, 1)
      const refused = await services.meetings.updateMeeting(
        entry.meeting.id,
        { date: entry.meeting.date, startTime: '18:00', venue: 'x', status: 'postponed' },
        context,
        TODAY,
      )
      assert.equal(refused.ok, false)
      // A meeting not yet taken place cannot be marked held; on its day it can.
      const early = await services.meetings.updateMeeting(
        entry.meeting.id,
        { date: '2027-01-14', startTime: '18:00', venue: 'x', status: 'held' },
        context,
        TODAY,
      )
      assert.equal(
        !early.ok && early.problems[0]?.message,
        'A meeting can only be marked held on or after its date: leave it scheduled until it has taken place',
      )
      assert.equal((await services.meetings.getMeeting(entry.meeting.id))?.meeting.status, 'cancelled')
      assert.equal((await services.meetings.getMeeting(entry.meeting.id))?.meeting.venue, 'Council Chamber')
    })

    describe('edge cases', () => {
      it('refuses a bad meeting or an unknown committee and stores nothing', async () => {
        const before = (await services.meetings.allMeetings()).length
        const bad = await services.meetings.createMeeting(
          1,
          { date: '2020-13-01', startTime: '17:30', venue: 'x' },
          context,
        )
        assert.equal(bad.ok, false)
        const unknown = await services.meetings.createMeeting(
          999,
          { date: '2020-10-01', startTime: '17:30', venue: 'x' },
          context,
        )
        assert.equal(unknown.ok, false)
        assert.equal((await services.meetings.allMeetings()).length, before)
      })

      it('skips a cancelled meeting: the next one elects the vice-chair and approves the minutes before it', async () => {
        const [committee] = await services.meetings.listCommittees()
        assert.ok(committee)
        const cancelled = await services.meetings.createMeeting(
          committee.id,
          { date: '2030-06-06', startTime: '17:30', venue: 'Civic Centre', status: 'cancelled' },
          context,
        )
        assert.ok(cancelled.ok)
        const next = await services.meetings.createMeeting(
          committee.id,
          { date: '2030-07-25', startTime: '17:30', venue: 'Civic Centre' },
          context,
        )
        assert.ok(next.ok)
        const view = await services.meetings.getMeeting(next.value)
        assert.equal(view?.agenda[0]?.kind, 'election-of-vice-chair')
        const minutes = view.agenda.find((i) => i.kind === 'previous-minutes')?.description ?? ''
        assert.match(minutes, /held on 18 March 2027 /)
      })

      it('with no earlier meeting, the minutes item keeps the general wording', async () => {
        const empty = await target.open?.()
        assert.ok(empty)
        try {
          const other = buildServices(empty, { maxImportBytes: 1024, councilName: 'Empty' })
          await other.meetings.loadDemoIfEmpty()
          const [committee] = await other.meetings.listCommittees()
          assert.ok(committee)
          const first = await other.meetings.createMeeting(
            committee.id,
            { date: '2010-06-03', startTime: '17:30', venue: 'Civic Centre' },
            context,
          )
          assert.ok(first.ok)
          const view = await other.meetings.getMeeting(first.value)
          assert.equal(
            view?.agenda.find((i) => i.kind === 'previous-minutes')?.description,
            'To approve and sign as a correct record the Minutes of the previous meeting and to deal with any matters arising, attached.',
          )
        } finally {
          await empty.close()
        }
      })

      it('an empty database has no years and no meetings', async () => {
        const empty = await target.open?.()
        assert.ok(empty)
        try {
          const other = buildServices(empty, { maxImportBytes: 1024, councilName: 'Empty' })
          assert.deepEqual(await other.meetings.years(), [])
          assert.deepEqual(await other.meetings.calendar('2018-19'), [])
          assert.equal(await other.meetings.getMeeting(1), null)
        } finally {
          await empty.close()
        }
      })
    })
  })
}
