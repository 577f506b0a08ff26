/**
 * What waits for each person, counted from the demo council on 10 July 2018: June 2018 is the month in preparation
 * (docs/demo.md), the panel next meets on 26 July 2018. The tests share the database and run in order.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import { linkedOwner } from '../../test/owners.ts'
import type { Store } from '../store/connect.ts'
import type { Person } from './commentary-service.ts'
import { services as buildServices, type Services } from './index.ts'

const DIRECTOR: Person = { id: 999, name: 'Dee Director', role: 'director' }

for (const target of storeTargets()) {
  describe(`what waits for people on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let jane: Person

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(
        store,
        { maxImportBytes: 20 * 1024 * 1024, councilName: 'Test council' },
        { now: () => new Date('2018-07-10T08:00:00Z') },
      )
      await services.demo.loadIfEmpty({ documentPack: false })
      jane = await linkedOwner(services, 'Jane White')
    })
    after(async () => {
      await store?.close()
    })

    it('gives an indicator owner June’s commentary on her own indicators, returned apart', async () => {
      const work = await services.work.forWorker(jane)
      const monthly = work.commentary?.find((m) => m.dataset.id === 'monthly')
      const list = await services.commentary.list('monthly', '2018-06')
      assert.ok(list.ok)
      const hers = list.value.lines.filter((l) => l.ownerAccount?.id === jane.id)
      const unwritten = hers.filter(
        (l) => l.commentary === null || (l.commentary.status === 'draft' && l.commentary.returnedAt === null),
      )
      assert.equal(monthly?.period, '2018-06')
      // The demo's June: visits returned, looked after a draft, the rest of hers not started.
      assert.equal(monthly?.returned, 1)
      assert.equal(monthly?.toWrite, unwritten.length)
      assert.ok(unwritten.length > 1)
      assert.equal(work.signOff, null)
      assert.equal(work.papers, null)
    })

    it('moves a submitted commentary from the owner’s list to the director’s', async () => {
      const before = await services.work.forWorker(jane)
      const directorBefore = await services.work.forWorker(DIRECTOR)
      const toWriteBefore = before.commentary?.find((m) => m.dataset.id === 'monthly')?.toWrite ?? 0
      const awaitingBefore = directorBefore.signOff?.find((m) => m.dataset.id === 'monthly')?.awaiting ?? 0
      // MASH and child protection plans are submitted in the demo's June.
      assert.equal(awaitingBefore, 2)

      assert.ok((await services.commentary.saveCommentary('monthly', '2018-06', 'lac-count', 'Up again.', jane)).ok)
      assert.ok((await services.commentary.submitCommentary('monthly', '2018-06', 'lac-count', jane)).ok)

      const afterOwner = await services.work.forWorker(jane)
      const afterDirector = await services.work.forWorker(DIRECTOR)
      assert.equal(afterOwner.commentary?.find((m) => m.dataset.id === 'monthly')?.toWrite, toWriteBefore - 1)
      assert.equal(afterDirector.signOff?.find((m) => m.dataset.id === 'monthly')?.awaiting, 3)
      assert.equal(afterDirector.commentary, null)
    })

    it('gives democratic services the next meeting’s papers deadline and the overdue recommendations', async () => {
      const work = await services.work.forWorker({ id: 998, role: 'democratic-services' })
      assert.equal(work.papers?.meeting.date, '2018-07-26')
      // Five clear working days before Thursday 26 July: 19, 20, 23, 24 and 25 July; so Wednesday 18 July.
      assert.equal(work.papers?.dueBy, '2018-07-18')
      assert.equal(work.papers?.publishedAt, null)
      assert.equal(work.recommendations?.overdue, 2)
      assert.equal(work.commentary, null)
    })

    it('gives panel members the overdue recommendations only, and performance officers the months in preparation', async () => {
      const panel = await services.work.forWorker({ id: 997, role: 'panel-member' })
      assert.deepEqual(panel, {
        today: '2018-07-10',
        commentary: null,
        signOff: null,
        papers: null,
        recommendations: { overdue: 2 },
        months: null,
      })
      const officer = await services.work.forWorker({ id: 996, role: 'performance-officer' })
      assert.deepEqual(
        officer.months?.map((m) => `${m.dataset.id} ${m.period}`),
        ['monthly 2018-06', 'early-help 2018-06'],
      )
    })
  })
}
