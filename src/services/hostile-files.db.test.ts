/**
 * Hostile files (issue 11, docs/security.md "Hostile files"), on both databases: a workbook with merged cells, a
 * Windows-1252 CSV, NUL bytes and random junk sent to every importer (through the upload's check and through the
 * command line's service call), and a PDF that only starts like one. Each is answered in words and changes
 * nothing; the Windows-1252 file loads exactly as written, with a note.
 */
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { IMPORT_TABLES, storeTargets, tablesSnapshot } from '../../test/databases.ts'
import { junkBytes, windows1252 } from '../../test/hostile-bytes.ts'
import { onePagePdf } from '../../test/pdf.ts'
import { zipOf } from '../../test/zip.ts'
import type { UploadKind } from '../domain/upload.ts'
import { pdfMessages } from '../importers/pdf-file.ts'
import { textFileMessages } from '../importers/text-file.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { DEMO_FIGURES_FILE } from './demo-service.ts'
import { services as buildServices, type Services } from './index.ts'

const MAX = 20 * 1024 * 1024
const OFFICER = { actor: 'user:7', correlationId: 'test' }
const POLYGLOT = new TextEncoder().encode('%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n')

/** Every table an import, an appendix or a pack writes: a refusal must leave each as it was. */
function snapshot(store: Store): Promise<string> {
  return tablesSnapshot(store, [...IMPORT_TABLES, 'bank_holiday', 'report_appendix', 'document_pack'])
}

for (const target of storeTargets()) {
  describe(`hostile files, on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let dir: string
    let council: string

    before(async () => {
      if (!target.openDemo) return
      store = await target.openDemo()
      services = buildServices(store, { maxImportBytes: MAX, maxAnnexABytes: MAX, councilName: 'Test council' })
      dir = await mkdtemp(join(tmpdir(), 'scrutineer-hostile-'))
      council = await readFile(DEMO_FIGURES_FILE, 'utf8')
    })
    after(async () => {
      await store?.close()
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    /** Uploads and checks a file as the Load data page does (an Annex A check runs as its job). */
    async function uploaded(kind: UploadKind, fileName: string, bytes: Uint8Array) {
      const datasetId = kind === 'figures' || kind === 'catalogue' ? 'monthly' : null
      const result = await services.uploads.submit(
        {
          kind,
          fileName,
          datasetId,
          options: datasetId === null ? {} : { datasetId, datasetTitle: 'Children and Families Monthly Dataset' },
        },
        Readable.from([bytes]),
        OFFICER,
      )
      assert.ok(result.ok, JSON.stringify(result))
      if (result.value.checkJobId !== null) assert.equal((await services.jobs.runNext())?.status, 'succeeded')
      const upload = await services.uploads.find(result.value.upload.id)
      assert.ok(upload)
      return upload
    }

    /** Writes a file for the command line's import (the same services the CLI calls). */
    async function file(name: string, bytes: Uint8Array): Promise<string> {
      const path = join(dir, name)
      await writeFile(path, bytes)
      return path
    }

    it('refuses a figures workbook with merged cells, naming the sheet and ranges, and changes nothing', async () => {
      const rows = Papa.parse<string[]>(council, { skipEmptyLines: true }).data
      const book = new ExcelJS.Workbook()
      const sheet = book.addWorksheet('April 2018')
      for (const row of rows) sheet.addRow(row.map((cell) => (cell === '' ? null : cell)))
      sheet.mergeCells('K2:M2')
      sheet.mergeCells('A3:C3')
      const bytes = Buffer.from(await book.xlsx.writeBuffer())
      const reason = /^Sheet 'April 2018' has merged cells K2:M2 and A3:C3; unmerge them/
      const before = await snapshot(store)

      const upload = await uploaded('figures', 'april.xlsx', bytes)
      assert.equal(upload.status, 'refused')
      assert.match(upload.preview?.problems[0]?.reason ?? '', reason)
      const catalogue = await uploaded('catalogue', 'april.xlsx', bytes)
      assert.match(catalogue.preview?.problems[0]?.reason ?? '', reason)
      const cli = await services.figures.importFile(await file('april.xlsx', bytes), {
        mode: 'values',
        actor: 'cli:test',
        maxBytes: MAX,
      })
      assert.ok(!cli.ok)
      assert.match(cli.problems[0]?.reason ?? '', reason)
      assert.equal(await snapshot(store), before)
    })

    it('loads a Windows-1252 CSV with £ é “ ” exactly as written, noting how it was read', async () => {
      const title = 'Referrals costing £ to the café’s “front door”'
      const text = council.replace('Number of new referrals of Children In Need (CiN)', title)
      const upload = await uploaded('catalogue', 'catalogue.csv', windows1252(text))
      assert.equal(upload.status, 'previewed', JSON.stringify(upload.preview?.problems))
      assert.ok(upload.preview?.facts.includes(textFileMessages.windows1252('catalogue.csv')))
      const change = upload.preview?.indicators?.updated
        .find((i) => i.id === 'contacts-cin-referrals')
        ?.changes.find((c) => c.field === 'Title')
      assert.equal(change?.after, title)
      assert.ok((await services.uploads.confirm(upload.id, OFFICER)).ok)
      assert.equal((await services.jobs.runNext())?.status, 'succeeded')
      const stored = await store.db
        .selectFrom('indicator')
        .select('title')
        .where('id', '=', 'contacts-cin-referrals')
        .executeTakeFirst()
      assert.equal(stored?.title, title)
    })

    it('answers NUL bytes and junk in every importer in words, changing nothing', async () => {
      const before = await snapshot(store)
      const withNul = council.replace('Front door', 'Front\u0000door')
      const nulLine = council.slice(0, council.indexOf('Front door')).split('\n').length
      const listWithNul = 'Child Unique ID,Date of Contact\nA1,2018-04-30\nA2\u0000,2018-04-30\n'
      const feedWithNul = '{"england-and-wales":{"division":"england-and-wales","events":[\u0000]}}'
      const random = junkBytes()
      const randomZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), random])
      const cases: Array<[UploadKind, string, Uint8Array, RegExp]> = [
        ['figures', 'april.csv', Buffer.from(withNul), /^This line holds a NUL byte/],
        ['figures', 'random.csv', random, /NUL byte|control character/],
        ['figures', 'random.xlsx', random, /^The file is not a readable Excel workbook/],
        ['catalogue', 'catalogue.csv', Buffer.from(withNul), /^This line holds a NUL byte/],
        ['catalogue', 'random.xlsx', randomZip, /^The file is not a readable Excel workbook/],
        ['annex-a', 'return.zip', await zipOf({ 'list-1.csv': listWithNul }), /^list-1\.csv: This line holds a NUL/],
        ['annex-a', 'random.zip', randomZip, /zip/],
        ['annex-a', 'random.xlsx', randomZip, /could not be opened|zip/],
        ['bank-holidays', 'bank-holidays.json', Buffer.from(feedWithNul), /^This line holds a NUL byte/],
        ['bank-holidays', 'random.json', random, /NUL byte|control character/],
      ]
      for (const [kind, name, bytes, reason] of cases) {
        const upload = await uploaded(kind, name, bytes)
        assert.equal(upload.status, 'refused', `${kind} ${name}`)
        const problem = upload.preview?.problems[0]
        assert.match(problem?.reason ?? '', reason, `${kind} ${name}: ${JSON.stringify(problem)}`)
        assert.doesNotMatch(problem?.reason ?? '', /\bat \w+ \(|TypeError|invalid byte sequence/, 'no stack trace')
        assert.match(problem?.file ?? '', new RegExp(`^${name.replace('.', '\\.')}`))
      }
      const figures = (await uploaded('figures', 'april.csv', Buffer.from(withNul))).preview?.problems[0]
      assert.equal(figures?.row, nulLine)

      // The command line's imports call the same services on a path.
      const cliFigures = await services.figures.importFile(await file('april.csv', Buffer.from(withNul)), {
        mode: 'values',
        actor: 'cli:test',
        maxBytes: MAX,
      })
      assert.deepEqual(cliFigures.ok ? null : cliFigures.problems[0], {
        file: 'april.csv',
        row: nulLine,
        column: null,
        value: null,
        reason: textFileMessages.control(0),
      })
      const folder = join(dir, 'return')
      await rm(folder, { recursive: true, force: true })
      await (await import('node:fs/promises')).mkdir(folder)
      await writeFile(join(folder, 'list-1.csv'), listWithNul)
      const cliAnnexA = await services.annexA.importFile(folder, { actor: 'cli:test' })
      assert.ok(!cliAnnexA.ok)
      assert.equal(cliAnnexA.problems[0]?.row, 3)
      assert.match(cliAnnexA.problems[0]?.reason ?? '', /^list-1\.csv: This line holds a NUL byte/)
      const cliHolidays = await services.calendar.importHolidays(
        await file('holidays.json', Buffer.from(feedWithNul)),
        'cli:test',
      )
      assert.ok(!cliHolidays.ok)
      assert.match(cliHolidays.problems[0]?.reason ?? '', /^This line holds a NUL byte/)
      assert.equal(await snapshot(store), before)
    })

    it('refuses a polyglot PDF appendix at upload, public or Members’ Room, storing nothing', async () => {
      const report = (await services.reports.itemReport(2, 9))?.report
      assert.ok(report)
      const before = await snapshot(store)
      for (const membersRoomOnly of [false, true]) {
        const result = await services.reports.uploadAppendix(
          report.id,
          { fileName: 'briefing.pdf', bytes: POLYGLOT, title: 'Briefing', membersRoomOnly },
          { actor: 'test' },
        )
        assert.deepEqual(result, {
          ok: false,
          problems: [{ field: 'file', message: pdfMessages.unreadable('"briefing.pdf"') }],
        })
      }
      assert.equal(await snapshot(store), before)
      const real = await services.reports.uploadAppendix(
        report.id,
        { fileName: 'briefing.pdf', bytes: await onePagePdf('Briefing'), title: 'Briefing', membersRoomOnly: false },
        { actor: 'test' },
      )
      assert.ok(real.ok)
      await services.reports.removeAppendix(real.value, { actor: 'test' })
    })

    it('fails to publish a pack whose stored appendix cannot be read, in words, publishing nothing', async () => {
      const report = (await services.reports.itemReport(2, 9))?.report
      assert.ok(report)
      // Stored as it could be before uploads were parsed: straight into the store, past the check.
      const appendixId = await dataAccess(store).reports.addAppendix(report.id, {
        kind: 'upload',
        title: 'Old briefing',
        membersRoomOnly: false,
        fileName: 'old.pdf',
        mediaType: 'application/pdf',
        sha256: '0'.repeat(64),
        content: POLYGLOT,
      })
      const before = await snapshot(store)
      const published = await services.documentPacks.publish(
        2,
        { note: null },
        { actor: 'test', now: new Date().toISOString() },
      )
      assert.ok(!published.ok)
      assert.match(
        published.problems.map((p) => p.message).join(' '),
        /^The uploaded paper ".*Old briefing" is not a PDF that can be read/,
      )
      assert.equal(await snapshot(store), before)
      await services.reports.removeAppendix(appendixId, { actor: 'test' })
    })
  })
}
