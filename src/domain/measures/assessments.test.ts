import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { annexA, assessment, CALENDAR, figure, ids, rowsBehind } from './testing.ts'

// Authorised Fri 2018-04-27. Working days in April up to the 27th: 3–6 (Mon 2 is Easter Monday), 9–13, 16–20,
// 23–27 = 19. Counting back: Thu 29 Mar → 19 (Fri 30 Mar is Good Friday); 21 Mar → 25; 20 Mar → 26; 7 Mar → 35;
// 6 Mar → 36; 21 Feb → 45; 20 Feb → 46. 13 Apr → 10; 12 Apr → 11.
const AUTHORISED = '2018-04-27'
const STARTS: Record<number, string> = {
  0: '2018-04-27',
  10: '2018-04-13',
  11: '2018-04-12',
  25: '2018-03-21',
  26: '2018-03-20',
  35: '2018-03-07',
  36: '2018-03-06',
  45: '2018-02-21',
  46: '2018-02-20',
}
const boundaries = annexA({
  assessments: Object.entries(STARTS).map(([days, start]) => assessment(`wd${days}`, start, AUTHORISED)),
})

describe('the hand-worked durations', () => {
  it('agree with the working-day calendar', () => {
    for (const [days, start] of Object.entries(STARTS))
      assert.equal(CALENDAR.wd(start, AUTHORISED), Number(days), start)
  })
})

describe('assessments-completed', () => {
  it('counts by the month of authorisation', () => {
    assert.deepEqual(figure(boundaries, 'assessments-completed'), { count: 9, denominator: null, value: 9 })
    assert.equal(figure(boundaries, 'assessments-completed', '2018-03').count, 0)
  })
})

describe('assessments-in-45wd', () => {
  it('counts 45 working days as in time and 46 as not', () => {
    const behind = rowsBehind(boundaries, 'assessments-in-45wd')
    assert.deepEqual(figure(boundaries, 'assessments-in-45wd'), { count: 8, denominator: 9, value: (8 / 9) * 100 })
    assert.ok(ids(behind.numerator).includes('wd45'))
    assert.ok(!ids(behind.numerator).includes('wd46'))
    assert.equal(behind.denominator.find((r) => r.childId === 'wd46')?.workingDays, 46)
  })

  it('shows the Easter example with its working days', () => {
    const data = annexA({ assessments: [assessment('A', '2018-03-29', '2018-04-24', { row: 3 })] })
    assert.deepEqual(rowsBehind(data, 'assessments-in-45wd').numerator, [
      {
        list: 4,
        childId: 'A',
        row: 3,
        dates: { startDate: '2018-03-29', authorisationDate: '2018-04-24' },
        workingDays: 16,
      },
    ])
  })
})

describe('assessment duration bands', () => {
  const band = (id: string): string[] => ids(rowsBehind(boundaries, id).numerator).sort()

  it('puts each boundary in the right band', () => {
    assert.deepEqual(band('assessment-duration-0-10'), ['wd0', 'wd10'])
    assert.deepEqual(band('assessment-duration-11-25'), ['wd11', 'wd25'])
    assert.deepEqual(band('assessment-duration-26-35'), ['wd26', 'wd35'])
    assert.deepEqual(band('assessment-duration-36-45'), ['wd36', 'wd45'])
    assert.deepEqual(band('assessment-duration-over-45'), ['wd46'])
  })

  it('has bands that add up to the completed assessments they are a percentage of', () => {
    const ids = ['0-10', '11-25', '26-35', '36-45', 'over-45'].map((b) => `assessment-duration-${b}`)
    const counts = ids.map((id) => figure(boundaries, id))
    assert.equal(
      counts.reduce((sum, c) => sum + c.count, 0),
      9,
    )
    for (const c of counts) assert.equal(c.denominator, 9)
  })
})

describe('assessments-no-further-support', () => {
  it('counts the answer No over completed assessments; blank is not No', () => {
    const data = annexA({
      assessments: [
        assessment('A', '2018-04-02', '2018-04-20', { requiresSupport: false }),
        assessment('B', '2018-04-02', '2018-04-20', { requiresSupport: true }),
        assessment('C', '2018-04-02', '2018-04-20'),
        assessment('D', '2018-04-02', '2018-04-20', { invalid: ['requiresSupport'] }),
      ],
    })
    assert.deepEqual(figure(data, 'assessments-no-further-support'), { count: 1, denominator: 3, value: (1 / 3) * 100 })
  })
})

describe('edge cases', () => {
  it('leaves an authorisation before the start out of the working-day measures only', () => {
    const data = annexA({
      assessments: [
        assessment('late', '2018-04-20', '2018-04-10', { requiresSupport: false }),
        assessment('ok', '2018-04-02', '2018-04-10'),
      ],
    })
    assert.deepEqual(figure(data, 'assessments-in-45wd'), { count: 1, denominator: 1, value: 100 })
    assert.equal(figure(data, 'assessment-duration-0-10').denominator, 1)
    assert.equal(figure(data, 'assessments-completed').count, 2)
    assert.deepEqual(figure(data, 'assessments-no-further-support'), { count: 1, denominator: 2, value: 50 })
    const excluded = rowsBehind(data, 'assessments-in-45wd').excluded
    assert.deepEqual(ids(excluded), ['late'])
    assert.equal(excluded[0]?.reason, 'The assessment authorisation date is before its start date.')
  })

  it('leaves an unreadable or blank start out of the working-day measures only', () => {
    const data = annexA({
      assessments: [
        assessment('bad', null, '2018-04-10', { invalid: ['startDate'] }),
        assessment('blank', null, '2018-04-10'),
      ],
    })
    assert.deepEqual(figure(data, 'assessments-in-45wd'), { count: 0, denominator: 0, value: null })
    assert.equal(figure(data, 'assessments-completed').count, 2)
    assert.deepEqual(
      rowsBehind(data, 'assessment-duration-over-45').excluded.map((r) => r.reason),
      ['The assessment start date could not be read.', 'The assessment start date is blank.'],
    )
  })

  it('leaves an unreadable authorisation date out of every assessment measure', () => {
    const data = annexA({ assessments: [assessment('A', '2018-04-02', null, { invalid: ['authorisationDate'] })] })
    for (const id of ['assessments-completed', 'assessments-in-45wd', 'assessments-no-further-support']) {
      assert.equal(figure(data, id).count, 0)
      assert.match(rowsBehind(data, id).excluded[0]?.reason ?? '', /month this row belongs to is unknown/)
    }
  })

  it('gives null, not 0, for a month with no completed assessments', () => {
    assert.deepEqual(figure(annexA(), 'assessments-in-45wd'), { count: 0, denominator: 0, value: null })
  })
})
