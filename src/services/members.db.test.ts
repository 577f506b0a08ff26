import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { services as buildServices, type Services } from './index.ts'
import { meetingPapers } from './meeting-papers.ts'

for (const target of storeTargets()) {
  describe(`attendance, decisions, members and the work programme on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let committeeId: number
    const byDate = new Map<string, number>()
    const context = { actor: 'user:7', correlationId: 'request-1' }

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(
        store,
        { maxImportBytes: 1024, councilName: 'Test council' },
        { now: () => new Date('2019-06-01T12:00:00Z') },
      )
      assert.ok(await services.meetings.loadDemoIfEmpty())
      assert.ok(await services.minutes.loadDemoIfEmpty())
      assert.ok(await services.members.loadDemoIfEmpty())
      assert.ok(await services.workProgramme.loadDemoIfEmpty())
      assert.equal(await services.members.loadDemoIfEmpty(), false)
      const [committee] = await services.meetings.listCommittees()
      assert.ok(committee)
      committeeId = committee.id
      for (const e of await services.meetings.allMeetings()) byDate.set(e.meeting.date, e.meeting.id)
    })
    after(async () => {
      await store?.close()
    })

    it("stores each member's attendance and counts it on their page; approved minutes' attendance is final", async () => {
      const november = byDate.get('2018-11-29')
      assert.ok(november)
      const members = Array.from({ length: 9 }, (_, i) => ({
        attendance: i === 2 ? 'substituted' : i === 5 ? 'absent' : 'present',
        substitute: i === 2 ? 'Councillor Burke' : '',
      }))
      const saved = await services.minutes.saveDraft(
        november,
        { members, present: '', apologies: '', officers: '', declarations: 'Councillor Guthrie declared an interest.' },
        context,
      )
      assert.ok(saved.ok)
      const guthrie = await services.members.page('councillor-guthrie', { allInterests: false })
      assert.deepEqual(
        guthrie?.years.find((y) => y.year === '2018-19'),
        { year: '2018-19', expected: 1, attended: 0, apologies: 1, substituted: 1, substitutedFor: 0 },
      )
      assert.deepEqual(
        guthrie?.declarations.map((d) => d.text),
        ['Councillor Guthrie declared an interest.'],
      )
      const burke = await services.members.page('councillor-burke', { allInterests: false })
      assert.deepEqual(
        burke?.substitutions.map((s) => s.forName),
        ['Councillor Guthrie'],
      )
      // The demo's 22 March 2018 minutes are approved: their attendance cannot be changed, even directly.
      const march = await services.minutes.get(byDate.get('2018-03-22') ?? 0)
      assert.ok(march?.minutes.attendance?.length)
      await assert.rejects(
        store.db.deleteFrom('minutes_attendance').where('minutes_id', '=', march.minutes.id).execute(),
        /Approved minutes cannot be changed/,
      )
    })

    it('stores each decision of a minute and rewrites them when the resolution changes', async () => {
      const june = byDate.get('2019-06-06')
      assert.ok(june)
      const ofMinute4 = (await services.minutes.decisions()).filter((d) => d.meetingId === june && d.minuteNumber === 4)
      assert.deepEqual(
        ofMinute4.map((d) => d.number),
        [1, 2],
      )
      const changed = await services.minutes.editItem(
        june,
        4,
        { title: 'Performance', text: 'Noted.', resolved: 'that the report be noted.', inTheChair: '', agendaItem: '' },
        context,
      )
      assert.ok(changed.ok)
      const after = (await services.minutes.decisions()).filter((d) => d.meetingId === june && d.minuteNumber === 4)
      assert.deepEqual(
        after.map((d) => d.text),
        ['that the report be noted.'],
      )
    })

    it('keeps the register of interests; the public sees only what is published', async () => {
      const added = await services.members.addInterest(
        'councillor-laurent',
        {
          category: 'other-registrable',
          description: 'Trustee of a local charity',
          registeredOn: '2019-05-20',
          updatedOn: '2019-05-20',
          published: 'no',
        },
        context,
      )
      assert.ok(added.ok)
      const future = await services.members.addInterest(
        'councillor-laurent',
        {
          category: 'other-registrable',
          description: 'x',
          registeredOn: '2019-06-02',
          updatedOn: '2019-06-02',
          published: 'yes',
        },
        context,
      )
      assert.equal(!future.ok && future.problems[0]?.message, 'The date it was registered cannot be in the future')
      const officer = await services.members.page('councillor-laurent', { allInterests: true })
      const publicPage = await services.members.page('councillor-laurent', { allInterests: false })
      assert.equal(officer?.interests.length, 1)
      assert.equal(publicPage?.interests.length, 0)
    })

    it('moves a work-programme item onto its meeting’s agenda in one transaction', async () => {
      const created = await services.meetings.createMeeting(
        committeeId,
        { date: '2019-07-25', startTime: '17:30', venue: 'Civic Centre', status: 'scheduled' },
        context,
      )
      assert.ok(created.ok)
      const added = await services.workProgramme.add(
        committeeId,
        {
          title: 'Young Inspectors Scheme',
          purpose: 'To hear about it.',
          leadOfficer: '',
          meeting: String(created.value),
          month: '',
        },
        context,
      )
      assert.ok(added.ok)
      const moved = await services.workProgramme.moveOntoAgenda(added.value, context)
      assert.ok(moved.ok)
      const agenda = (await services.meetings.getMeeting(created.value))?.agenda ?? []
      assert.ok(agenda.some((a) => a.title === 'Young Inspectors Scheme' && a.kind === 'report'))
      const again = await services.workProgramme.moveOntoAgenda(added.value, context)
      assert.equal(!again.ok && again.problems[0]?.message, 'The item is already on an agenda')
      // An agenda item "Forward plan / work programme" prints the work programme in the pack.
      const forward = await services.reports.addReportItem(
        created.value,
        { title: 'Forward plan / work programme', description: '' },
        context,
      )
      assert.ok(forward.ok)
      const view = await services.meetings.getMeeting(created.value)
      assert.ok(view)
      const papers = await meetingPapers(dataAccess(store), services)(view)
      const paper = papers.find((p) => p.agendaItemId === forward.value)
      assert.ok(paper && 'html' in paper)
      assert.match(paper.html, /Young Inspectors Scheme/)
      const demoDone = (await services.workProgramme.list(committeeId)).find((i) => i.status === 'done')
      assert.ok(demoDone)
      assert.equal((await services.workProgramme.moveOntoAgenda(demoDone.id, context)).ok, false)
    })

    it('changes, defers, puts back and marks done a work-programme item in transactions, each audited', async () => {
      const meeting = async (date: string) => {
        assert.equal(byDate.has(date), false, `the demo already has a meeting on ${date}`)
        const created = await services.meetings.createMeeting(
          committeeId,
          { date, startTime: '17:30', venue: 'Civic Centre', status: 'scheduled' },
          context,
        )
        assert.ok(created.ok)
        return created.value
      }
      const first = await meeting('2020-02-27')
      const second = await meeting('2020-03-26')
      const input = { title: 'Elective home education', purpose: 'To hear about it.', leadOfficer: '', month: '' }
      const added = await services.workProgramme.add(committeeId, { ...input, meeting: String(first) }, context)
      assert.ok(added.ok)
      const id = added.value
      const audit = dataAccess(store).audit
      const latest = async (action: string) => (await audit.search({ action, offset: 0, limit: 1 })).events[0]

      const edited = await services.workProgramme.edit(
        committeeId,
        id,
        { ...input, leadOfficer: 'Head of Inclusion', meeting: '', month: '2020-01' },
        context,
      )
      assert.ok(edited.ok)
      assert.deepEqual(
        { meetingId: edited.value.meetingId, plannedMonth: edited.value.plannedMonth },
        { meetingId: null, plannedMonth: '2020-01' },
      )
      assert.equal((await latest('work-programme.edit'))?.actor, 'user:7')
      // Another committee's item id, or bad input, changes nothing.
      assert.equal(
        (await services.workProgramme.edit(committeeId + 1000, id, { ...input, meeting: '' }, context)).ok,
        false,
      )
      const refused = await services.workProgramme.defer(
        committeeId,
        id,
        { meeting: '', month: '2020-13', reason: '' },
        context,
      )
      assert.deepEqual(!refused.ok && refused.problems.map((p) => p.field), ['month'])
      assert.equal((await services.workProgramme.item(committeeId, id))?.status, 'planned')

      const deferred = await services.workProgramme.defer(
        committeeId,
        id,
        { meeting: String(second), month: '', reason: 'Awaiting the new guidance' },
        context,
      )
      assert.ok(deferred.ok)
      const stored = await services.workProgramme.item(committeeId, id)
      assert.deepEqual(
        {
          status: stored?.status,
          meetingId: stored?.meetingId,
          month: stored?.plannedMonth,
          reason: stored?.deferralReason,
        },
        { status: 'deferred', meetingId: second, month: null, reason: 'Awaiting the new guidance' },
      )
      assert.deepEqual((await latest('work-programme.defer'))?.details.before, {
        id,
        meetingId: null,
        plannedMonth: '2020-01',
        status: 'planned',
        deferralReason: null,
      })
      assert.ok((await services.workProgramme.replan(committeeId, id, context)).ok)
      assert.equal((await services.workProgramme.replan(committeeId, id, context)).ok, false)
      // A deferred or planned item still moves onto its meeting's agenda; one on an agenda is then marked done.
      assert.ok((await services.workProgramme.moveOntoAgenda(id, context)).ok)
      const onAgenda = await services.workProgramme.defer(
        committeeId,
        id,
        { meeting: '', month: '2020-06', reason: '' },
        context,
      )
      assert.equal(!onAgenda.ok && onAgenda.problems[0]?.field, 'status')
      assert.ok((await services.workProgramme.markDone(committeeId, id, context)).ok)
      const done = await services.workProgramme.item(committeeId, id)
      assert.equal(done?.status, 'done')
      assert.notEqual(done?.agendaItemId, null)
      assert.equal((await services.workProgramme.markDone(committeeId, id, context)).ok, false)
      assert.equal((await latest('work-programme.done'))?.subjectId, String(committeeId))
    })
  })
}
