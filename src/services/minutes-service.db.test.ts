import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { Meeting } from '../domain/scrutiny/committee.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { services as buildServices, type Services } from './index.ts'

/** The London date the tests run as: after the demo's meetings (2018-19), before the future ones they create. */
const TODAY = '2026-11-30'

const heading = {
  present: 'Councillor Taggart (Chair)\nCouncillor Mitchell (Vice-Chair)\nRob Sanders',
  apologies: 'Councillor Guthrie',
  officers: 'Hillary Brooks, Service Director, Children and Families',
  declarations: '',
}
const minute = (title: string, resolved = '') => ({
  title,
  text: 'The Panel noted the report.',
  resolved,
  inTheChair: '',
  agendaItem: '',
})

for (const target of storeTargets()) {
  describe(`minutes on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let byDate: Map<string, Meeting>
    const context = { actor: 'democratic.services@council.test' }
    const meetingOn = (date: string): Meeting => {
      const meeting = byDate.get(date)
      assert.ok(meeting, `no meeting on ${date}`)
      return meeting
    }
    async function events(action: string, meetingId: number) {
      return store.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', action)
        .where('subject_id', '=', String(meetingId))
        .execute()
    }

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(store, { maxImportBytes: 1024, councilName: 'Test council' })
      await services.meetings.loadDemoIfEmpty()
      byDate = new Map((await services.meetings.allMeetings()).map((e) => [e.meeting.date, e.meeting]))
    })
    after(async () => {
      await store.close()
    })

    it('loads the demo minutes once: 22 March 2018 numbered 29 to 33 and approved on 7 June 2018, 6 June 2019 a draft', async () => {
      assert.equal(await services.minutes.loadDemoIfEmpty(), true)
      assert.equal(await services.minutes.loadDemoIfEmpty(), false)
      const march = await services.minutes.get(meetingOn('2018-03-22').id)
      assert.deepEqual(
        march?.minutes.items.map((i) => i.number),
        [29, 30, 31, 32, 33],
      )
      assert.equal(march.minutes.status, 'approved')
      assert.equal(march.approvedAt?.date, '2018-06-07')
      assert.equal(march.minutes.approvedOn, '2018-06-07')
      assert.deepEqual(march.minutes.present[0], { name: 'Keogh', kind: 'councillor', role: 'chair' })
      assert.equal(march.minutes.items[2]?.inTheChair, "Councillor O'Neill in the chair")
      const june = await services.minutes.get(meetingOn('2019-06-06').id)
      assert.equal(june?.minutes.status, 'draft')
      assert.deepEqual(
        june.minutes.items.map((i) => i.number),
        [1, 2, 3, 4, 5, 6],
      )
      assert.equal(await services.minutes.get(meetingOn('2018-07-26').id), null)
    })

    it('numbers new minutes on through the municipal year, and again from 1 in a new year', async () => {
      const june = meetingOn('2018-06-07')
      const july = meetingOn('2018-07-26')
      assert.ok((await services.minutes.saveDraft(june.id, heading, context)).ok)
      assert.deepEqual(await services.minutes.addItem(june.id, minute('Apologies'), context), { ok: true, value: 1 })
      assert.deepEqual(await services.minutes.addItem(june.id, minute('Performance'), context), { ok: true, value: 2 })
      assert.ok((await services.minutes.saveDraft(july.id, heading, context)).ok)
      assert.deepEqual(await services.minutes.addItem(july.id, minute('Apologies'), context), { ok: true, value: 3 })
      // A meeting late in 2017-18 carries on from 22 March's 33.
      const [committee] = await services.meetings.listCommittees()
      assert.ok(committee)
      const april = await services.meetings.createMeeting(
        committee.id,
        { date: '2018-04-19', startTime: '17:30', venue: 'Civic Centre' },
        context,
      )
      assert.ok(april.ok)
      assert.ok((await services.minutes.saveDraft(april.value, heading, context)).ok)
      assert.deepEqual(await services.minutes.addItem(april.value, minute('Apologies'), context), {
        ok: true,
        value: 34,
      })
      const saved = await services.minutes.get(june.id)
      assert.deepEqual(saved?.minutes.present[1], { name: 'Mitchell', kind: 'councillor', role: 'vice-chair' })
      assert.deepEqual(saved.minutes.officers, ['Hillary Brooks, Service Director, Children and Families'])
      assert.equal((await events('minutes.create', june.id))[0]?.actor, context.actor)
      assert.equal((await events('minutes.item.add', june.id)).length, 2)
    })

    it('edits a draft (audited with before and after), then approves it at a later meeting and refuses any change after', async () => {
      const july = meetingOn('2018-07-26')
      const edited = await services.minutes.editItem(
        july.id,
        3,
        { ...minute('Apologies and changes in Panel membership'), text: 'First.\n\nSecond.' },
        context,
      )
      assert.deepEqual(edited, { ok: true, value: 3 })
      const [event] = await events('minutes.item.update', july.id)
      const details = event?.details as { before: { title: string }; after: { title: string; paragraphs: string[] } }
      assert.equal(details.before.title, 'Apologies')
      assert.deepEqual(details.after.paragraphs, ['First.', 'Second.'])

      const earlier = await services.minutes.approve(july.id, meetingOn('2018-06-07').id, context, TODAY)
      assert.equal(!earlier.ok && earlier.problems[0]?.message, 'Minutes are approved at a later meeting')
      assert.deepEqual((await services.minutes.approvingMeetings(july.id, TODAY)).map((m) => m.date).slice(0, 2), [
        '2018-09-27',
        '2018-11-29',
      ])
      assert.ok((await services.minutes.approve(july.id, meetingOn('2018-09-27').id, context, TODAY)).ok)
      const approved = await services.minutes.get(july.id)
      assert.equal(approved?.minutes.status, 'approved')
      assert.equal(approved.approvedAt?.date, '2018-09-27')
      assert.equal((await events('minutes.approve', july.id))[0]?.actor, context.actor)

      const again = await services.minutes.approve(july.id, meetingOn('2018-11-29').id, context, TODAY)
      assert.equal(!again.ok && again.problems[0]?.message, 'These minutes have already been approved')
      const change = await services.minutes.saveDraft(july.id, heading, context)
      assert.equal(!change.ok && change.problems[0]?.message, 'Approved minutes cannot be changed')
      const add = await services.minutes.addItem(july.id, minute('Late'), context)
      assert.equal(!add.ok && add.problems[0]?.message, 'Approved minutes cannot be changed')
      const edit = await services.minutes.editItem(july.id, 3, minute('Changed'), context)
      assert.equal(!edit.ok && edit.problems[0]?.message, 'Approved minutes cannot be changed')
      assert.equal(
        (await services.minutes.get(july.id))?.minutes.items[0]?.title,
        'Apologies and changes in Panel membership',
      )
    })

    it('makes a recommendation from a resolution, carrying the meeting, its date and the minute title', async () => {
      const march = meetingOn('2018-03-22')
      const made = await services.minutes.makeRecommendation(march.id, 31, context)
      assert.ok(made.ok)
      assert.equal(made.value.length, 1)
      const recommendation = await services.recommendations.get(made.value[0] ?? 0)
      assert.equal(recommendation?.meetingId, march.id)
      assert.equal(recommendation.madeOn, '2018-03-22')
      assert.equal(recommendation.title, 'Post 16 Education and Training')
      assert.equal(
        recommendation.text,
        'That the Panel would be provided with a brief update on developments relating to Apprenticeships',
      )
      assert.equal(recommendation.number, 1)
      assert.equal(recommendation.status, 'awaiting-response')
      const twice = await services.minutes.makeRecommendation(march.id, 31, context)
      assert.equal(!twice.ok && twice.problems[0]?.message, 'A recommendation has already been made from minute 31')
    })

    it('remembers the minute a recommendation was made from, so a corrected draft cannot make a second', async () => {
      const june = meetingOn('2019-06-06')
      const made = await services.minutes.makeRecommendation(june.id, 4, context)
      assert.ok(made.ok)
      // Minute 4 resolved two numbered decisions: one recommendation each, numbered 1 and 2, both from minute 4.
      const both = await Promise.all(made.value.map((id) => services.recommendations.get(id)))
      assert.deepEqual(
        both.map((r) => [r?.number, r?.minuteNumber, r?.text]),
        [
          [
            1,
            4,
            'A detailed performance overview be produced to accompany the performance dataset for 25 July 2019 meeting of the Panel',
          ],
          [
            2,
            4,
            'The Panel be provided with information on the Young Inspectors Scheme, an initiative engaging care leavers in the assessment of accommodation.',
          ],
        ],
      )
      const corrected = await services.minutes.editItem(
        june.id,
        4,
        minute('Children and Families - Performance', 'That the Panel asks for a corrected report'),
        context,
      )
      assert.ok(corrected.ok)
      const again = await services.minutes.makeRecommendation(june.id, 4, context)
      assert.equal(!again.ok && again.problems[0]?.message, 'A recommendation has already been made from minute 4')
      // Minute 2 is another minute of the same meeting: still free.
      assert.ok((await services.minutes.makeRecommendation(june.id, 2, context)).ok)
      // Recommendations entered by hand have no minute.
      const byHand = await services.recommendations.create(
        {
          committeeId: june.committeeId,
          meetingId: june.id,
          madeOn: '2019-06-06',
          title: 'Children and Families - Performance',
          number: 9,
          text: 'That the Panel asks for a corrected report',
          leadOfficer: '',
        },
        context,
      )
      assert.ok(byHand.ok)
      assert.equal('minuteNumber' in ((await services.recommendations.get(byHand.value)) ?? {}), false)
    })

    describe('edge cases', () => {
      it("refuses approval at another committee's meeting or a meeting that does not exist", async () => {
        const data = dataAccess(store)
        const other = await data.meetings.createCommittee({
          slug: 'other',
          name: 'Other Panel',
          purpose: '',
          termsOfReference: [],
          quorum: 3,
          publicInformation: { leadIn: null, sections: [] },
          members: [],
          contacts: [],
        })
        const otherMeeting = await data.meetings.createMeeting({
          committeeId: other,
          date: '2019-07-01',
          startTime: '17:30',
          venue: 'x',
          status: 'scheduled',
          notice: null,
        })
        const june = meetingOn('2019-06-06')
        const wrong = await services.minutes.approve(june.id, otherMeeting, context, TODAY)
        assert.equal(!wrong.ok && wrong.problems[0]?.message, 'Minutes are approved at a meeting of the same committee')
        const missing = await services.minutes.approve(june.id, 999999, context, TODAY)
        assert.equal(missing.ok, false)
        assert.equal((await services.minutes.get(june.id))?.minutes.status, 'draft')
      })

      it('refuses a minute with no resolution, a minute that does not exist, and minutes not yet written', async () => {
        const march = meetingOn('2018-03-22')
        const none = await services.minutes.makeRecommendation(march.id, 29, context)
        assert.equal(!none.ok && none.problems[0]?.message, 'Minute 29 has no resolution to make a recommendation of')
        assert.equal((await services.minutes.makeRecommendation(march.id, 99, context)).ok, false)
        const november = meetingOn('2018-11-29')
        const early = await services.minutes.addItem(november.id, minute('Apologies'), context)
        assert.equal(!early.ok && early.problems[0]?.message, 'Write who was present before adding minutes')
        const empty = await services.minutes.saveDraft(
          november.id,
          { present: '', apologies: '', officers: '', declarations: '' },
          context,
        )
        assert.equal(empty.ok, false)
        assert.equal(await services.minutes.get(november.id), null)
      })

      it('stores SQL-looking text literally', async () => {
        const november = meetingOn('2018-11-29')
        const hostile = "Robert'); DROP TABLE minutes; --"
        assert.ok((await services.minutes.saveDraft(november.id, { ...heading, officers: hostile }, context)).ok)
        const added = await services.minutes.addItem(november.id, minute(hostile, hostile), context)
        assert.ok(added.ok)
        const saved = await services.minutes.get(november.id)
        assert.deepEqual(saved?.minutes.officers, [hostile])
        assert.equal(saved.minutes.items[0]?.title, hostile)
        assert.equal(saved.minutes.items[0]?.resolved, hostile)
      })

      it('the database itself refuses to change approved minutes', async () => {
        const march = meetingOn('2018-03-22')
        await assert.rejects(
          store.db.updateTable('minute_item').set({ title: 'Rewritten' }).where('number', '=', 29).execute(),
          /Approved minutes cannot be changed/,
        )
        await assert.rejects(
          store.db.updateTable('minutes').set({ officers: '[]' }).where('meeting_id', '=', march.id).execute(),
          /Approved minutes cannot be changed/,
        )
      })
    })
  })
}
