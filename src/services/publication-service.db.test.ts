import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { storeTargets } from '../../test/databases.ts'
import type { Period } from '../domain/period.ts'
import { canonicalJson } from '../domain/publication.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess, type Repositories } from '../store/data-access.ts'
import { forgetParsedSnapshots, sha256 } from '../store/publication-repository.ts'
import { publishedPackSpcHtml } from '../exporters/published-pack-spc.ts'
import { services as buildServices, type Services } from './index.ts'
import type { ApprovedContent, PublishableContent } from './publishable-content.ts'
import { publicationService, type PublicationService } from './publication-service.ts'

const MAX = 20 * 1024 * 1024

/** A commentary service stand-in: approved words for lac-count, and a record of markPublished calls. */
function fakeContent() {
  const calls: Array<{ datasetId: string; period: Period; actor: string; at: string; inTransaction: boolean }> = []
  let outside: Repositories | null = null
  const content: PublishableContent & { calls: typeof calls; setOutside: (repos: Repositories) => void } = {
    calls,
    setOutside: (repos) => {
      outside = repos
    },
    approvedContent: (): Promise<ApprovedContent> =>
      Promise.resolve({
        commentary: [
          {
            indicatorId: 'lac-count',
            text: 'Fewer children came into care in April.',
            author: 'Jane White',
            approvedBy: 'Director',
            approvedAt: '2018-05-10T09:00:00.000Z',
          },
        ],
        overview: {
          sections: [{ title: 'Summary', text: 'A steady month.' }],
          author: 'Director',
          approvedBy: 'Director',
          approvedAt: '2018-05-11T09:00:00.000Z',
        },
      }),
    markPublished: (repos, datasetId, period, actor, at) => {
      // The repositories of the publishing transaction, not the database's own.
      calls.push({ datasetId, period, actor, at, inTransaction: repos !== outside })
      return Promise.resolve()
    },
  }
  return content
}

for (const target of storeTargets()) {
  describe(`publication on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let publications: PublicationService
    let content: ReturnType<typeof fakeContent>
    let dir: string
    let clock = Date.parse('2018-05-15T10:00:00Z')

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(store, { maxImportBytes: MAX, councilName: 'Test council' })
      // The demo figures, without publishing them: this suite publishes itself.
      await buildServices(store, { maxImportBytes: MAX, councilName: 'Test council' }).figures.importFile(
        (await import('./demo-service.ts')).DEMO_FIGURES_FILE,
        { mode: 'values', actor: 'test', maxBytes: MAX },
      )
      content = fakeContent()
      const data = dataAccess(store)
      content.setOutside(data)
      publications = publicationService(data, content, () => new Date(clock))
      dir = await mkdtemp(join(tmpdir(), 'scrutineer-publication-'))
    })
    after(async () => {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    })

    it('publishes version 1 with the approved words, marks them published in the transaction and audits it', async () => {
      const result = await publications.publish('monthly', '2018-04', 'director@council')
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problem))
      assert.equal(result.value.version, 1)
      assert.match(result.value.contentHash, /^[0-9a-f]{64}$/)
      assert.deepEqual(content.calls, [
        {
          datasetId: 'monthly',
          period: '2018-04',
          actor: 'director@council',
          at: '2018-05-15T10:00:00.000Z',
          inTransaction: true,
        },
      ])
      const published = await publications.publishedPack('monthly', '2018-04')
      assert.ok(published)
      assert.equal(published.intact, true)
      assert.equal(published.snapshot.commentary[0]?.text, 'Fewer children came into care in April.')
      assert.equal(published.snapshot.overview?.sections[0]?.title, 'Summary')
      assert.equal(published.snapshot.publishedBy, 'director@council')
      assert.deepEqual(published.snapshot.disclosureRule, { min: 1, max: 5, symbol: 'c' })
      assert.equal(published.snapshot.pack.indicators.find((r) => r.id === 'lac-count')?.values.at(-1)?.value, 521)
      assert.equal(published.snapshot.catalogue.find((i) => i.id === 'lac-count')?.owner, 'Jane White')
      // The stored text is the canonical JSON of the snapshot and hashes to the stored hash.
      assert.equal(sha256(canonicalJson(published.snapshot)), published.contentHash)
      const [event] = await dataAccess(store).audit.list({ subjectType: 'pack', subjectId: 'monthly/2018-04' })
      assert.equal(event?.action, 'pack.publish')
      assert.equal(event.details.version, 1)
      assert.equal(event.details.contentHash, published.contentHash)
      assert.deepEqual(await publications.publishedPeriods('monthly'), ['2018-04'])
    })

    it('leaves the snapshot and its hash byte-identical when the figures are imported again', async () => {
      const readRow = () =>
        store.db
          .selectFrom('publication')
          .select(['snapshot', 'content_hash'])
          .where('dataset_id', '=', 'monthly')
          .where('period', '=', '2018-04')
          .where('version', '=', 1)
          .executeTakeFirstOrThrow()
      const before = await readRow()
      const file = join(dir, 'revision.csv')
      await writeFile(file, 'indicator_id,period,value\nlac-count,2018-04,401\n')
      const revised = await services.figures.importFile(file, { mode: 'values', actor: 'test', maxBytes: MAX })
      assert.ok(revised.ok, JSON.stringify(!revised.ok && revised.problems))
      assert.equal(revised.value.figuresRevised, 1)
      const live = await services.packs.getPack('monthly', '2018-04')
      assert.ok(live.ok)
      assert.equal(live.value.pack.indicators.find((r) => r.id === 'lac-count')?.values.at(-1)?.value, 401)
      const afterImport = await readRow()
      assert.equal(afterImport.snapshot, before.snapshot)
      assert.equal(afterImport.content_hash, before.content_hash)
      const published = await publications.publishedPack('monthly', '2018-04')
      assert.equal(published?.snapshot.pack.indicators.find((r) => r.id === 'lac-count')?.values.at(-1)?.value, 521)
      assert.equal(published.intact, true)
    })

    it('publishes a correction as version 2 and keeps version 1 readable', async () => {
      clock += 24 * 60 * 60 * 1000
      const result = await publications.publish('monthly', '2018-04', 'director@council')
      assert.ok(result.ok)
      assert.equal(result.value.version, 2)
      const latest = await publications.publishedPack('monthly', '2018-04')
      assert.equal(latest?.version, 2)
      assert.equal(latest.snapshot.pack.indicators.find((r) => r.id === 'lac-count')?.values.at(-1)?.value, 401)
      const first = await publications.publishedPack('monthly', '2018-04', 1)
      assert.equal(first?.version, 1)
      assert.notEqual(first.contentHash, latest.contentHash)
      assert.deepEqual(
        (await publications.history('monthly')).map((p) => p.version),
        [2, 1],
      )
    })

    it('refuses to update or delete a publication at the database level', async () => {
      await assert.rejects(
        sql`update publication set published_by = 'someone else' where version = 1`.execute(store.db),
        /cannot be changed or deleted/,
      )
      await assert.rejects(sql`delete from publication`.execute(store.db), /cannot be changed or deleted/)
      assert.equal((await publications.history('monthly')).length, 2)
    })

    describe('edge cases', () => {
      it('refuses a month with no figures, and an unknown dataset, storing nothing', async () => {
        const empty = await publications.publish('monthly', '2030-01', 'director@council')
        assert.equal(empty.ok, false)
        assert.ok(!empty.ok)
        assert.equal(empty.problem.kind, 'no-figures')
        assert.match(empty.problem.message, /no figures for 2030-01/)
        const unknown = await publications.publish('nonsense', '2018-04', 'director@council')
        assert.ok(!unknown.ok)
        assert.equal(unknown.problem.kind, 'no-such-dataset')
        const bad = await publications.publish('monthly', '2018-13', 'director@council')
        assert.ok(!bad.ok)
        assert.equal(await publications.publishedPack('monthly', '2030-01'), null)
        assert.equal(await publications.publishedPack('monthly', 'junk'), null)
        assert.equal((await publications.history('monthly')).length, 2)
      })

      it('reports a snapshot whose stored text no longer matches its hash as not intact', async () => {
        // Tamper as the database owner would: drop the trigger, change the text, put the trigger back.
        await sql`alter table publication disable trigger publication_no_change`.execute(store.db)
        await sql`update publication set snapshot = replace(snapshot, '"publishedBy":"director@council"', '"publishedBy":"mallory"') where version = 1`.execute(
          store.db,
        )
        await sql`alter table publication enable trigger publication_no_change`.execute(store.db)
        // The check rehashes every stored version.
        const checks = await publications.verify()
        assert.deepEqual(
          checks.map((c) => [c.period, c.version, c.intact]),
          [
            ['2018-04', 1, false],
            ['2018-04', 2, true],
          ],
        )
        // A process that read the version before keeps what was published, which hashed right then.
        const kept = await publications.publishedPack('monthly', '2018-04', 1)
        assert.equal(kept?.snapshot.publishedBy, 'director@council')
        // A process reading it for the first time (as after a restart) finds the text changed.
        forgetParsedSnapshots()
        const tampered = await publications.publishedPack('monthly', '2018-04', 1)
        assert.equal(tampered?.intact, false)
        assert.equal(tampered?.snapshot.publishedBy, 'mallory')
        assert.equal((await publications.publishedPack('monthly', '2018-04', 2))?.intact, true)
      })

      it('uses the council disclosure rule for the next publication, and refuses a malformed one', async () => {
        assert.deepEqual(await publications.disclosureRule(), { min: 1, max: 5, symbol: 'c' })
        const refused = await publications.setDisclosureRule({ min: 0, max: 5 }, 'admin')
        assert.equal(refused.ok, false)
        const set = await publications.setDisclosureRule({ min: 1, max: 9 }, 'admin')
        assert.ok(set.ok)
        const result = await publications.publish('monthly', '2018-04', 'director@council')
        assert.ok(result.ok)
        const latest = await publications.publishedPack('monthly', '2018-04')
        assert.deepEqual(latest?.snapshot.disclosureRule, { min: 1, max: 9, symbol: 'c' })
        // Earlier versions keep the rule they were published with.
        assert.deepEqual((await publications.publishedPack('monthly', '2018-04', 2))?.snapshot.disclosureRule, {
          min: 1,
          max: 5,
          symbol: 'c',
        })
      })

      it('freezes the run length and process changes with the version, so its printed charts never change', async () => {
        const officer = { actor: 'officer@council' }
        const added = await services.spc.addProcessChange(
          'lac-count',
          { month: '2017-10', reason: 'New front door' },
          officer,
        )
        assert.ok(added.ok)
        assert.ok((await services.spc.setRunLength(6, officer)).ok)
        const result = await publications.publish('monthly', '2018-04', 'director@council')
        assert.ok(result.ok)
        const published = await publications.publishedPack('monthly', '2018-04', result.value.version)
        assert.ok(published)
        assert.deepEqual(published.snapshot.spc, { runLength: 6, processChanges: [added.value] })
        const printed = publishedPackSpcHtml(published)
        assert.match(printed, /Process change from October 2017: New front door/)
        assert.match(printed, /6 or more in a row/)

        // Later changes redraw the live charts, never the version's.
        await services.spc.removeProcessChange('lac-count', '2017-10', officer)
        assert.ok((await services.spc.addProcessChange('lac-count', { month: '2018-01', reason: 'Later' }, officer)).ok)
        assert.ok((await services.spc.setRunLength(7, officer)).ok)
        forgetParsedSnapshots()
        const again = await publications.publishedPack('monthly', '2018-04', result.value.version)
        assert.ok(again)
        assert.equal(again.intact, true)
        assert.equal(publishedPackSpcHtml(again), printed)
        // An earlier version keeps the settings it was published with: the default run length, no changes.
        assert.deepEqual((await publications.publishedPack('monthly', '2018-04', 1))?.snapshot.spc, {
          runLength: 7,
          processChanges: [],
        })
      })
    })
  })
}
