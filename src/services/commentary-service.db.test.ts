import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import { linkedOwner } from '../../test/owners.ts'
import { dataAccess } from '../store/data-access.ts'
import type { Store } from '../store/connect.ts'
import type { Person } from './commentary-service.ts'
import { DEMO_WORDS, overviewSections } from './demo-commentary.ts'
import { services as buildServices, type Services } from './index.ts'

// 2018-03 has figures but no demo commentary, so each test starts from nothing.
const MONTH = '2018-03'
// Their ids are their accounts', set once the accounts exist and are linked to their indicators.
const JANE: Person = { id: 0, name: ' jane white ', role: 'indicator-owner' }
const PHIL: Person = { id: 0, name: 'Phil Bullingham', role: 'indicator-owner' }
const DIRECTOR: Person = { id: 3, name: 'The Director', role: 'director' }

for (const target of storeTargets()) {
  describe(`commentary on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let clock = Date.parse('2018-05-01T09:00:00Z')

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(
        store,
        { maxImportBytes: 20 * 1024 * 1024, councilName: 'Test council' },
        { now: () => new Date((clock += 60_000)) },
      )
      await services.demo.loadIfEmpty({ documentPack: false })
      JANE.id = (await linkedOwner(services, 'Jane White')).id
      PHIL.id = (await linkedOwner(services, 'Phil Bullingham')).id
    })
    after(async () => {
      await store.close()
    })

    it('lets the owner save and submit commentary on their own indicator, recording who and when', async () => {
      const saved = await services.commentary.saveCommentary('monthly', MONTH, 'missing-children', 'First words', JANE)
      assert.ok(saved.ok, JSON.stringify(!saved.ok && saved.problems))
      assert.equal(saved.value.status, 'draft')
      const submitted = await services.commentary.submitCommentary('monthly', MONTH, 'missing-children', JANE)
      assert.ok(submitted.ok)
      assert.equal(submitted.value.status, 'submitted')
      assert.equal(submitted.value.submittedBy, ' jane white ')
      assert.ok(submitted.value.submittedAt !== null && submitted.value.submittedAt > saved.value.updatedAt)
    })

    it("refuses commentary on someone else's indicator, naming its owner", async () => {
      const result = await services.commentary.saveCommentary('monthly', MONTH, 'icpc-to-cpp', 'Not mine', JANE)
      assert.ok(!result.ok)
      assert.equal(result.problems[0]?.kind, 'not-owner')
      assert.match(result.problems[0]?.message ?? '', /Only the indicator's owner, Phil Bullingham/)
      const nobody = await services.commentary.saveCommentary('monthly', MONTH, 'uha-started', 'No owner', JANE)
      assert.ok(!nobody.ok)
      assert.match(nobody.problems[0]?.message ?? '', /has no owner/)
    })

    it('never matches by name: an account called "jane  WHITE" cannot write or submit on Jane White\'s indicators', async () => {
      const lookalike = await services.accounts.createUser(
        {
          email: 'lookalike@council.gov.uk',
          name: 'jane  WHITE',
          role: 'indicator-owner',
          password: 'a long enough passphrase',
        },
        { actor: 'test' },
      )
      assert.ok(lookalike.ok)
      const impostor: Person = { id: lookalike.value.id, name: 'jane  WHITE', role: 'indicator-owner' }
      for (const indicator of ['missing-children', 'sa-completed']) {
        const saved = await services.commentary.saveCommentary('monthly', MONTH, indicator, 'Not mine', impostor)
        assert.ok(!saved.ok)
        assert.equal(saved.problems[0]?.kind, 'not-owner')
        assert.match(saved.problems[0]?.message ?? '', /Only the indicator's owner, Jane White, can write/)
      }
      assert.ok((await services.commentary.saveCommentary('monthly', '2018-02', 'sa-completed', 'Jane’s', JANE)).ok)
      const submitted = await services.commentary.submitCommentary('monthly', '2018-02', 'sa-completed', impostor)
      assert.ok(!submitted.ok)
      assert.equal(submitted.problems[0]?.kind, 'not-owner')
      const stored = await dataAccess(store).commentary.findCommentary('monthly', '2018-02', 'sa-completed')
      assert.deepEqual([stored?.status, stored?.text], ['draft', 'Jane’s'])
    })

    it('says when an indicator has an owner in the catalogue but no linked account', async () => {
      const owners = await services.owners.ownersOf()
      const janes = [...owners.values()].filter((o) => o.label === 'Jane White').map((o) => o.indicatorId)
      const [first] = janes
      assert.ok(first !== undefined)
      assert.ok((await services.owners.link([{ indicatorId: first, userId: null }], { actor: 'test' })).ok)
      const refused = await services.commentary.saveCommentary('monthly', MONTH, first, 'Words', JANE)
      assert.ok(!refused.ok)
      assert.match(refused.problems[0]?.message ?? '', /owner, Jane White, has not been linked to an account yet/)
      assert.ok((await services.owners.link([{ indicatorId: first, userId: JANE.id }], { actor: 'test' })).ok)
      const audit = await dataAccess(store).audit.list({ subjectType: 'indicator', subjectId: first })
      assert.deepEqual(
        audit.slice(0, 2).map((e) => [e.action, (e.details as { after: unknown }).after === null]),
        [
          ['indicator.owner-link', false],
          ['indicator.owner-link', true],
        ],
      )
    })

    it('refuses illegal steps with a clear problem and changes nothing', async () => {
      const edit = await services.commentary.saveCommentary('monthly', MONTH, 'missing-children', 'Sneaky', JANE)
      assert.ok(!edit.ok)
      assert.match(edit.problems[0]?.message ?? '', /cannot be edited: it is submitted for sign-off/)
      const approveNothing = await services.commentary.approveCommentary('monthly', MONTH, 'sa-completed', DIRECTOR)
      assert.ok(!approveNothing.ok)
      assert.match(approveNothing.problems[0]?.message ?? '', /Nothing has been written yet/)
      const ownerApproves = await services.commentary.approveCommentary('monthly', MONTH, 'missing-children', JANE)
      assert.ok(!ownerApproves.ok)
      assert.equal(ownerApproves.problems[0]?.kind, 'not-permitted')
      const stored = await dataAccess(store).commentary.findCommentary('monthly', MONTH, 'missing-children')
      assert.equal(stored?.text, 'First words')
      assert.equal(stored?.status, 'submitted')
    })

    it('refuses to submit empty commentary and text over 4,000 characters', async () => {
      assert.ok((await services.commentary.saveCommentary('monthly', MONTH, 'sa-completed', '   ', JANE)).ok)
      const empty = await services.commentary.submitCommentary('monthly', MONTH, 'sa-completed', JANE)
      assert.ok(!empty.ok)
      assert.equal(empty.problems[0]?.message, 'Write the commentary before submitting it')
      const long = await services.commentary.saveCommentary('monthly', MONTH, 'sa-completed', 'x'.repeat(4001), JANE)
      assert.ok(!long.ok)
      assert.equal(long.problems[0]?.field, 'text')
    })

    it('returns with a reason, then approves after resubmission, auditing every step with before → after', async () => {
      const noReason = await services.commentary.returnCommentary('monthly', MONTH, 'missing-children', ' ', DIRECTOR)
      assert.ok(!noReason.ok)
      const returned = await services.commentary.returnCommentary(
        'monthly',
        MONTH,
        'missing-children',
        'Say why it rose',
        DIRECTOR,
      )
      assert.ok(returned.ok)
      assert.equal(returned.value.status, 'draft')
      assert.equal(returned.value.returnReason, 'Say why it rose')
      assert.ok(
        (await services.commentary.saveCommentary('monthly', MONTH, 'missing-children', 'Better words', JANE)).ok,
      )
      assert.ok((await services.commentary.submitCommentary('monthly', MONTH, 'missing-children', JANE)).ok)
      const approved = await services.commentary.approveCommentary('monthly', MONTH, 'missing-children', DIRECTOR)
      assert.ok(approved.ok)
      assert.equal(approved.value.approvedBy, 'The Director')

      const page = await services.commentary.forIndicator('monthly', MONTH, 'missing-children')
      assert.ok(page.ok)
      assert.deepEqual(
        page.value.history.map((e) => e.action),
        [
          'commentary.approve',
          'commentary.submit',
          'commentary.save',
          'commentary.return',
          'commentary.submit',
          'commentary.save',
        ],
      )
      const edit = page.value.history.find((e) => e.action === 'commentary.save')
      assert.deepEqual(edit?.details.before, { status: 'draft', text: 'First words', author: ' jane white ' })
      assert.deepEqual(edit?.details.after, { status: 'draft', text: 'Better words', author: ' jane white ' })
      assert.equal(edit?.actor, 'user:1')
    })

    it('a second owner can work on their own indicators at the same time', async () => {
      const result = await services.commentary.saveCommentary('monthly', MONTH, 'icpc-to-cpp', 'Conferences', PHIL)
      assert.ok(result.ok)
    })

    it('gives approved content and marks it published, leaving drafts alone', async () => {
      const data = dataAccess(store)
      assert.ok(
        (
          await services.commentary.saveOverview(
            'monthly',
            MONTH,
            [
              { title: 'Demand', text: 'Up' },
              { title: 'Timescales', text: '' },
            ],
            DIRECTOR,
          )
        ).ok,
      )
      assert.ok((await services.commentary.submitOverview('monthly', MONTH, DIRECTOR)).ok)
      assert.ok((await services.commentary.approveOverview('monthly', MONTH, DIRECTOR)).ok)

      const content = await data.transaction((repos) => services.commentary.approvedContent(repos, 'monthly', MONTH))
      assert.deepEqual(
        content.commentary.map((c) => [c.indicatorId, c.text, c.approvedBy]),
        [['missing-children', 'Better words', 'The Director']],
      )
      assert.deepEqual(content.overview?.sections, [{ title: 'Demand', text: 'Up' }])

      await data.transaction((repos) =>
        services.commentary.markPublished(repos, 'monthly', MONTH, 'The Director', '2018-06-01T10:00:00.000Z'),
      )
      const published = await data.commentary.findCommentary('monthly', MONTH, 'missing-children')
      assert.equal(published?.status, 'published')
      assert.equal(published?.publishedBy, 'The Director')
      assert.equal(published?.publishedAt, '2018-06-01T10:00:00.000Z')
      assert.equal((await data.commentary.findOverview('monthly', MONTH))?.status, 'published')
      assert.equal((await data.commentary.findCommentary('monthly', MONTH, 'icpc-to-cpp'))?.status, 'draft')
      const events = await data.audit.list({
        subjectType: 'commentary',
        subjectId: `monthly/${MONTH}/missing-children`,
      })
      assert.equal(events[0]?.action, 'commentary.publish')
      const after = await data.transaction((repos) => services.commentary.approvedContent(repos, 'monthly', MONTH))
      assert.deepEqual(after, { commentary: [], overview: null })
      const edit = await services.commentary.saveCommentary('monthly', MONTH, 'missing-children', 'Later', JANE)
      assert.ok(!edit.ok)
      assert.match(edit.problems[0]?.message ?? '', /Published words are part of the record/)
    })

    it('drafts the significant variations into an empty section, and will not overwrite text unless asked', async () => {
      const month = '2018-02'
      const drafted = await services.commentary.draftVariations('monthly', month, false, DIRECTOR)
      assert.ok(drafted.ok, JSON.stringify(!drafted.ok && drafted.problems))
      const section = drafted.value.sections.find((s) => s.title === 'Significant variations')
      assert.match(section?.text ?? '', /February 2018/)
      assert.deepEqual(
        drafted.value.sections.map((s) => s.title),
        ['Demand', 'Timescales', 'Corporate Parenting', 'Significant variations'],
      )
      const again = await services.commentary.draftVariations('monthly', month, false, DIRECTOR)
      assert.ok(!again.ok)
      assert.equal(again.problems[0]?.kind, 'has-text')
      assert.ok((await services.commentary.draftVariations('monthly', month, true, DIRECTOR)).ok)
      const events = await dataAccess(store).audit.list({
        subjectType: 'performance-overview',
        subjectId: `monthly/${month}`,
      })
      assert.deepEqual(
        events.map((e) => e.action),
        ['performance-overview.draft-variations', 'performance-overview.draft-variations'],
      )
    })

    it('keeps the council’s overview sections, audited', async () => {
      const saved = await services.commentary.saveSectionTitles('Demand; Quality', 'cli:test')
      assert.ok(saved.ok)
      assert.deepEqual(await services.commentary.sectionTitles(), ['Demand', 'Quality'])
      const page = await services.commentary.overview('monthly', '2018-02')
      assert.ok(page.ok)
      // Written sections no longer configured are still shown, after the configured ones.
      assert.deepEqual(
        page.value.sections.map((s) => s.title),
        ['Demand', 'Quality', 'Timescales', 'Corporate Parenting', 'Significant variations'],
      )
      const [event] = await dataAccess(store).audit.list({
        subjectType: 'settings',
        subjectId: 'performance-overview-sections',
      })
      assert.deepEqual(event?.details.after, ['Demand', 'Quality'])
    })

    it('loads the demo council overview and commentary, approved, into the April 2018 pack the demo publishes', async () => {
      // The demo publishes April 2018 once its words are approved, so they are published and frozen in the snapshot.
      assert.deepEqual(
        await dataAccess(store).transaction((repos) =>
          services.commentary.approvedContent(repos, 'monthly', '2018-04'),
        ),
        { commentary: [], overview: null },
      )
      const publication = await services.publications.publishedPack('monthly', '2018-04')
      const content = publication?.snapshot
      assert.deepEqual(
        content?.overview?.sections.map((s) => s.title),
        ['Demand', 'Timescales', 'Corporate Parenting'],
      )
      assert.match(
        content.overview?.sections[0]?.text ?? '',
        /^Referrals of new CIN cases have reduced \(Apr 245 from Mar 270\)/,
      )
      assert.equal(content.overview?.approvedBy, 'Phil Bullingham')
      assert.deepEqual(
        content.commentary.map((c) => c.indicatorId).sort(),
        Object.keys(DEMO_WORDS.find((w) => w.period === '2018-04')?.commentary ?? {}).sort(),
      )
      assert.equal(content.commentary.find((c) => c.indicatorId === 'care-leavers-suitable')?.author, 'Mary Hardy')
      const overview = await dataAccess(store).commentary.findOverview('monthly', '2018-04')
      assert.equal(overview?.status, 'published')
    })

    describe('edge cases', () => {
      it('finds nothing for a month without figures, an unknown dataset or an indicator not in the dataset', async () => {
        for (const [dataset, period, indicator] of [
          ['monthly', '2030-01', 'missing-children'],
          ['nope', MONTH, 'missing-children'],
          ['monthly', MONTH, 'no-such-indicator'],
        ] as const) {
          const result = await services.commentary.saveCommentary(dataset, period, indicator, 'x', JANE)
          assert.ok(!result.ok)
          assert.equal(result.problems[0]?.kind, 'not-found')
        }
      })

      it('stores SQL-looking text literally', async () => {
        const text = "'); drop table commentary; --"
        assert.ok((await services.commentary.saveCommentary('monthly', '2018-01', 'missing-children', text, JANE)).ok)
        assert.equal(
          (await dataAccess(store).commentary.findCommentary('monthly', '2018-01', 'missing-children'))?.text,
          text,
        )
      })

      it('refuses a section title left blank and an empty overview on submit', async () => {
        const blank = await services.commentary.saveOverview(
          'monthly',
          '2018-01',
          [{ title: ' ', text: 'x' }],
          DIRECTOR,
        )
        assert.ok(!blank.ok)
        assert.ok(
          (await services.commentary.saveOverview('monthly', '2018-01', [{ title: 'Demand', text: ' ' }], DIRECTOR)).ok,
        )
        const submit = await services.commentary.submitOverview('monthly', '2018-01', DIRECTOR)
        assert.ok(!submit.ok)
        assert.match(submit.problems[0]?.message ?? '', /Write at least one section/)
      })

      it('reads the overview headings however they are written, stopping at the signature', () => {
        assert.deepEqual(
          overviewSections(
            'Intro\n1. DEMAND:\n\nUp.\n\nMore.\n3. Corporate Parenting\nGood.\nA Name\n4. Not',
            'A Name',
          ),
          [
            { title: 'Demand', text: 'Up.\n\nMore.' },
            { title: 'Corporate Parenting', text: 'Good.' },
          ],
        )
      })

      it('an indicator owner cannot write the overview', async () => {
        const result = await services.commentary.saveOverview(
          'monthly',
          '2018-01',
          [{ title: 'Demand', text: 'x' }],
          JANE,
        )
        assert.ok(!result.ok)
        assert.equal(result.problems[0]?.kind, 'not-permitted')
      })
    })
  })
}
