/**
 * Drills for what the audit log records of reading (docs/security.md, "Audit and backups"): views of an Annex A
 * import's data-quality report (it quotes children's dates of birth), downloads of Members' Room appendices and
 * every refused request (403), each with who and what; and pages of child-level data are never cached.
 */
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { onePagePdf } from '../../test/pdf.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'
import { dataAccess } from '../store/data-access.ts'
import type { RecordedAuditEvent } from '../store/audit-repository.ts'
import type { Store } from '../store/connect.ts'

const SMALL = fileURLToPath(new URL('../services/testdata/annex-a-small', import.meta.url))

describe('the audit log records reading, and child-level pages are never cached', () => {
  let app: FastifyInstance
  let services: Services
  let store: Store
  let close: () => Promise<void>
  let importId = 0
  let appendixId = 0
  let officer: Record<string, string> = {}
  let member: Record<string, string> = {}
  let officerId = 0
  let memberId = 0

  /** The newest events with this action, newest first. */
  const events = (action: string) =>
    dataAccess(store)
      .audit.search({ action, offset: 0, limit: 10 })
      .then((found) => found.events)
  const idOf = async (email: string) => (await services.users.findByEmail(email))?.id ?? 0

  before(async () => {
    ;({ app, services, store, close } = await demoApp())
    const imported = await services.annexA.importFile(SMALL, { actor: 'test' })
    assert.ok(imported.ok)
    importId = imported.value.importId
    const signedInOfficer = await signedInAs(app, services, 'performance-officer')
    const signedInMember = await signedInAs(app, services, 'panel-member')
    officer = signedInOfficer.cookies
    member = signedInMember.cookies
    officerId = await idOf(signedInOfficer.email)
    memberId = await idOf(signedInMember.email)
    const report = (await services.reports.itemReport(2, 9))?.report
    assert.ok(report, 'the demo report on item 9 of 7 June 2018')
    const upload = await services.reports.uploadAppendix(
      report.id,
      { fileName: 'letter.pdf', bytes: await onePagePdf('Exempt letter'), title: 'Letter', membersRoomOnly: true },
      { actor: 'test' },
    )
    assert.ok(upload.ok)
    const appendices = (await services.reports.itemReport(2, 9))?.appendices ?? []
    appendixId = appendices.find((a) => a.membersRoomOnly)?.id ?? 0
    assert.ok(appendixId > 0)
  })
  after(async () => {
    await close()
  })

  it("records each view of an import's data-quality report, who saw it, and sends it with no-store", async () => {
    const before = (await events('import.view')).length
    const response = await app.inject({ url: `/imports/${importId}`, cookies: officer })
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /31\/02\/2018/, 'the report quotes what a record held')
    assert.equal(response.headers['cache-control'], 'no-store')
    const [latest, ...older] = await events('import.view')
    assert.equal(older.length, before)
    assert.equal(latest?.actor, `user:${officerId}`)
    assert.equal(latest?.subjectType, 'import')
    assert.equal(latest?.subjectId, String(importId))
    assert.match(latest?.correlationId ?? '', /\S/, "the request's correlation id")
    assert.deepEqual(latest?.details, { sourceFile: (await services.annexA.listImports())[0]?.sourceFile })
  })

  it('sends every page of child-level data with no-store, even the refusal and the sign-in redirect', async () => {
    for (const url of [
      '/imports',
      `/imports/${importId}`,
      '/indicators/icpc-count/children?month=2018-04',
      '/indicators/icpc-count/children.csv?month=2018-04',
    ]) {
      for (const cookies of [officer, member, {}]) {
        const response = await app.inject({ url, cookies })
        assert.equal(response.headers['cache-control'], 'no-store', `${url} answering ${response.statusCode}`)
      }
    }
  })

  it("records each download of a Members' Room appendix, and not of a public one", async () => {
    const before = (await events('report-appendix.members-room.download')).length
    const response = await app.inject({ url: `/reports/appendices/${appendixId}`, cookies: member })
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['content-type'], 'application/pdf')
    const [latest, ...older] = await events('report-appendix.members-room.download')
    assert.equal(older.length, before)
    assert.equal(latest?.actor, `user:${memberId}`)
    assert.equal(latest?.subjectId, String(appendixId))
    assert.equal((latest?.details as { fileName?: string }).fileName, 'letter.pdf')
  })

  it('records every refused request: who, what they asked for and from where', async () => {
    const refusals = async () => (await events('request.refused')).length
    const count = await refusals()
    const byRole = await app.inject({ url: `/imports/${importId}`, cookies: member })
    assert.equal(byRole.statusCode, 403)
    const [refused] = await events('request.refused')
    assert.equal(await refusals(), count + 1)
    assert.ok(refused)
    const expected: Partial<RecordedAuditEvent> = {
      actor: `user:${memberId}`,
      subjectType: 'page',
      subjectId: `/imports/${importId}`,
    }
    assert.deepEqual({ actor: refused.actor, subjectType: refused.subjectType, subjectId: refused.subjectId }, expected)
    assert.deepEqual(refused.details, { method: 'GET', role: 'panel-member', address: '127.0.0.1' })
    // A refinement inside a handler (an officer opening a Members' Room appendix) and a form without its token.
    const appendix = await app.inject({ url: `/reports/appendices/${appendixId}`, cookies: officer })
    assert.equal(appendix.statusCode, 403)
    const form = await app.inject({ method: 'POST', url: '/sign-out', cookies: officer, payload: {} })
    assert.equal(form.statusCode, 403)
    const latest = await events('request.refused')
    assert.equal(await refusals(), count + 3)
    assert.deepEqual(
      latest.slice(0, 2).map((e) => [e.actor, e.subjectId, (e.details as { method: string }).method]),
      [
        [`user:${officerId}`, '/sign-out', 'POST'],
        [`user:${officerId}`, `/reports/appendices/${appendixId}`, 'GET'],
      ],
    )
  })

  it('keeps every one of these events in the hash chain', async () => {
    assert.deepEqual((await services.auditLog.verify()).breaks, [])
  })
})
