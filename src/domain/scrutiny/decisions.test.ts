import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { filterDecisions, outcomeText, romanNumeral, type RegisteredDecision } from './decisions.ts'
import { printedResolutionLines } from './minutes.ts'

const decision = (over: Partial<RegisteredDecision>): RegisteredDecision => ({
  committeeId: 1,
  committee: 'Children and Families Scrutiny Panel',
  meetingId: 8,
  date: '2019-06-06',
  minutesStatus: 'draft',
  minuteNumber: 4,
  minuteTitle: 'Children and Families - Performance',
  number: 1,
  text: 'A detailed performance overview be produced',
  recommendation: null,
  ...over,
})

describe('the decisions register', () => {
  it('numbers decisions as the minutes print them', () => {
    assert.deepEqual([1, 2, 3, 4, 9, 14].map(romanNumeral), ['i', 'ii', 'iii', 'iv', 'ix', 'xiv'])
    assert.deepEqual(printedResolutionLines('that\r\n1) the plan be provided; and\n\n2) staffing\nbe reviewed.'), [
      'that',
      '(i) the plan be provided; and',
      '(ii) staffing',
      'be reviewed.',
    ])
    // Not numbered decisions (another lead-in, or none): printed as typed.
    assert.deepEqual(printedResolutionLines('that the Panel recommends to Cabinet:\n1) x'), [
      'that the Panel recommends to Cabinet:',
      '1) x',
    ])
    assert.deepEqual(printedResolutionLines('that the report be noted.'), ['that the report be noted.'])
  })

  it('filters by committee, municipal year, outcome and words; an empty part does not filter', () => {
    const decisions = [
      decision({}),
      decision({
        number: 2,
        text: 'The Panel be provided with information on the Young Inspectors Scheme',
        recommendation: { id: 3, status: 'accepted' },
      }),
      decision({ meetingId: 1, date: '2018-03-22', minuteNumber: 31, minuteTitle: 'Post 16 Education and Training' }),
    ]
    const all = { committee: '', year: '', outcome: '', words: '' }
    assert.equal(filterDecisions(decisions, all).length, 3)
    assert.equal(filterDecisions(decisions, { ...all, year: '2017-18' }).length, 1)
    assert.equal(filterDecisions(decisions, { ...all, committee: '2' }).length, 0)
    assert.deepEqual(
      filterDecisions(decisions, { ...all, outcome: 'recommendation' }).map((d) => d.number),
      [2],
    )
    assert.equal(filterDecisions(decisions, { ...all, outcome: 'no-recommendation' }).length, 2)
    assert.equal(filterDecisions(decisions, { ...all, words: 'young  INSPECTORS' }).length, 1)
    assert.equal(filterDecisions(decisions, { ...all, words: 'post 16' }).length, 1)
    assert.equal(outcomeText({ id: 3, status: 'accepted' }), 'Recommendation: Accepted')
    assert.equal(outcomeText(null), 'Decided: no recommendation')
  })
})
