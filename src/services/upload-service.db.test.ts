import assert from 'node:assert/strict'
import { readFile, readdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { IMPORT_TABLES, liveTablesSnapshot, storeTargets, tablesSnapshot } from '../../test/databases.ts'
import { zipOf } from '../../test/zip.ts'
import { STALE_PREVIEW, type UploadKind, type UploadOptions } from '../domain/upload.ts'
import type { Period } from '../domain/period.ts'
import type { Store } from '../store/connect.ts'
import { DEMO_FIGURES_FILE } from './demo-service.ts'
import { services as buildServices, type Services } from './index.ts'

const MAX = 20 * 1024 * 1024
const SMALL = fileURLToPath(new URL('./testdata/annex-a-small', import.meta.url))
const CENSUS = fileURLToPath(new URL('../../fixtures/cin-census/CIN_Census_2024.xml', import.meta.url))
const OFFICER = { actor: 'user:7', correlationId: 'test' }
const SECOND_OFFICER = { actor: 'user:8', correlationId: 'test' }

/** The tables an import writes: a check must leave every one as it was. */
const SNAPSHOT_TABLES = [...IMPORT_TABLES, 'bank_holiday']

function snapshot(store: Store): Promise<string> {
  return tablesSnapshot(store, SNAPSHOT_TABLES)
}

/** What any reader can see of the tables an import writes (test/databases.ts). */
function liveSnapshot(store: Store): Promise<string> {
  return liveTablesSnapshot(store, SNAPSHOT_TABLES)
}

/** The imports an upload's check staged (not live), with how many rows each holds. */
async function stagedFor(store: Store, uploadId: number): Promise<Array<{ id: number; rows: number }>> {
  const found = await sql<{ id: number; rows: number }>`select i.id,
      (select coalesce(sum(b.row_count), 0)::int from annex_a_row_block b where b.import_id = i.id) as rows
    from import_batch i where i.staged_for_upload = ${uploadId} and i.loading_heartbeat is not null
    order by i.id`.execute(store.db)
  return found.rows
}

/** Every import not live, staged or not: none may be left behind once an upload has ended. */
async function notLive(store: Store): Promise<number[]> {
  const found = await sql<{ id: number }>`select id from import_batch where loading_heartbeat is not null
    order by id`.execute(store.db)
  return found.rows.map((r) => r.id)
}

/** A file's bytes as an upload streams them: in pieces, as the network delivers them. */
function streamOf(bytes: Uint8Array, piece = 64 * 1024): Readable {
  const pieces: Uint8Array[] = []
  for (let at = 0; at < bytes.length; at += piece) pieces.push(bytes.subarray(at, at + piece))
  return Readable.from(pieces)
}

/**
 * The long-layout file every figures test starts from: one new month (July 2018, after the demo's last), one
 * revision, one figure unchanged.
 */
function longFile(lacApril: number): string {
  return `indicator_id,period,value\nlac-count,2018-07,530\nlac-count,2018-04,${lacApril}\ncpp-count,2018-04,325\n`
}

for (const target of storeTargets()) {
  describe(`loading data in the browser: upload, check, confirm, on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services

    /** One figure loaded from the command line meanwhile, as someone else might (a live import the upload must see). */
    async function importFromCommandLine(indicatorId: string, period: Period, value: number): Promise<void> {
      const other = await services.figures.importFigures(
        {
          layout: 'long',
          catalogue: [],
          observations: [{ indicatorId, period, value, numerator: null, denominator: null }],
          months: [period],
          rows: [2],
        },
        { mode: 'values', actor: 'cli:test', maxBytes: MAX, displayName: 'cli.csv' },
      )
      assert.ok(other.ok, JSON.stringify(other))
    }

    async function submit(
      kind: UploadKind,
      fileName: string,
      content: string | Uint8Array,
      options: UploadOptions = {},
    ) {
      const bytes = typeof content === 'string' ? Buffer.from(content) : content
      const datasetId = kind === 'figures' || kind === 'catalogue' ? (options.datasetId ?? 'monthly') : null
      const result = await services.uploads.submit(
        {
          kind,
          fileName,
          datasetId,
          options:
            datasetId === null
              ? options
              : { datasetId, datasetTitle: 'Children and Families Monthly Dataset', ...options },
        },
        streamOf(bytes),
        OFFICER,
      )
      assert.ok(result.ok, JSON.stringify(result))
      return result.value
    }

    async function lacCount(period: string): Promise<number | null | undefined> {
      return (await services.packs.getIndicator('lac-count'))?.history.find((o) => o.period === period)?.value
    }

    async function auditActions(uploadId: number): Promise<string[]> {
      const rows = await sql<{ action: string }>`select action from audit_event
        where subject_type = 'upload' and subject_id = ${String(uploadId)} order by id`.execute(store.db)
      return rows.rows.map((r) => r.action)
    }

    async function partCount(uploadId: number): Promise<number> {
      const rows = await sql<{
        n: number
      }>`select count(*)::int as n from upload_part where upload_id = ${uploadId}`.execute(store.db)
      return rows.rows[0]?.n ?? -1
    }

    before(async () => {
      if (!target.openDemo) return
      store = await target.openDemo()
      services = buildServices(store, { maxImportBytes: MAX, maxAnnexABytes: MAX, councilName: 'Test council' })
    })
    after(async () => {
      await store?.close()
    })

    it('previews exactly what a figures file adds, revises and leaves alone, and changes nothing until confirmed', async () => {
      const aprilBefore = await lacCount('2018-04')
      assert.equal(typeof aprilBefore, 'number')
      const before = await snapshot(store)
      const { upload, checkJobId } = await submit('figures', 'july.csv', longFile(531))
      assert.equal(checkJobId, null, 'a figures file is checked at once')
      assert.equal(upload.status, 'previewed')
      const preview = upload.preview
      assert.ok(preview?.figures)
      assert.deepEqual(
        preview.figures.added.map((f) => [f.indicatorId, f.period, f.before, f.after]),
        [['lac-count', '2018-07', null, 530]],
      )
      assert.deepEqual(
        preview.figures.revised.map((f) => [f.indicatorId, f.period, f.before, f.after]),
        [['lac-count', '2018-04', aprilBefore, 531]],
      )
      assert.equal(preview.figures.unchanged, 1, 'cpp-count April 2018 is 325 already')
      assert.equal(preview.figures.added[0]?.title, 'Number of Looked after Children at end of period')
      assert.deepEqual(preview.problems, [])
      assert.equal(preview.lastPeriod, '2018-07')
      assert.match(upload.fingerprint ?? '', /^[0-9a-f]{64}$/)
      assert.equal(await snapshot(store), before, 'checking wrote nothing')
      assert.deepEqual(await auditActions(upload.id), ['upload.receive', 'upload.preview'])

      const confirmed = await services.uploads.confirm(upload.id, OFFICER)
      assert.ok(confirmed.ok, JSON.stringify(confirmed))
      assert.equal(await snapshot(store), before, 'confirming only queues the job')
      const job = await services.jobs.runNext()
      assert.equal(job?.id, confirmed.value.jobId)
      assert.equal(job?.status, 'succeeded', job?.error ?? '')
      assert.equal(job?.resultUrl, '/datasets/monthly/2018-07')
      assert.equal(await lacCount('2018-04'), 531)
      assert.equal(await lacCount('2018-07'), 530)
      const loaded = await services.uploads.find(upload.id)
      assert.equal(loaded?.status, 'applied')
      assert.equal(loaded?.bytesRemoved, true)
      assert.equal(await partCount(upload.id), 0, 'the file is deleted once loaded')
      assert.deepEqual(await auditActions(upload.id), [
        'upload.receive',
        'upload.preview',
        'upload.confirm',
        'upload.apply',
      ])
      const imported = await sql<{ actor: string; action: string }>`select actor, action from audit_event
        where action = 'import.figures' order by id desc limit 1`.execute(store.db)
      assert.equal(imported.rows[0]?.actor, OFFICER.actor, 'the import is audited under the confirming officer')
    })

    it('loads a confirmed upload once: a second confirmation is refused, naming who confirmed it', async () => {
      const { upload } = await submit('figures', 'twice.csv', longFile(532))
      const first = await services.uploads.confirm(upload.id, OFFICER)
      assert.ok(first.ok)
      const second = await services.uploads.confirm(upload.id, SECOND_OFFICER)
      assert.ok(!second.ok)
      assert.match(
        second.problems[0] ?? '',
        /^This upload was already confirmed by user:7 on \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}\.\d\d [ap]m: it is loaded once only\.$/,
      )
      assert.equal((await services.jobs.runNext())?.status, 'succeeded')
      assert.equal(await services.jobs.runNext(), null, 'only one job was queued')
      const again = await services.uploads.confirm(upload.id, SECOND_OFFICER)
      assert.ok(!again.ok)
      assert.match(again.problems[0] ?? '', /already confirmed/)
    })

    it('refuses a preview gone stale, changing nothing, and checks it again against the data as it is now', async () => {
      const { upload } = await submit('figures', 'stale.csv', longFile(600))
      // Someone loads another April figure from the command line after the check.
      await importFromCommandLine('lac-count', '2018-04', 540)
      const before = await snapshot(store)
      const refused = await services.uploads.confirm(upload.id, OFFICER)
      assert.ok(!refused.ok)
      assert.equal(refused.problems[0], STALE_PREVIEW)
      assert.equal(await snapshot(store), before)
      assert.equal((await services.uploads.find(upload.id))?.status, 'previewed')
      assert.equal(await services.jobs.runNext(), null)

      const rechecked = await services.uploads.recheck(upload.id, OFFICER)
      assert.ok(rechecked.ok)
      const fresh = rechecked.value.upload
      assert.equal(fresh.status, 'previewed')
      assert.deepEqual(
        fresh.preview?.figures?.revised.map((f) => [f.period, f.before, f.after]),
        [['2018-04', 540, 600]],
      )
      const confirmed = await services.uploads.confirm(upload.id, OFFICER)
      assert.ok(confirmed.ok)
      assert.equal((await services.jobs.runNext())?.status, 'succeeded')
      assert.equal(await lacCount('2018-04'), 600)
    })

    it('refuses, inside the loading transaction, data that changed between confirmation and loading', async () => {
      const { upload } = await submit('figures', 'late.csv', longFile(610))
      const confirmed = await services.uploads.confirm(upload.id, OFFICER)
      assert.ok(confirmed.ok)
      await importFromCommandLine('lac-count', '2018-07', 99)
      const before = await snapshot(store)
      const job = await services.jobs.runNext()
      assert.equal(job?.status, 'failed')
      assert.match(job?.error ?? '', /The data has changed since this file was checked/)
      assert.equal(await snapshot(store), before, 'nothing was loaded')
      const failed = await services.uploads.find(upload.id)
      assert.equal(failed?.status, 'failed')
      assert.equal(failed?.bytesRemoved, true)
      assert.match(failed?.failure ?? '', /late\.csv: The data has changed/)
      const retry = await services.uploads.confirm(upload.id, OFFICER)
      assert.ok(!retry.ok)
      assert.match(retry.problems[0] ?? '', /Upload the file again/)
    })

    it('refuses a bad file with the command line’s messages, keeps none of it, and changes nothing', async () => {
      const before = await snapshot(store)
      const { upload } = await submit(
        'figures',
        'bad.csv',
        'indicator_id,period,value\nlac-count,2018-06,n/a\nno-such-indicator,2018-06,4\n',
      )
      assert.equal(upload.status, 'refused')
      assert.deepEqual(upload.preview?.problems, [
        {
          file: 'bad.csv',
          row: 2,
          column: 'value',
          value: 'n/a',
          reason:
            '"n/a" is not a number. Enter a number such as 42, 1,158 or 72.5, or leave the cell empty if there is no figure.',
        },
      ])
      assert.equal(upload.bytesRemoved, true)
      assert.equal(await partCount(upload.id), 0)
      const confirmed = await services.uploads.confirm(upload.id, OFFICER)
      assert.ok(!confirmed.ok)
      assert.match(confirmed.problems[0] ?? '', /has problems/)
      assert.equal(await snapshot(store), before)
      const unknown = await submit('figures', 'unknown.csv', 'indicator_id,period,value\nno-such-indicator,2018-06,4\n')
      assert.equal(unknown.upload.status, 'refused')
      assert.equal(unknown.upload.preview?.problems[0]?.value, 'no-such-indicator')
      assert.match(unknown.upload.preview?.problems[0]?.reason ?? '', /no indicator with this id in the catalogue/)
      assert.equal(await snapshot(store), before)
    })

    it('abandons a previewed upload: its file is deleted and it can no longer be confirmed', async () => {
      const before = await snapshot(store)
      const { upload } = await submit('figures', 'abandon.csv', longFile(700))
      assert.ok((await partCount(upload.id)) > 0)
      const abandoned = await services.uploads.abandon(upload.id, SECOND_OFFICER)
      assert.ok(abandoned.ok)
      assert.equal(abandoned.value.status, 'abandoned')
      assert.equal(await partCount(upload.id), 0)
      const confirmed = await services.uploads.confirm(upload.id, OFFICER)
      assert.ok(!confirmed.ok)
      assert.match(confirmed.problems[0] ?? '', /abandoned/)
      const twice = await services.uploads.abandon(upload.id, OFFICER)
      assert.ok(!twice.ok)
      assert.deepEqual(await auditActions(upload.id), ['upload.receive', 'upload.preview', 'upload.abandon'])
      assert.equal(await snapshot(store), before)
    })

    it('refuses a file over its limit as it arrives, keeping none of it, and an empty file', async () => {
      const small = buildServices(store, { maxImportBytes: 1000, maxAnnexABytes: 1000, councilName: 'Test council' })
      const uploadsBefore = await sql<{ n: number }>`select count(*)::int as n from upload`.execute(store.db)
      const big = await small.uploads.submit(
        { kind: 'bank-holidays', fileName: 'big.json', datasetId: null, options: {} },
        streamOf(Buffer.alloc(5000, 0x20), 100),
        OFFICER,
      )
      assert.ok(!big.ok)
      assert.deepEqual(big.problems, [{ field: 'file', message: 'The selected file must be smaller than 1 KB' }])
      const empty = await small.uploads.submit(
        { kind: 'bank-holidays', fileName: 'empty.json', datasetId: null, options: {} },
        streamOf(Buffer.alloc(0)),
        OFFICER,
      )
      assert.ok(!empty.ok)
      assert.deepEqual(empty.problems, [{ field: 'file', message: 'The selected file is empty' }])
      const uploadsAfter = await sql<{ n: number }>`select count(*)::int as n from upload`.execute(store.db)
      assert.deepEqual(uploadsAfter.rows, uploadsBefore.rows)
    })

    it('previews a catalogue: new and changed indicator details, old → new, and loads no figures', async () => {
      const text = (await readFile(DEMO_FIGURES_FILE, 'utf8')).replace(
        'Number of new referrals of Children In Need (CiN)',
        'New referrals of children in need',
      )
      const before = await snapshot(store)
      // The demo's benchmarks carry a vintage: a catalogue loaded without one would change every benchmark.
      const { upload } = await submit('catalogue', 'catalogue.csv', text, {
        benchmarkVintage: 'Updated Nov-17, using 2016-17 data',
      })
      assert.equal(upload.status, 'previewed', JSON.stringify(upload.preview?.problems))
      // The demo links its rates to their counts after loading the file, so the file would also unlink those.
      assert.deepEqual(
        upload.preview?.indicators?.updated.find((i) => i.id === 'contacts-cin-referrals'),
        {
          id: 'contacts-cin-referrals',
          title: 'New referrals of children in need',
          changes: [
            {
              field: 'Title',
              before: 'Number of new referrals of Children In Need (CiN)',
              after: 'New referrals of children in need',
            },
          ],
        },
      )
      assert.ok(
        upload.preview?.indicators?.updated.some(
          (i) => i.id === 's47-rate' && i.changes.some((c) => c.field === 'Numerator' && c.before === 's47-started'),
        ),
      )
      assert.deepEqual(upload.preview?.indicators?.added, [])
      assert.equal(upload.preview?.figures, null)
      assert.equal(upload.preview?.dataset?.isNew, false)
      assert.equal(await snapshot(store), before)
      assert.ok((await services.uploads.confirm(upload.id, OFFICER)).ok)
      const job = await services.jobs.runNext()
      assert.equal(job?.status, 'succeeded', job?.error ?? '')
      assert.equal(job?.resultUrl, '/datasets/monthly')
      const indicator = await services.packs.getIndicator('contacts-cin-referrals')
      assert.equal(indicator?.indicator.title, 'New referrals of children in need')
    })

    it('checks and loads an Annex A return sent as a zip of list CSVs, each as a job with progress', async () => {
      const files: Record<string, Buffer> = {}
      for (const name of await readdir(SMALL))
        if (name.endsWith('.csv')) files[`return/${name}`] = await readFile(join(SMALL, name))
      const zip = await zipOf(files)
      const before = await snapshot(store)
      const importsBefore = await services.annexA.listImports()
      const { upload, checkJobId } = await submit('annex-a', 'annex-a-2018.zip', zip, { end: '2018-04', months: 13 })
      assert.equal(upload.status, 'checking')
      assert.ok(checkJobId !== null)
      const check = await services.jobs.runNext()
      assert.equal(check?.id, checkJobId)
      assert.equal(check?.status, 'succeeded', check?.error ?? '')
      assert.equal(check?.resultUrl, `/load-data/${upload.id}`)
      const checked = await services.uploads.find(upload.id)
      assert.equal(checked?.status, 'previewed')
      assert.equal(await liveSnapshot(store), before, 'checking a return changes nothing any reader sees')
      assert.deepEqual(await services.annexA.listImports(), importsBefore)
      // The check stored the return's rows, out of sight, so that confirming need not read it again.
      const staged = await stagedFor(store, upload.id)
      assert.deepEqual(
        staged.map((s) => s.rows),
        [8],
      )
      const stagedId = staged[0]?.id ?? -1
      assert.equal(await services.annexA.dataQuality(stagedId, { actor: 'cli:test' }), null, 'no reader sees it')
      const quality = checked?.preview?.dataQuality
      assert.deepEqual(
        quality?.lists.map((l) => [l.list, l.rows, l.source]),
        [
          [1, 3, 'list-1.csv'],
          [3, 2, 'list-3.csv'],
          [5, 3, 'list-5.csv'],
        ],
      )
      assert.equal(quality?.errors, 1, 'the strategy discussion dated 31/02/2018')
      assert.equal(quality?.firstErrors[0]?.value, '31/02/2018')
      assert.equal(quality?.firstErrors[0]?.file, 'annex-a-2018.zip, list 5')
      const icpc = checked?.preview?.figures?.revised.find(
        (f) => f.indicatorId === 'icpc-count' && f.period === '2018-04',
      )
      assert.equal(icpc?.after, 3)

      const confirmed = await services.uploads.confirm(upload.id, OFFICER)
      assert.ok(confirmed.ok, JSON.stringify(confirmed))
      const job = await services.jobs.runNext()
      assert.equal(job?.status, 'succeeded', job?.error ?? '')
      assert.match(job?.resultUrl ?? '', /^\/imports\/\d+$/)
      assert.equal(job?.resultLabel, 'Open the data-quality report')
      const importId = Number(job?.resultUrl?.split('/').at(-1))
      assert.equal(importId, stagedId, 'confirming made the staged import live')
      assert.deepEqual(await notLive(store), [])
      const report = await services.annexA.dataQuality(importId, { actor: 'cli:test' })
      assert.equal(report?.importRecord.importedBy, OFFICER.actor)
      assert.equal(report?.importRecord.sourceFile, 'annex-a-2018.zip')
      assert.equal(report?.importRecord.layout, 'zip of csv files')
      assert.equal(report?.errors.length, 1)
      assert.equal(
        (await services.packs.getIndicator('icpc-count'))?.history.find((o) => o.period === '2018-04')?.value,
        3,
      )
      assert.equal(await partCount(upload.id), 0, "the children's records in the upload are deleted once loaded")
    })

    it('checks and loads a children in need census (.xml) through the same check, preview and confirm', async () => {
      const xml = await readFile(CENSUS)
      const before = await snapshot(store)
      const { upload, checkJobId } = await submit('annex-a', 'CIN_Census_2024.xml', xml, { end: '2024-10', months: 25 })
      assert.ok(checkJobId !== null)
      const check = await services.jobs.runNext()
      assert.equal(check?.status, 'succeeded', check?.error ?? '')
      const checked = await services.uploads.find(upload.id)
      assert.equal(checked?.status, 'previewed')
      assert.equal(await liveSnapshot(store), before, 'checking a census changes nothing any reader sees')
      assert.equal((await stagedFor(store, upload.id)).length, 1)
      assert.deepEqual(
        checked?.preview?.dataQuality?.lists.map((l) => [l.list, l.rows]),
        [
          [3, 2],
          [4, 2],
          [5, 1],
          [6, 2],
          [7, 1],
        ],
      )
      const referrals = checked?.preview?.figures?.added.find(
        (f) => f.indicatorId === 'contacts-cin-referrals' && f.period === '2024-10',
      )
      assert.equal(referrals?.after, 1)

      const confirmed = await services.uploads.confirm(upload.id, OFFICER)
      assert.ok(confirmed.ok, JSON.stringify(confirmed))
      const job = await services.jobs.runNext()
      assert.equal(job?.status, 'succeeded', job?.error ?? '')
      const importId = Number(job?.resultUrl?.split('/').at(-1))
      const report = await services.annexA.dataQuality(importId, { actor: 'cli:test' })
      assert.equal(report?.importRecord.sourceFile, 'CIN_Census_2024.xml')
      assert.equal(report?.importRecord.layout, 'cin-census')
      assert.deepEqual(await notLive(store), [])
      assert.equal(
        (await services.packs.getIndicator('contacts-cin-referrals'))?.history.find((o) => o.period === '2024-10')
          ?.value,
        1,
      )
    })

    it('keeps what an Annex A check stored out of sight, through a restart, and deletes it when checked again or abandoned', async () => {
      const files: Record<string, Buffer> = {}
      for (const name of await readdir(SMALL))
        if (name.endsWith('.csv')) files[name] = await readFile(join(SMALL, name))
      const zip = await zipOf(files)
      const { upload } = await submit('annex-a', 'staged.zip', zip, { end: '2018-04', months: 13 })
      assert.equal((await services.jobs.runNext())?.status, 'succeeded')
      const [first] = await stagedFor(store, upload.id)
      assert.ok(first !== undefined)
      // A server started again (the embedded database's rule: every loading import is taken for abandoned) keeps it:
      // it is not cut off, it waits for an officer.
      assert.deepEqual(await services.annexA.discardAbandonedLoads(0), [])
      assert.deepEqual(await stagedFor(store, upload.id), [first])

      // Someone loads a figure the return gives from the command line: the preview is stale.
      await importFromCommandLine('icpc-count', '2018-04', 41)
      const before = await snapshot(store)
      const refused = await services.uploads.confirm(upload.id, OFFICER)
      assert.ok(!refused.ok)
      assert.equal(refused.problems[0], STALE_PREVIEW)
      assert.equal(await snapshot(store), before, 'a stale confirmation changes nothing')

      // Checking it again replaces what the first check stored.
      const rechecked = await services.uploads.recheck(upload.id, OFFICER)
      assert.ok(rechecked.ok)
      assert.deepEqual(await stagedFor(store, upload.id), [], 'the first check’s rows went as the second began')
      assert.equal((await services.jobs.runNext())?.status, 'succeeded')
      const [second] = await stagedFor(store, upload.id)
      assert.ok(second !== undefined && second.id !== first.id)
      assert.equal(second.rows, first.rows)

      const liveBefore = await liveSnapshot(store)
      const abandoned = await services.uploads.abandon(upload.id, OFFICER)
      assert.ok(abandoned.ok)
      assert.deepEqual(await notLive(store), [], 'abandoning deletes what its check stored')
      assert.equal(await liveSnapshot(store), liveBefore)
    })

    it('fails an Annex A load whose data changed after confirming, deleting what its check stored', async () => {
      const files: Record<string, Buffer> = {}
      for (const name of await readdir(SMALL))
        if (name.endsWith('.csv')) files[name] = await readFile(join(SMALL, name))
      const zip = await zipOf(files)
      const { upload } = await submit('annex-a', 'late.zip', zip, { end: '2018-04', months: 13 })
      assert.equal((await services.jobs.runNext())?.status, 'succeeded')
      assert.equal((await stagedFor(store, upload.id)).length, 1)
      const confirmed = await services.uploads.confirm(upload.id, OFFICER)
      assert.ok(confirmed.ok)
      const twice = await services.uploads.confirm(upload.id, SECOND_OFFICER)
      assert.ok(!twice.ok)
      assert.match(twice.problems[0] ?? '', /already confirmed/)
      // A newer import goes live between the confirmation and the load.
      await importFromCommandLine('icpc-count', '2018-03', 17)
      const before = await liveSnapshot(store)
      const job = await services.jobs.runNext()
      assert.equal(job?.status, 'failed')
      assert.match(job?.error ?? '', /The data has changed since this file was checked/)
      assert.equal(await liveSnapshot(store), before, 'nothing was loaded')
      assert.deepEqual(await notLive(store), [], 'what the check stored is deleted')
      assert.equal((await services.uploads.find(upload.id))?.status, 'failed')
    })

    it('leaves nothing behind when an Annex A check fails or its job is cut off', async () => {
      const files: Record<string, Buffer> = {}
      for (const name of await readdir(SMALL))
        if (name.endsWith('.csv')) files[name] = await readFile(join(SMALL, name))
      const zip = await zipOf(files)
      const { upload, checkJobId } = await submit('annex-a', 'cut.zip', zip, { end: '2018-04', months: 13 })
      assert.ok(checkJobId !== null)
      // As a server killed mid-check leaves it: the check's import storing (not staged), its job running.
      const importId = await store.db
        .insertInto('import_batch')
        .values({
          kind: 'annex-a',
          source_file: 'cut.zip',
          layout: 'zip of csv files',
          imported_by: OFFICER.actor,
          observation_count: 0,
          revision_count: 0,
          indicator_count: 0,
          loading_heartbeat: sql<string>`now() - interval '1 hour'`,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await sql`update job set status = 'running', started_at = now(), heartbeat_at = now() - interval '1 day'
        where id = ${checkJobId}`.execute(store.db)
      await services.jobs.failInterrupted(60_000)
      assert.deepEqual(await services.annexA.discardAbandonedLoads(60_000), [importId.id])
      const found = await services.uploads.find(upload.id)
      assert.equal(found?.status, 'failed')
      assert.deepEqual(await notLive(store), [])
    })

    it('refuses a zip whose names point outside the archive, keeping none of it', async () => {
      const before = await snapshot(store)
      const zip = await zipOf({ 'list-1.csv': 'Child Unique ID\nA1\n', '../../escape.csv': 'x' })
      const { upload } = await submit('annex-a', 'evil.zip', zip)
      assert.equal((await services.jobs.runNext())?.status, 'succeeded')
      const checked = await services.uploads.find(upload.id)
      assert.equal(checked?.status, 'refused')
      assert.match(checked?.preview?.problems[0]?.reason ?? '', /points outside the archive/)
      assert.equal(checked?.preview?.problems[0]?.file, 'evil.zip')
      assert.equal(await partCount(upload.id), 0)
      assert.equal(await snapshot(store), before)
    })

    it('previews and loads a bank-holidays feed, reassembling a file stored in several parts', async () => {
      const feed = JSON.stringify({
        'england-and-wales': {
          division: 'england-and-wales',
          events: [
            { title: 'Good Friday', date: '2018-03-30', notes: '', bunting: false },
            { title: 'A council holiday', date: '2031-06-02', notes: '', bunting: true },
          ],
        },
      })
      // Padded past two parts of 4 MB, so the check reads the file back from three.
      const padded = feed.slice(0, -1) + ' '.repeat(9 * 1024 * 1024) + '}'
      const { upload } = await submit('bank-holidays', 'bank-holidays.json', padded)
      assert.equal(await partCount(upload.id), 3)
      assert.equal(upload.status, 'previewed', JSON.stringify(upload.preview?.problems))
      assert.deepEqual(upload.preview?.holidays, {
        added: [{ date: '2031-06-02', title: 'A council holiday' }],
        known: 1,
      })
      assert.ok((await services.uploads.confirm(upload.id, OFFICER)).ok)
      assert.equal((await services.jobs.runNext())?.status, 'succeeded')
      const holidays = await sql<{ date: string }>`select date from bank_holiday where date = '2031-06-02'`.execute(
        store.db,
      )
      assert.equal(holidays.rows.length, 1)
    })

    it('marks an upload failed when its job failed without saying (the server stopped mid-way)', async () => {
      const { upload } = await submit('figures', 'cut-off.csv', longFile(720))
      const confirmed = await services.uploads.confirm(upload.id, OFFICER)
      assert.ok(confirmed.ok)
      // The runner fails the jobs a stopped server left running: here, the queued one is claimed and failed.
      await sql`update job set status = 'running', started_at = now(), heartbeat_at = now() - interval '1 day'
        where id = ${confirmed.value.jobId}`.execute(store.db)
      await services.jobs.failInterrupted(60_000)
      const found = await services.uploads.find(upload.id)
      assert.equal(found?.status, 'failed')
      assert.match(found?.failure ?? '', /Scrutineer stopped while this job was running/)
      assert.equal(found?.bytesRemoved, true)
    })
  })
}
