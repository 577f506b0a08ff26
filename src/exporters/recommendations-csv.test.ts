import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Recommendation } from '../domain/scrutiny/recommendations.ts'
import { recommendationsToCsv } from './recommendations-csv.ts'

const base: Recommendation = {
  id: 7,
  committeeId: 1,
  meetingId: null,
  madeOn: '2015-06-25',
  title: 'Children and Families Performance',
  number: 2,
  text: 'That officers report, "in full", to the panel.',
  leadOfficer: 'Service Lead, MASH',
  responseDue: '2015-08-24',
  status: 'awaiting-response',
  respondedOn: null,
  updates: [],
}

describe('recommendationsToCsv', () => {
  it('writes one quoted line per recommendation, overdue as at the given day, with a BOM and CRLF', () => {
    const csv = recommendationsToCsv([base], '2015-09-01')
    const [heading, line, end] = csv.split('\r\n')
    assert.equal(
      heading,
      '\uFEFFid,made_on,title,number,recommendation,lead_officer,response_due,progress_status,overdue,action_taken',
    )
    assert.equal(
      line,
      '7,2015-06-25,Children and Families Performance,2,"That officers report, ""in full"", to the panel.",' +
        '"Service Lead, MASH",2015-08-24,Awaiting response,yes,',
    )
    assert.equal(end, '')
  })

  it('joins the updates, oldest first, each with its date', () => {
    const csv = recommendationsToCsv(
      [
        {
          ...base,
          status: 'accepted',
          updates: [
            { id: 1, dated: null, text: 'Earlier', status: null, recordedBy: 'x', recordedAt: '2015-01-01' },
            { id: 2, dated: '2015-07-01', text: 'Accepted', status: 'accepted', recordedBy: 'x', recordedAt: 'y' },
          ],
        },
      ],
      '2015-09-01',
    )
    assert.match(csv, /,Accepted,no,"undated: Earlier\n2015-07-01: Accepted"\r\n$/)
  })

  describe('edge cases', () => {
    it('neutralises text a spreadsheet would run as a formula', () => {
      for (const start of ['=', '+', '-', '@']) {
        const csv = recommendationsToCsv(
          [{ ...base, title: `${start}HYPERLINK("x")`, leadOfficer: null }],
          '2015-07-01',
        )
        assert.ok(csv.includes(`,"'${start}HYPERLINK(""x"")",`), start)
      }
    })

    it('writes only the heading when nothing is shown', () => {
      assert.equal(recommendationsToCsv([], '2015-07-01').split('\r\n').length, 2)
    })
  })
})
