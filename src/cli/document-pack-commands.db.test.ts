/**
 * `scrutineer document-pack --members`: the Members' Room edition of a meeting's pack as a draft, with its exempt
 * papers, written to a file and audited, and nothing published. Runs the real command over an embedded database
 * holding the demo council and one Members' Room paper, printing with Debian's Chromium.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { demoStore } from '../../test/app.ts'
import { scrutineerInProcess } from '../../test/cli.ts'
import { onePagePdf, pdfText } from '../../test/pdf.ts'
import { services as buildServices } from '../services/index.ts'
import { openStore } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'

const BIN = fileURLToPath(new URL('../../bin/scrutineer.js', import.meta.url))
const TITLE = 'Ofsted monitoring letter exempt paragraph 3'
const BODY = 'CONFIDENTIAL LETTER BODY'

/** The command in this process (test/cli.ts); the help comes from the real binary. */
function scrutineer(...args: string[]) {
  return scrutineerInProcess(args, { USER: 'tester' })
}

function scrutineerWith(env: Record<string, string>, ...args: string[]) {
  return scrutineerInProcess(args, { USER: 'tester', ...env })
}

function binary(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test', USER: 'tester' },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Reads the database once the command has finished with it (the embedded database serves one process at a time). */
async function inDatabase<T>(db: string, work: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>) {
  const store = await openStore({ kind: 'pglite', dataDir: db })
  try {
    return await work(store)
  } finally {
    await store.close()
  }
}

describe("scrutineer document-pack --members: the Members' Room edition as a draft", () => {
  let dir: string
  let db: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scrutineer-members-cli-'))
    db = join(dir, 'data')
    const store = await demoStore(db)
    try {
      const services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Test council' })
      const report = (await services.reports.itemReport(2, 9))?.report
      assert.ok(report, 'the demo report on item 9 of 7 June 2018')
      const upload = await services.reports.uploadAppendix(
        report.id,
        { fileName: 'letter.pdf', bytes: await onePagePdf(BODY), title: TITLE, membersRoomOnly: true },
        { actor: 'test' },
      )
      assert.ok(upload.ok)
    } finally {
      await store.close()
    }
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('writes the edition with the exempt paper and its warning, publishes nothing, and records who built it', async () => {
    const out = join(dir, 'members.pdf')
    const result = await scrutineer('document-pack', '--meeting', '2', '--out', out, '--members', '--db', db)
    assert.equal(result.code, 0, result.stderr)
    assert.match(
      result.stderr,
      /Wrote .*members\.pdf \(the Members' Room edition, confidential, \d+ pages, not published\)/,
    )
    const text = pdfText(out)
    assert.match(text, new RegExp(`Members' Room document 1: ${TITLE}`))
    assert.match(text, new RegExp(BODY))
    assert.match(text, /Members' Room edition: contains exempt or confidential papers\. Not for publication\./)
    assert.match(text, /Draft, not published: built \d+ \w+ \d{4} at \d+\.\d\d [ap]m/)

    const { packs, events } = await inDatabase(db, async (store) => ({
      packs: await store.db.selectFrom('document_pack').select('id').execute(),
      events: await store.db
        .selectFrom('audit_event')
        .select(['actor', 'subject_type', 'subject_id', 'details'])
        .where('action', '=', 'document-pack.members-edition.draft')
        .execute(),
    }))
    assert.deepEqual(packs, [])
    assert.equal(events.length, 1)
    assert.deepEqual([events[0]?.actor, events[0]?.subject_type, events[0]?.subject_id], ['cli:tester', 'meeting', '2'])
    const details = (typeof events[0]?.details === 'string' ? JSON.parse(events[0].details) : events[0]?.details) as {
      version: number
    }
    assert.equal(details.version, 1)
  })

  it('without --members writes the public draft, which leaves the exempt paper out', async () => {
    const out = join(dir, 'public.pdf')
    const result = await scrutineer('document-pack', '--meeting', '2', '--out', out, '--db', db)
    assert.equal(result.code, 0, result.stderr)
    const text = pdfText(out)
    assert.doesNotMatch(text, new RegExp(BODY))
    assert.doesNotMatch(text, /Members' Room edition: contains/)
    // A first draft is stamped too, so it cannot pass for the published pack.
    assert.match(text, /Draft, not published/)
    assert.doesNotMatch(text, /Published \w+day/)
  })

  describe('edge cases', () => {
    it('refuses a meeting with no Members’ Room paper, writing no file', async () => {
      const out = join(dir, 'none.pdf')
      const result = await scrutineer('document-pack', '--meeting', '1', '--out', out, '--members', '--db', db)
      assert.equal(result.code, 1)
      assert.match(result.stderr, /Meeting 1 has no Members' Room papers, so it has no Members' Room edition/)
      assert.equal(existsSync(out), false)
    })

    it('refuses --members with --publish as a usage error', async () => {
      const out = join(dir, 'both.pdf')
      const result = await scrutineer(
        'document-pack',
        '--meeting',
        '2',
        '--out',
        out,
        '--members',
        '--publish',
        '--db',
        db,
      )
      assert.equal(result.code, 2)
      assert.match(result.stderr, /--members builds a draft of the Members' Room edition only/)
      assert.equal(existsSync(out), false)
    })

    it('says there is no such meeting', async () => {
      const result = await scrutineer(
        'document-pack',
        '--meeting',
        '999',
        '--out',
        join(dir, 'x.pdf'),
        '--members',
        '--db',
        db,
      )
      assert.equal(result.code, 1)
      assert.match(result.stderr, /There is no meeting 999\./)
    })

    it('says Chromium is missing and the command that installs it, writing and publishing nothing', async () => {
      for (const args of [['--members'], ['--publish'], []]) {
        const out = join(dir, 'no-printer.pdf')
        const result = await scrutineerWith(
          { CHROMIUM_PATH: '/nonexistent/chromium' },
          ...['document-pack', '--meeting', '2', '--out', out, '--db', db, ...args],
        )
        assert.equal(result.code, 1, args.join(' '))
        assert.match(
          result.stderr,
          /Chromium was not found at \/nonexistent\/chromium\. Install Debian's chromium package \(sudo apt-get install chromium\)/,
          args.join(' '),
        )
        assert.equal(existsSync(out), false)
      }
      const packs = await inDatabase(db, (store) => store.db.selectFrom('document_pack').select('id').execute())
      assert.deepEqual(packs, [])
    })

    it('lists --members in the help', () => {
      const help = binary('--help')
      assert.match(help.stdout + help.stderr, /--members builds its Members' Room edition/)
    })
  })
})

describe('scrutineer document-pack --publish with an appendix that cannot be read', () => {
  let dir: string
  let db: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scrutineer-broken-appendix-'))
    db = join(dir, 'data')
    const store = await demoStore(db)
    try {
      const services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Test council' })
      const report = (await services.reports.itemReport(2, 9))?.report
      assert.ok(report)
      // A file that only starts like a PDF, stored as it could be before uploads were parsed (past the check).
      await dataAccess(store).reports.addAppendix(report.id, {
        kind: 'upload',
        title: 'Old briefing',
        membersRoomOnly: false,
        fileName: 'old.pdf',
        mediaType: 'application/pdf',
        sha256: '0'.repeat(64),
        content: new TextEncoder().encode('%PDF-1.4\n<html><body>not a pdf</body></html>\n'),
      })
    } finally {
      await store.close()
    }
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('fails in words naming the paper, with no stack trace, publishing and writing nothing', async () => {
    const out = join(dir, 'pack.pdf')
    const result = await scrutineer('document-pack', '--meeting', '2', '--out', out, '--publish', '--db', db)
    assert.equal(result.code, 1, result.stderr)
    assert.match(result.stderr, /The uploaded paper ".*Old briefing" is not a PDF that can be read/)
    assert.doesNotMatch(result.stderr, /\n\s+at |TypeError|reading 'Pages'/)
    assert.equal(existsSync(out), false)
    const packs = await inDatabase(db, (store) => store.db.selectFrom('document_pack').select('id').execute())
    assert.deepEqual(packs, [])
  })
})
