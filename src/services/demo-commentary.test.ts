import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import type { Pack, PackIndicator } from '../domain/pack.ts'
import { periodsEnding } from '../domain/period.ts'
import {
  COUNCIL_SENTENCES,
  DEMO_DIRECTOR,
  DEMO_OVERVIEW_FILE,
  demoCommentary,
  demoOverview,
  demoRecord,
  overviewSections,
} from './demo-commentary.ts'

const MONTHS = periodsEnding('2018-05', 13)
const NO_CHANGE = { percent: null, direction: 'n/a', judgement: 'n/a' } as const

/** A pack row whose last two figures are `before` and `now`, the eleven months before them all `earlier`. */
function row(id: string, earlier: number, before: number, now: number, england: number | null = null): PackIndicator {
  const values = [...Array<number>(11).fill(earlier), before, now]
  return {
    id,
    code: '',
    title: id,
    serviceArea: '',
    unit: 'count',
    polarity: 'neutral',
    values: MONTHS.map((period, i) => ({ period, value: values[i] ?? null, numerator: null, denominator: null })),
    changeFromPreviousMonth: NO_CHANGE,
    changeFromSameMonthLastYear: NO_CHANGE,
    average12Months: null,
    max12Months: null,
    benchmarks: { statisticalNeighbours: null, england, region: null },
    target: null,
    rag: null,
  }
}

/** May 2018 figures: referrals up, plans the highest in a year, visits at the standard, LAC rate below England's. */
function pack(overrides: PackIndicator[] = []): Pack {
  const rows = [
    row('contacts-cin-referrals', 270, 245, 300),
    row('uha-started', 30, 21, 21),
    row('cin-open', 1100, 1158, 1100),
    row('mash-24h', 70, 67, 72),
    row('s47-started', 100, 96, 104),
    row('cpp-count', 300, 325, 331),
    row('icpc-count', 30, 36, 30),
    row('icpc-in-time', 70, 58.3, 83.33),
    row('cp-visits-15wd', 88, 87, 91),
    row('sa-completed', 150, 128, 197),
    row('sa-in-45wd', 75, 64.84, 71.1),
    row('lac-count', 520, 521, 517),
    row('lac-rate', 104, 104, 58, 62),
    row('sgos', 5, 5, 5),
    row('lac-visits', 80, 81, 86),
    row('care-leavers-suitable', 88, 90.4, 86.1),
  ]
  const ids = new Set(overrides.map((r) => r.id))
  return {
    dataset: 'monthly',
    period: '2018-05',
    months: MONTHS,
    indicators: [...rows.filter((r) => !ids.has(r.id)), ...overrides],
  }
}

describe('the demo council’s words', () => {
  it('reuses only sentences the council wrote, word for word, in the sections of its overview', () => {
    const seed = readFileSync(DEMO_OVERVIEW_FILE, 'utf8')
    for (const sentence of Object.values(COUNCIL_SENTENCES)) assert.ok(seed.includes(sentence), sentence)
    assert.deepEqual(
      demoOverview(pack()).map((s) => s.title),
      overviewSections(seed, DEMO_DIRECTOR).map((s) => s.title),
    )
  })

  it('words the overview from the month’s figures: which way each went, and what it quotes', () => {
    const [demand, timescales, parenting] = demoOverview(pack()).map((s) => s.text)
    assert.match(demand ?? '', /^Referrals of new CIN cases have increased \(May 300 from Apr 245\)\./)
    assert.match(demand ?? '', /UHAs\) started were unchanged \(May 21\)/)
    assert.match(demand ?? '', /fell to 1100 at the end of May \(1158 in April\)/)
    assert.match(timescales ?? '', /The MASH decided 72% of referrals within 24hrs in May \(67% in April\)/)
    assert.match(
      timescales ?? '',
      /CP Plans in place is 331, the highest it has been in the last year \(325 in April\)/,
    )
    assert.match(timescales ?? '', /30 children, 83% of them within timescales/)
    // At the standard, the council's sentence about visits proving difficult does not fit.
    assert.match(timescales ?? '', /the current rate is 91%/)
    assert.doesNotMatch(timescales ?? '', /proving difficult/)
    assert.match(timescales ?? '', /this work has increased \(May 197 from Apr 128\)\. Of these assessments 71%/)
    assert.match(parenting ?? '', /^LAC numbers were 517 at the point of publishing May Data\./)
    // Below England's rate, and with SGOs not low: neither of the council's sentences about them.
    assert.doesNotMatch(parenting ?? '', /higher than the national average|SGO/)
    assert.match(parenting ?? '', /86% of looked after children.*86% of care leavers/)
  })

  it('says the visits are proving difficult, and the LAC rate too high, when the figures say so', () => {
    const text = demoOverview(
      pack([row('cp-visits-15wd', 88, 87, 82), row('lac-rate', 104, 104, 104, 62), row('sgos', 1, 1, 0)]),
    )
      .map((s) => s.text)
      .join('\n')
    assert.ok(text.includes(`${COUNCIL_SENTENCES.cpVisiting} ${COUNCIL_SENTENCES.newTeams}`))
    assert.match(text, /The current rate of 82% is down from 87% in April\./)
    assert.ok(text.includes(COUNCIL_SENTENCES.lacRate) && text.includes(COUNCIL_SENTENCES.sgoLow))
  })

  it('has each owner quote only their own indicator, this month and last', () => {
    const words = demoCommentary(pack())
    assert.equal(
      words['cpp-count'],
      `331 children had a Child Protection Plan at the end of May (325 in April). ${COUNCIL_SENTENCES.cpChairs}`,
    )
    assert.match(words['care-leavers-suitable'] ?? '', /^86% of care leavers .* in May \(90% in April\)\./)
  })

  it('takes each piece of writing through the workflow to where the demo month has it', () => {
    const approved = demoRecord('approved', 'Jane White', '2018-05')
    assert.equal(approved.status, 'approved')
    assert.equal(approved.approvedBy, DEMO_DIRECTOR)
    assert.equal(approved.approvedAt, '2018-06-14T16:00:00.000Z')
    const returned = demoRecord('returned', 'Jane White', '2018-06')
    assert.equal(returned.status, 'draft')
    assert.equal(returned.submittedBy, null)
    assert.equal(returned.returnedBy, DEMO_DIRECTOR)
    assert.equal(demoRecord('submitted', 'Jane White', '2018-06').status, 'submitted')
    assert.equal(demoRecord('draft', 'Jane White', '2018-06').createdAt, '2018-07-08T09:00:00.000Z')
  })
})
