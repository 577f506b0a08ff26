/**
 * Setting up a committee in a council that started without the demo: created with its details and no members, an
 * audit event in the same transaction, and a name whose slug another committee has is refused.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess, type DataAccess } from '../store/data-access.ts'
import { services as buildServices, type Services } from './index.ts'

const PANEL = {
  name: 'Children and Families Scrutiny Panel',
  purpose: 'To scrutinise the council’s services for children and families.',
  termsOfReference: 'Early help\n\nYouth justice',
  quorum: '5',
}

for (const target of storeTargets()) {
  describe(`setting up a committee on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let data: DataAccess
    const context = { actor: 'user:3', correlationId: 'request-9' }

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(store, { maxImportBytes: 1024, councilName: 'Test council' })
      data = dataAccess(store)
    })
    after(async () => {
      await store.close()
    })

    it('creates the committee with no members, any quorum, and records committee.create', async () => {
      assert.deepEqual(await services.committees.list(), [])
      const result = await services.committees.create(PANEL, context)
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
      const stored = await services.committees.get(result.value.id)
      assert.deepEqual(stored, {
        id: result.value.id,
        slug: 'children-and-families-scrutiny-panel',
        name: PANEL.name,
        purpose: PANEL.purpose,
        termsOfReference: ['Early help', 'Youth justice'],
        quorum: 5,
        members: [],
        contacts: [],
        publicInformation: { leadIn: null, sections: [] },
      })
      const [event] = await data.audit.list({ subjectType: 'committee', subjectId: String(result.value.id), limit: 5 })
      assert.equal(event?.action, 'committee.create')
      assert.equal(event.actor, 'user:3')
      assert.equal(event.correlationId, 'request-9')
      assert.deepEqual(event.details, {
        after: {
          name: PANEL.name,
          purpose: PANEL.purpose,
          termsOfReference: ['Early help', 'Youth justice'],
          quorum: 5,
          slug: 'children-and-families-scrutiny-panel',
        },
      })
    })

    it('then applies the quorum rule as members are added', async () => {
      const [committee] = await services.committees.list()
      assert.ok(committee)
      const lowered = await services.committees.updateDetails(committee.id, { ...PANEL, quorum: '1' }, context)
      assert.ok(lowered.ok)
      const added = await services.committees.addMember(
        committee.id,
        { name: 'Taggart', kind: 'councillor', role: 'chair' },
        context,
      )
      assert.ok(added.ok)
      const raised = await services.committees.updateDetails(committee.id, { ...PANEL, quorum: '2' }, context)
      assert.ok(!raised.ok)
      assert.match(raised.problems[0]?.message ?? '', /The quorum must be 1 or fewer/)
    })

    describe('edge cases', () => {
      it('refuses a name whose slug is taken, storing and recording nothing', async () => {
        const before = await data.audit.list({ subjectType: 'committee', limit: 100 })
        const result = await services.committees.create(
          { ...PANEL, name: 'children AND families scrutiny panel!' },
          context,
        )
        assert.ok(!result.ok)
        assert.deepEqual(
          result.problems.map((p) => p.field),
          ['name'],
        )
        assert.match(
          result.problems[0]?.message ?? '',
          /^That name is too like Children and Families Scrutiny Panel, which is already a committee/,
        )
        assert.equal((await services.committees.list()).length, 1)
        assert.equal((await data.audit.list({ subjectType: 'committee', limit: 100 })).length, before.length)
      })

      it('refuses an empty form with every problem, creating nothing', async () => {
        const result = await services.committees.create(
          { name: '', purpose: '', termsOfReference: '', quorum: '' },
          context,
        )
        assert.ok(!result.ok)
        assert.deepEqual(
          result.problems.map((p) => p.field),
          ['name', 'purpose', 'quorum'],
        )
        assert.equal((await services.committees.list()).length, 1)
      })

      it('lists committees by name', async () => {
        const second = await services.committees.create({ ...PANEL, name: 'Adult Services Scrutiny Panel' }, context)
        assert.ok(second.ok)
        assert.deepEqual(
          (await services.committees.list()).map((c) => c.slug),
          ['adult-services-scrutiny-panel', 'children-and-families-scrutiny-panel'],
        )
      })

      it('tells the second of two officers creating the same committee at once, rather than failing', async () => {
        const name = 'Corporate Parenting Committee'
        const results = await Promise.all([
          services.committees.create({ ...PANEL, name }, context),
          services.committees.create({ ...PANEL, name }, context),
        ])
        assert.deepEqual(results.map((r) => r.ok).sort(), [false, true])
        const refused = results.find((r) => !r.ok)
        assert.ok(refused !== undefined && !refused.ok)
        assert.match(refused.problems[0]?.message ?? '', /Corporate Parenting Committee/)
        assert.equal((await services.committees.list()).filter((c) => c.name === name).length, 1)
      })
    })
  })
}
