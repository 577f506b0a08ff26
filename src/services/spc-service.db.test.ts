import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import { blankIndicator } from '../domain/catalogue.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { services as buildServices, type Services } from './index.ts'

const context = { actor: 'user:7', correlationId: 'req-9' }
const NOW = new Date('2018-06-05T09:30:00Z')

for (const target of storeTargets()) {
  describe(`SPC process changes on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    const auditFor = (id: string) => dataAccess(store).audit.list({ subjectType: 'indicator', subjectId: id })

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(store, { maxImportBytes: 1024, councilName: 'Test council' }, { now: () => NOW })
      await dataAccess(store).catalogue.saveIndicators([blankIndicator('cp-repeat'), blankIndicator('lac-rate')])
    })
    after(async () => {
      await store.close()
    })

    it('records a process change with who and when, and audits it', async () => {
      const stampBefore = services.spc.stamp()
      const result = await services.spc.addProcessChange(
        'cp-repeat',
        { month: '2018-01', reason: ' New  front door ' },
        context,
        'Pat Officer',
      )
      assert.deepEqual(result, {
        ok: true,
        value: {
          indicatorId: 'cp-repeat',
          period: '2018-01',
          reason: 'New front door',
          recordedBy: 'Pat Officer',
          recordedAt: '2018-06-05T09:30:00.000Z',
        },
      })
      assert.deepEqual(await services.spc.processChanges('cp-repeat'), [
        {
          indicatorId: 'cp-repeat',
          period: '2018-01',
          reason: 'New front door',
          recordedBy: 'Pat Officer',
          recordedAt: '2018-06-05T09:30:00.000Z',
        },
      ])
      assert.equal(services.spc.stamp(), stampBefore + 1)
      const events = await auditFor('cp-repeat')
      assert.equal(events.length, 1)
      assert.equal(events[0]?.action, 'spc.process-change.add')
      assert.equal(events[0]?.actor, 'user:7')
      assert.equal(events[0]?.correlationId, 'req-9')
      assert.deepEqual(events[0]?.details, { after: { period: '2018-01', reason: 'New front door' } })
    })

    it('refuses bad input, a second change in the same month and an unknown indicator, changing nothing', async () => {
      const stampBefore = services.spc.stamp()
      assert.deepEqual(await services.spc.addProcessChange('cp-repeat', { month: 'Jan-18', reason: '' }, context), {
        ok: false,
        problems: [
          { field: 'month', message: 'Enter the month as a year and month, like 2018-01' },
          { field: 'reason', message: 'Enter why the process changed' },
        ],
      })
      assert.deepEqual(
        await services.spc.addProcessChange('cp-repeat', { month: '2018-01', reason: 'Again' }, context),
        { ok: false, problems: [{ field: 'month', message: 'A process change is already recorded from that month' }] },
      )
      assert.deepEqual(await services.spc.addProcessChange('nope', { month: '2018-01', reason: 'x' }, context), {
        ok: false,
        problems: [{ field: 'indicator', message: 'There is no indicator "nope"' }],
      })
      assert.equal((await services.spc.processChanges('cp-repeat')).length, 1)
      assert.equal((await services.spc.processChanges('nope')).length, 0)
      assert.equal((await auditFor('cp-repeat')).length, 1)
      assert.equal((await auditFor('nope')).length, 0)
      assert.equal(services.spc.stamp(), stampBefore)
    })

    it('lists many indicators’ changes by indicator, oldest month first', async () => {
      const added = await services.spc.addProcessChange('cp-repeat', { month: '2017-09', reason: 'Earlier' }, context)
      assert.ok(added.ok)
      await services.spc.addProcessChange('lac-rate', { month: '2018-03', reason: 'New panel' }, context)
      const byIndicator = await services.spc.processChangesFor(['cp-repeat', 'lac-rate', 'other'])
      assert.deepEqual(
        byIndicator.get('cp-repeat')?.map((c) => c.period),
        ['2017-09', '2018-01'],
      )
      assert.deepEqual(
        byIndicator.get('lac-rate')?.map((c) => c.reason),
        ['New panel'],
      )
      assert.equal(byIndicator.has('other'), false)
    })

    it('removes a change with its audit event, and answers null for one that is not there', async () => {
      const removed = await services.spc.removeProcessChange('cp-repeat', '2017-09', context)
      assert.equal(removed?.reason, 'Earlier')
      assert.deepEqual(
        (await services.spc.processChanges('cp-repeat')).map((c) => c.period),
        ['2018-01'],
      )
      const [latest] = await auditFor('cp-repeat')
      assert.equal(latest?.action, 'spc.process-change.remove')
      assert.deepEqual(latest?.details, { before: { period: '2017-09', reason: 'Earlier', recordedBy: 'user:7' } })
      const count = (await auditFor('cp-repeat')).length
      assert.equal(await services.spc.removeProcessChange('cp-repeat', '2017-09', context), null)
      assert.equal((await auditFor('cp-repeat')).length, count)
    })

    it('keeps the run length: 7 until set, 6 or 7 only', async () => {
      assert.equal(await services.spc.runLength(), 7)
      assert.deepEqual(await services.spc.setRunLength(6, context), { ok: true, value: 6 })
      assert.equal(await services.spc.runLength(), 6)
      assert.deepEqual(await services.spc.setRunLength(8, context), {
        ok: false,
        problems: [{ field: 'runLength', message: 'The run length must be 6 or 7, not 8' }],
      })
      assert.equal(await services.spc.runLength(), 6)
      const [event] = await dataAccess(store).audit.list({ subjectType: 'setting', subjectId: 'spc-run-length' })
      assert.equal(event?.action, 'settings.spc-run-length')
      assert.deepEqual(event?.details, { before: 7, after: 6 })
    })
  })
}
