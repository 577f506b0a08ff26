import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { demoGlossary } from './demo-service.ts'
import { services as buildServices, type Services } from './index.ts'

const context = { actor: 'dso@council.gov.uk', correlationId: 'req-1' }
const EARLY_HELP = {
  term: 'Early Help',
  acronym: 'EH',
  definition: 'Support as soon as a problem emerges.',
  source: 'Working Together 2018',
}

for (const target of storeTargets()) {
  describe(`glossary on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    const auditFor = (slug: string) => dataAccess(store).audit.list({ subjectType: 'glossary-entry', subjectId: slug })

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(store, { maxImportBytes: 1024, councilName: 'Test council' })
    })
    after(async () => {
      await store.close()
    })

    it('adds an entry and records who added it', async () => {
      const result = await services.glossary.add(EARLY_HELP, context)
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
      assert.equal(result.value.slug, 'early-help')
      assert.deepEqual(await services.glossary.find('early-help'), { ...EARLY_HELP, slug: 'early-help' })
      const [event] = await auditFor('early-help')
      assert.equal(event?.action, 'glossary.add')
      assert.equal(event?.actor, context.actor)
      assert.equal(event?.correlationId, 'req-1')
      assert.deepEqual(event?.details, { after: { ...EARLY_HELP, slug: 'early-help' } })
    })

    it('refuses a duplicate term whatever its case, and a duplicate acronym, changing nothing', async () => {
      const sameTerm = await services.glossary.add({ ...EARLY_HELP, term: 'EARLY help', acronym: '' }, context)
      assert.deepEqual(sameTerm, {
        ok: false,
        problems: [{ field: 'term', message: 'The glossary already has "Early Help"' }],
      })
      const sameAcronym = await services.glossary.add({ ...EARLY_HELP, term: 'Emergency Housing' }, context)
      assert.deepEqual(sameAcronym, {
        ok: false,
        problems: [{ field: 'acronym', message: 'EH already stands for "Early Help" in the glossary' }],
      })
      assert.equal((await services.glossary.list()).length, 1)
      assert.equal((await auditFor('early-help')).length, 1)
    })

    it('edits an entry, moving its slug with its term, with before and after in the audit log', async () => {
      const result = await services.glossary.edit(
        'early-help',
        { ...EARLY_HELP, term: 'Early Help services', definition: 'Help early.' },
        context,
      )
      assert.ok(result?.ok)
      assert.equal(await services.glossary.find('early-help'), null)
      assert.equal((await services.glossary.find('early-help-services'))?.definition, 'Help early.')
      const [event] = await auditFor('early-help')
      assert.equal(event?.action, 'glossary.edit')
      assert.deepEqual(event?.details, {
        before: { ...EARLY_HELP, slug: 'early-help' },
        after: { ...EARLY_HELP, term: 'Early Help services', definition: 'Help early.', slug: 'early-help-services' },
      })
      // Keeping its own term and acronym is not a duplicate of itself.
      const again = await services.glossary.edit(
        'early-help-services',
        { ...EARLY_HELP, term: 'Early Help Services', definition: 'Help early, again.' },
        context,
      )
      assert.ok(again?.ok)
    })

    it('removes an entry and records what it was', async () => {
      const removed = await services.glossary.remove('early-help-services', context)
      assert.equal(removed?.term, 'Early Help Services')
      assert.deepEqual(await services.glossary.list(), [])
      const [event] = await auditFor('early-help-services')
      assert.equal(event?.action, 'glossary.remove')
      assert.equal((event?.details.before as { term: string }).term, 'Early Help Services')
    })

    it('loads the demo glossary into an empty glossary only, sorted A to Z', async () => {
      assert.equal(await services.glossary.loadIfEmpty(demoGlossary(), context), 24)
      const entries = await services.glossary.list()
      assert.equal(entries.length, 24)
      assert.equal(entries[0]?.term, 'Assessment')
      assert.equal(entries.find((e) => e.acronym === 'LAC')?.term, 'Looked After Child')
      assert.equal(entries.find((e) => e.acronym === 'MASH')?.slug, 'multi-agency-safeguarding-hub')
      assert.equal(await services.glossary.loadIfEmpty(demoGlossary(), context), 0)
    })

    describe('edge cases', () => {
      it('refuses an empty definition and an empty term without touching the database', async () => {
        const result = await services.glossary.add({ term: '', acronym: '', definition: ' ', source: '' }, context)
        assert.ok(!result.ok)
        assert.deepEqual(
          result.problems.map((p) => p.field),
          ['term', 'definition'],
        )
      })

      it('stores an SQL-injection string as a term literally', async () => {
        const term = "x'); DROP TABLE glossary_entry; --"
        const result = await services.glossary.add(
          { term, acronym: '', definition: "It's '; -- text", source: '' },
          context,
        )
        assert.ok(result.ok)
        const found = await services.glossary.find(result.value.slug)
        assert.equal(found?.term, term)
        assert.equal(found?.definition, "It's '; -- text")
        assert.ok((await services.glossary.list()).length > 1)
      })

      it('answers null for editing or removing an entry that does not exist', async () => {
        assert.equal(await services.glossary.edit('no-such-term', EARLY_HELP, context), null)
        assert.equal(await services.glossary.remove('no-such-term', context), null)
        assert.deepEqual(await auditFor('no-such-term'), [])
      })

      it('refuses an edit that would take another entry’s term or acronym', async () => {
        const result = await services.glossary.edit(
          'early-help',
          { term: 'Child in Need', acronym: 'LAC', definition: 'x', source: '' },
          context,
        )
        assert.deepEqual(result, {
          ok: false,
          problems: [
            { field: 'term', message: 'The glossary already has "Child in Need"' },
            { field: 'acronym', message: 'LAC already stands for "Looked After Child" in the glossary' },
          ],
        })
        assert.equal((await services.glossary.find('early-help'))?.acronym, 'EH')
      })
    })
  })
}
