import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { emptyRecord } from '../../domain/commentary-workflow.ts'
import { historyRows, lastStep, paragraphs, statusTag } from './commentary-pages.ts'

describe('commentary page models', () => {
  it('tags each status', () => {
    assert.deepEqual(statusTag(null), { text: 'Not started', classes: 'govuk-tag--grey' })
    assert.deepEqual(statusTag('submitted'), { text: 'Submitted', classes: 'govuk-tag--blue' })
    assert.deepEqual(statusTag('published'), { text: 'Published', classes: 'govuk-tag--purple' })
  })

  it('names the latest step, in UK time', () => {
    const record = {
      ...emptyRecord('Jane White', '2018-05-01T08:00:00.000Z'),
      status: 'approved' as const,
      submittedBy: 'Jane White',
      submittedAt: '2018-05-02T08:00:00.000Z',
      approvedBy: 'Phil Bullingham',
      // 16:00 UTC is 17:00 in British Summer Time.
      approvedAt: '2018-05-14T16:00:00.000Z',
      updatedAt: '2018-05-14T16:00:00.000Z',
    }
    assert.equal(lastStep(record), 'Approved by Phil Bullingham, 14 May 2018 at 17:00')
  })

  it('splits text into paragraphs at blank lines', () => {
    assert.deepEqual(paragraphs('One.\nStill one.\n\n  Two.  \n\n\n'), ['One.\nStill one.', 'Two.'])
  })

  it('writes the history with the reason for a return', () => {
    const rows = historyRows([
      {
        id: 1,
        at: '2018-01-10T10:00:00.000Z',
        actor: 'user:3',
        action: 'commentary.return',
        subjectType: 'commentary',
        subjectId: 'monthly/2017-12/lac-count',
        correlationId: null,
        details: { by: 'Dee Director', reason: 'Add the trend' },
      },
    ])
    assert.deepEqual(rows, [
      { when: '10 January 2018 at 10:00', who: 'Dee Director', what: 'Returned to the author: “Add the trend”' },
    ])
  })

  describe('edge cases', () => {
    it('has no last step and no paragraphs when nothing is written', () => {
      assert.equal(lastStep(null), '')
      assert.deepEqual(paragraphs('  \n\n '), [])
    })

    it('falls back to the actor and the raw action when the details are not ours', () => {
      const [row] = historyRows([
        {
          id: 2,
          at: 'not a time',
          actor: 'cli:someone',
          action: 'commentary.something-new',
          subjectType: 'commentary',
          subjectId: 'x',
          correlationId: null,
          details: {},
        },
      ])
      assert.deepEqual(row, { when: 'not a time', who: 'cli:someone', what: 'something-new' })
    })
  })
})
