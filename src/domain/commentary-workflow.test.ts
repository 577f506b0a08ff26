import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  canTake,
  emptyRecord,
  MAX_COMMENTARY_CHARACTERS,
  reasonProblems,
  STATUSES,
  STEPS,
  stepRefusal,
  takeStep,
  textProblems,
  type WorkflowRecord,
  type WorkflowStatus,
  type WorkflowStep,
} from './commentary-workflow.ts'

// The whole table, written out: [from, step] → to, or null when refused.
const EXPECTED: Array<[WorkflowStatus | null, WorkflowStep, WorkflowStatus | null]> = [
  [null, 'save', 'draft'],
  [null, 'submit', null],
  [null, 'approve', null],
  [null, 'return', null],
  [null, 'publish', null],
  ['draft', 'save', 'draft'],
  ['draft', 'submit', 'submitted'],
  ['draft', 'approve', null],
  ['draft', 'return', null],
  ['draft', 'publish', null],
  ['submitted', 'save', null],
  ['submitted', 'submit', null],
  ['submitted', 'approve', 'approved'],
  ['submitted', 'return', 'draft'],
  ['submitted', 'publish', null],
  ['approved', 'save', null],
  ['approved', 'submit', null],
  ['approved', 'approve', null],
  ['approved', 'return', 'draft'],
  ['approved', 'publish', 'published'],
  ['published', 'save', null],
  ['published', 'submit', null],
  ['published', 'approve', null],
  ['published', 'return', null],
  ['published', 'publish', null],
]

const AT = '2018-05-10T09:00:00.000Z'
const record = (status: WorkflowStatus): WorkflowRecord => ({
  ...emptyRecord('Jane White', '2018-05-01T08:00:00.000Z'),
  status,
})

describe('the commentary workflow', () => {
  it('covers every status and step in the expected table', () => {
    assert.equal(EXPECTED.length, (STATUSES.length + 1) * STEPS.length)
  })

  for (const [from, step, to] of EXPECTED) {
    it(`${step} from ${from ?? 'nothing'} → ${to ?? 'refused'}`, () => {
      assert.equal(canTake(from, step), to !== null)
      const result = takeStep(from === null ? null : record(from), step, 'Director', AT, 'Please add the March figure')
      if (to === null) {
        assert.equal(result.ok, false)
        if (!result.ok) assert.equal(result.problems[0]?.kind, 'not-allowed-now')
      } else {
        assert.ok(result.ok)
        assert.equal(result.value.status, to)
        assert.equal(result.value.updatedAt, AT)
      }
    })
  }

  it('records who and when at each step', () => {
    const saved = takeStep(null, 'save', 'Jane White', '2018-05-01T08:00:00.000Z')
    assert.ok(saved.ok)
    assert.equal(saved.value.author, 'Jane White')
    const submitted = takeStep(saved.value, 'submit', 'Jane White', '2018-05-02T08:00:00.000Z')
    assert.ok(submitted.ok)
    assert.equal(submitted.value.submittedBy, 'Jane White')
    assert.equal(submitted.value.submittedAt, '2018-05-02T08:00:00.000Z')
    const approved = takeStep(submitted.value, 'approve', 'Phil Bullingham', '2018-05-03T08:00:00.000Z')
    assert.ok(approved.ok)
    assert.deepEqual(
      [approved.value.approvedBy, approved.value.approvedAt],
      ['Phil Bullingham', '2018-05-03T08:00:00.000Z'],
    )
    const published = takeStep(approved.value, 'publish', 'Phil Bullingham', '2018-05-04T08:00:00.000Z')
    assert.ok(published.ok)
    assert.equal(published.value.publishedAt, '2018-05-04T08:00:00.000Z')
    assert.equal(published.value.createdAt, '2018-05-01T08:00:00.000Z')
  })

  it('a return needs a reason, clears the submission and approval, and keeps who returned it and why', () => {
    const approved = {
      ...record('approved'),
      submittedBy: 'Jane White',
      submittedAt: AT,
      approvedBy: 'D',
      approvedAt: AT,
    }
    const refused = takeStep(approved, 'return', 'D', AT, '   ')
    assert.equal(refused.ok, false)
    if (!refused.ok) assert.equal(refused.problems[0]?.field, 'reason')
    const returned = takeStep(approved, 'return', 'D', AT, '  Say why referrals fell. ')
    assert.ok(returned.ok)
    assert.equal(returned.value.status, 'draft')
    assert.equal(returned.value.returnReason, 'Say why referrals fell.')
    assert.equal(returned.value.returnedBy, 'D')
    assert.equal(returned.value.approvedBy, null)
    assert.equal(returned.value.submittedAt, null)
  })

  it('explains why approved writing cannot be edited', () => {
    assert.match(
      stepRefusal('approved', 'save')?.message ?? '',
      /cannot be edited: it is approved\. To correct it, the director returns it/,
    )
    assert.equal(stepRefusal('draft', 'save'), null)
  })

  describe('edge cases', () => {
    it('allows exactly 4,000 characters and refuses 4,001', () => {
      assert.deepEqual(textProblems('x'.repeat(MAX_COMMENTARY_CHARACTERS), MAX_COMMENTARY_CHARACTERS), [])
      const problems = textProblems('x'.repeat(MAX_COMMENTARY_CHARACTERS + 1), MAX_COMMENTARY_CHARACTERS)
      assert.equal(problems[0]?.message, 'The commentary must be 4,000 characters or fewer (it is 4,001)')
    })

    it('refuses a reason over 1,000 characters and an empty one', () => {
      assert.equal(reasonProblems('r'.repeat(1001)).length, 1)
      assert.equal(reasonProblems('').length, 1)
      assert.deepEqual(reasonProblems('r'.repeat(1000)), [])
    })

    it('says nothing has been written when a step other than save starts from nothing', () => {
      assert.match(stepRefusal(null, 'submit')?.message ?? '', /Nothing has been written yet/)
    })
  })
})
