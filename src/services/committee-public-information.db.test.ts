import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess, type DataAccess } from '../store/data-access.ts'
import { services as buildServices, type Services } from './index.ts'

for (const target of storeTargets()) {
  describe(`the committee's public information on ${target.name}`, { skip: target.skip }, () => {
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

    it("loads seed 001's public information with the demo, in the seed's order", async () => {
      const committee = await services.committees.get(id)
      assert.ok(committee)
      const { leadIn, sections } = committee.publicInformation
      assert.equal(leadIn, 'Scrutiny of Children and Families Services in the City to include:')
      assert.deepEqual(
        sections.map((s) => s.heading),
        [
          'Public representations',
          'Access',
          'Mobile telephones',
          'Use of social media',
          'Business to be discussed',
          'Rules of procedure',
          'Smoking policy',
          'Council Strategy',
          'Fire procedure',
          'Disclosure of interests',
          'Disclosable Pecuniary Interests',
          'Other Interests',
          'Principles of Decision Making',
        ],
      )
      assert.match(sections[0]?.text ?? '', /advise the Democratic Support Officer \(DSO\)/)
    })

    it('stores the sections and lead-in, reads them back, and records before → after', async () => {
      const before = (await services.committees.get(id))?.publicInformation
      const result = await services.committees.updatePublicInformation(
        id,
        {
          sections: '## Access\nAccess is available.\n\n## Fire procedure\n- Leave by the stairs',
          leadIn: 'To include:',
        },
        context,
      )
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
      const stored = await services.committees.get(id)
      assert.deepEqual(stored?.publicInformation, {
        leadIn: 'To include:',
        sections: [
          { heading: 'Access', text: 'Access is available.' },
          { heading: 'Fire procedure', text: '- Leave by the stairs' },
        ],
      })
      // The rest of the committee is untouched.
      assert.equal(stored.termsOfReference.length, 5)
      const event = await lastEvent()
      assert.equal(event.action, 'committee.public-information.update')
      assert.equal(event.actor, 'user:7')
      assert.equal(event.correlationId, 'request-1')
      assert.deepEqual(event.details, { before, after: stored.publicInformation })
    })

    describe('edge cases', () => {
      it('clears the sections and lead-in with empty boxes', async () => {
        const result = await services.committees.updatePublicInformation(id, { sections: '', leadIn: '' }, context)
        assert.ok(result.ok)
        assert.deepEqual((await services.committees.get(id))?.publicInformation, { leadIn: null, sections: [] })
      })

      it('refuses bad text without changing anything or recording an event', async () => {
        await services.committees.updatePublicInformation(id, { sections: '## Kept\nText', leadIn: '' }, context)
        const eventBefore = await lastEvent()
        const result = await services.committees.updatePublicInformation(
          id,
          { sections: 'No heading\n## \nx', leadIn: '' },
          context,
        )
        assert.ok(!result.ok)
        assert.deepEqual(
          result.problems.map((p) => p.message),
          [
            'Line 1: start each section with a line like "## Access"',
            'Line 2: write the section\'s heading after "##"',
          ],
        )
        assert.deepEqual((await services.committees.get(id))?.publicInformation.sections, [
          { heading: 'Kept', text: 'Text' },
        ])
        assert.equal((await lastEvent()).id, eventBefore.id)
      })

      it('keeps quotes, markup and non-Latin text exactly', async () => {
        const text = '## <script>alert("x")</script>\nO\'Brien & “Smith” – café ✓'
        const result = await services.committees.updatePublicInformation(id, { sections: text, leadIn: '' }, context)
        assert.ok(result.ok)
        assert.deepEqual((await services.committees.get(id))?.publicInformation.sections, [
          { heading: '<script>alert("x")</script>', text: "O'Brien & “Smith” – café ✓" },
        ])
      })

      it('refuses a committee that does not exist', async () => {
        const result = await services.committees.updatePublicInformation(99999, { sections: '', leadIn: '' }, context)
        assert.ok(!result.ok)
        assert.equal(result.problems[0]?.message, 'That committee does not exist')
      })

      it('a new committee starts with no public information', async () => {
        const result = await services.committees.create(
          { name: 'Health Scrutiny Panel', purpose: 'To scrutinise health.', termsOfReference: '', quorum: '3' },
          context,
        )
        assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
        assert.deepEqual((await services.committees.get(result.value.id))?.publicInformation, {
          leadIn: null,
          sections: [],
        })
      })
    })
  })
}
