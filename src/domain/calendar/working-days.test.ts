import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import feed from '../../../reference/bank-holidays-england-and-wales.json' with { type: 'json' }
import { parseBankHolidays } from './bank-holidays.ts'
import { addDays, dayNumber, fromDayNumber } from './days.ts'
import examples from './working-days.examples.json' with { type: 'json' }
import { createWorkingDayCalendar } from './working-days.ts'

const parsed = parseBankHolidays(feed)
if (!parsed.ok) throw new Error('The reference bank holidays feed does not parse')
const holidays = parsed.value
const calendar = createWorkingDayCalendar(holidays)

describe('wd', () => {
  for (const example of examples.wd) {
    it(`${example.from} → ${example.to} is ${String(example.expected)}: ${example.why}`, () => {
      assert.equal(calendar.wd(example.from, example.to), example.expected)
    })
  }

  it('counts across Easter 2018', () => {
    // Thu 29 Mar → Tue 24 Apr. Fri 30 Mar Good Friday, Sat, Sun, Mon 2 Apr Easter Monday: 0.
    // Tue 3–Fri 6 Apr: 4; 9–13: 5; 16–20: 5; Mon 23, Tue 24: 2. Total 16.
    assert.equal(calendar.wd('2018-03-29', '2018-04-24'), 16)
    // Thu 29 Mar → Tue 3 Apr: only Tue 3 Apr is a working day.
    assert.equal(calendar.wd('2018-03-29', '2018-04-03'), 1)
    assert.equal(calendar.wd('2018-03-29', '2018-04-02'), 0)
  })

  it('counts across Christmas 2017', () => {
    // Fri 22 Dec 2017 → Tue 2 Jan 2018: Mon 25 and Tue 26 Dec and Mon 1 Jan are holidays;
    // Wed 27, Thu 28, Fri 29 Dec and Tue 2 Jan count: 4.
    assert.equal(calendar.wd('2017-12-22', '2018-01-02'), 4)
  })

  it('skips the substitute days when Christmas falls at a weekend (2022)', () => {
    // Sun 25 Dec 2022; Mon 26 Boxing Day; Tue 27 substitute for Christmas Day.
    // Fri 23 → Fri 30 Dec: Wed 28, Thu 29, Fri 30 count: 3.
    assert.equal(calendar.wd('2022-12-23', '2022-12-30'), 3)
    assert.equal(calendar.isWorkingDay('2022-12-27'), false)
    assert.equal(calendar.isWorkingDay('2022-12-28'), true)
  })

  it('counts a weekend as nothing: Friday → Monday is 1', () => {
    assert.equal(calendar.wd('2018-04-20', '2018-04-23'), 1)
    assert.equal(calendar.wd('2018-04-20', '2018-04-22'), 0)
  })

  it('reaches 15 working days three weeks on, 16 a day later', () => {
    // Mon 9 Apr 2018 → Mon 30 Apr: three whole weeks with no holiday.
    assert.equal(calendar.wd('2018-04-09', '2018-04-30'), 15)
    assert.equal(calendar.wd('2018-04-09', '2018-05-01'), 16)
  })
})

describe('isWorkingDay', () => {
  it('is false at weekends and on bank holidays', () => {
    assert.equal(calendar.isWorkingDay('2018-03-30'), false) // Good Friday
    assert.equal(calendar.isWorkingDay('2018-03-31'), false) // Saturday
    assert.equal(calendar.isWorkingDay('2018-04-03'), true)
  })
})

describe('edge cases', () => {
  it('gives 0 for the same day, even a holiday', () => {
    assert.equal(calendar.wd('2018-04-24', '2018-04-24'), 0)
    assert.equal(calendar.wd('2018-03-30', '2018-03-30'), 0)
  })

  it('gives null when the later date is before the earlier one', () => {
    assert.equal(calendar.wd('2018-04-24', '2018-03-29'), null)
    assert.equal(calendar.wdDays(dayNumber('2018-04-24'), dayNumber('2018-04-23')), null)
  })

  it('answers correctly outside the indexed range', () => {
    const narrow = createWorkingDayCalendar(holidays, { from: '2018-04-01', to: '2018-04-30' })
    assert.deepEqual(narrow.range, { from: '2018-04-01', to: '2018-04-30' })
    assert.equal(narrow.wd('2018-03-29', '2018-04-24'), 16) // starts before the range
    assert.equal(narrow.wd('2017-12-22', '2018-01-02'), 4) // wholly before it
    assert.equal(narrow.wd('2022-12-23', '2022-12-30'), 3) // wholly after it
    // Far outside any default range: Mon 3 Jan 1966 → Mon 10 Jan 1966 is one week.
    assert.equal(calendar.wd('1966-01-03', '1966-01-10'), 5)
  })

  it('agrees with a day-by-day count, inside and outside the index, for seeded random pairs', () => {
    const narrow = createWorkingDayCalendar(holidays, { from: '2016-01-01', to: '2016-12-31' })
    const set = new Set(holidays)
    let seed = 42
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      return seed / 2_147_483_648
    }
    const origin = dayNumber('2011-06-01')
    for (let i = 0; i < 300; i++) {
      const a = origin + Math.floor(random() * 6000)
      const b = a + Math.floor(random() * 400)
      let expected = 0
      for (let d = a + 1; d <= b; d++) {
        const date = fromDayNumber(d)
        const dow = new Date(`${date}T00:00:00Z`).getUTCDay()
        if (dow !== 0 && dow !== 6 && !set.has(date)) expected++
      }
      assert.equal(calendar.wdDays(a, b), expected, `${fromDayNumber(a)} → ${fromDayNumber(b)}`)
      assert.equal(narrow.wdDays(a, b), expected, `narrow ${fromDayNumber(a)} → ${fromDayNumber(b)}`)
    }
  })

  it('counts a holiday given twice, or given at a weekend, once at most', () => {
    const odd = createWorkingDayCalendar(['2018-04-02', '2018-04-02', '2018-04-07'])
    assert.deepEqual(odd.holidays, ['2018-04-02', '2018-04-07'])
    // Fri 30 Mar → Mon 9 Apr: Tue 3 – Fri 6 and Mon 9 = 5 (Mon 2 a holiday, Sat 7 a weekend anyway).
    assert.equal(odd.wd('2018-03-30', '2018-04-09'), 5)
    const narrowOdd = createWorkingDayCalendar(['2018-04-02', '2018-04-07'], { from: '2019-01-01', to: '2019-01-31' })
    assert.equal(narrowOdd.wd('2018-03-30', '2018-04-09'), 5)
  })

  it('counts weekdays only when it knows no holidays', () => {
    const bare = createWorkingDayCalendar([])
    assert.equal(bare.wd('2018-03-29', '2018-04-24'), 18)
    assert.equal(bare.range.from, '2000-01-01')
    assert.equal(bare.range.to, '2040-12-31')
  })

  it('widens its default range to cover every holiday it is given', () => {
    const wide = createWorkingDayCalendar(['1995-12-25', '2045-12-25'])
    assert.deepEqual(wide.range, { from: '1995-01-01', to: '2045-12-31' })
    assert.equal(wide.isWorkingDay('2045-12-25'), false)
    assert.equal(wide.isWorkingDay(addDays('2045-12-25', 1)), true)
  })

  it('refuses a range that ends before it starts', () => {
    assert.throws(() => createWorkingDayCalendar([], { from: '2018-05-01', to: '2018-04-30' }), RangeError)
  })
})
