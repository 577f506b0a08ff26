import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AuditEvent } from '../store/audit-repository.ts'
import { recordChange } from './change-record.ts'

/** An audit repository that keeps what it is given. */
function capturingAudit() {
  const events: AuditEvent[] = []
  return {
    events,
    record(event: AuditEvent): Promise<void> {
      events.push(event)
      return Promise.resolve()
    },
  }
}

describe('recordChange', () => {
  it('records the actor, action, subject, correlation id and details as one event', async () => {
    const audit = capturingAudit()
    await recordChange(
      audit,
      { actor: 'user:7', correlationId: 'req-42' },
      'meeting.update',
      { type: 'meeting', id: 'm-3' },
      { before: { venue: 'Room 1' }, after: { venue: 'Room 2' } },
    )
    assert.deepEqual(audit.events, [
      {
        actor: 'user:7',
        action: 'meeting.update',
        subjectType: 'meeting',
        subjectId: 'm-3',
        correlationId: 'req-42',
        details: { before: { venue: 'Room 1' }, after: { venue: 'Room 2' } },
      },
    ])
  })

  it('passes the details object on unchanged, keeping its key order', async () => {
    const audit = capturingAudit()
    const details = { email: 'jo@council.gov.uk', before: null, after: { role: 'officer' } }
    await recordChange(audit, { actor: 'user:1' }, 'user.role-changed', { type: 'user', id: 5 }, details)
    assert.equal(audit.events[0]?.details, details)
    assert.deepEqual(Object.keys(audit.events[0]?.details ?? {}), ['email', 'before', 'after'])
  })
})

describe('edge cases', () => {
  it('records a null correlation id when the context has none', async () => {
    const audit = capturingAudit()
    await recordChange(audit, { actor: 'cli' }, 'holidays.import', { type: 'calendar', id: 'england-and-wales' }, {})
    assert.equal(audit.events[0]?.correlationId, null)
  })

  it('keeps an explicit null correlation id as null', async () => {
    const audit = capturingAudit()
    await recordChange(audit, { actor: 'cli', correlationId: null }, 'x', { type: 't', id: 1 }, {})
    assert.equal(audit.events[0]?.correlationId, null)
  })

  it('keeps an empty-string correlation id rather than turning it into null', async () => {
    const audit = capturingAudit()
    await recordChange(audit, { actor: 'cli', correlationId: '' }, 'x', { type: 't', id: 1 }, {})
    assert.equal(audit.events[0]?.correlationId, '')
  })

  it('stores a numeric subject id as text', async () => {
    const audit = capturingAudit()
    await recordChange(audit, { actor: 'user:2' }, 'report.create', { type: 'report', id: 12 }, {})
    assert.equal(audit.events[0]?.subjectId, '12')
    assert.equal(typeof audit.events[0]?.subjectId, 'string')
  })

  it('stores the id 0 as "0", not as empty', async () => {
    const audit = capturingAudit()
    await recordChange(audit, { actor: 'user:2' }, 'x', { type: 't', id: 0 }, {})
    assert.equal(audit.events[0]?.subjectId, '0')
  })

  it('ignores any other fields a context carries', async () => {
    const audit = capturingAudit()
    const context = { actor: 'user:3', actorUserId: 3, correlationId: 'c', format: 'csv' }
    await recordChange(audit, context, 'view-children', { type: 'indicator', id: 'NI 62' }, { month: '2026-09' })
    assert.deepEqual(Object.keys(audit.events[0] ?? {}).sort(), [
      'action',
      'actor',
      'correlationId',
      'details',
      'subjectId',
      'subjectType',
    ])
    assert.equal(audit.events[0]?.actor, 'user:3')
  })

  it('returns the repository failure to the caller, so the transaction rolls back', async () => {
    const failing = { record: () => Promise.reject(new Error('database gone')) }
    await assert.rejects(recordChange(failing, { actor: 'a' }, 'x', { type: 't', id: 1 }, {}), /database gone/)
  })
})
