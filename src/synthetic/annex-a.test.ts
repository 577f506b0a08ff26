import assert from 'node:assert/strict'
import { readFile, mkdtemp, rm, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import feed from '../../reference/bank-holidays-england-and-wales.json' with { type: 'json' }
import { generateCommand } from '../cli/generate.ts'
import type { AnnexA } from '../domain/annex-a/records.ts'
import { parseBankHolidays } from '../domain/calendar/bank-holidays.ts'
import { addDays, monthEnd, monthsBefore } from '../domain/calendar/days.ts'
import { createWorkingDayCalendar } from '../domain/calendar/working-days.ts'
import { computeMeasures, type ComputedMeasures } from '../domain/measures/compute.ts'
import { DEFAULT_MEASURE_SETTINGS } from '../domain/measures/types.ts'
import { periodsEnding } from '../domain/period.ts'
import { readAnnexA, type AnnexAImport } from '../importers/annex-a/read-annex-a.ts'
import { loadAnnexASpec } from '../importers/annex-a/spec.ts'
import {
  ANNEX_A_HEADERS,
  DELIBERATE_BAD_CELLS,
  SyntheticOptionsError,
  createRandom,
  seedFrom,
  summaryLine,
  writeSyntheticAnnexA,
  type SyntheticAnnexASummary,
  type SyntheticProfile,
} from './annex-a.ts'

const holidays = parseBankHolidays(feed)
if (!holidays.ok) throw new Error('The reference bank holidays do not parse.')
const calendar = createWorkingDayCalendar(holidays.value)
const SCALE = 0.05
const SEED = 7
const WINDOW = periodsEnding('2018-04', 13)

let root = ''
let folder = ''
let summary: SyntheticAnnexASummary
let imported: AnnexAImport
let records: AnnexA
let measures: ComputedMeasures

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'scrutineer-synthetic-'))
  folder = join(root, 'a')
  summary = await writeSyntheticAnnexA({ outDir: folder, scale: SCALE, end: '2018-04', seed: SEED })
  const result = await readAnnexA(folder)
  assert.ok(result.ok)
  imported = result.value
  records = imported.records
  measures = computeMeasures(records, {
    end: '2018-04',
    months: 13,
    settings: { ...DEFAULT_MEASURE_SETTINGS, population: { '2016-17': 49100, '2017-18': 49189, '2018-19': 49920 } },
    calendar,
  })
})

after(async () => {
  await rm(root, { recursive: true, force: true })
})

function list(n: number): Promise<string> {
  return readFile(join(folder, `list-${n}.csv`), 'utf8')
}

describe('writeSyntheticAnnexA', () => {
  it('writes list-1.csv … list-11.csv with exactly the column names of the Annex A specification', async () => {
    const spec = loadAnnexASpec()
    assert.deepEqual((await readdir(folder)).sort(), [...Array(11).keys()].map((i) => `list-${i + 1}.csv`).sort())
    for (let n = 1; n <= 11; n++) {
      assert.deepEqual(
        ANNEX_A_HEADERS[n],
        spec.lists.get(n)?.map((column) => column.name),
      )
      const header = (await list(n)).split('\r\n', 1)[0]
      assert.equal(header, ANNEX_A_HEADERS[n]?.join(','))
    }
  })

  it('writes row counts in proportion to the scale, and says so in its summary', () => {
    // Three years at scale 0.05: 70 contacts and 14 referrals a month.
    const expected: Record<number, [number, number]> = {
      1: [2100, 3000],
      2: [200, 340],
      3: [430, 680],
      4: [370, 600],
      5: [80, 160],
      6: [250, 450],
      7: [45, 120],
      8: [30, 75],
      9: [13, 13],
      10: [4, 20],
      11: [2, 25],
    }
    for (const [n, [low, high]] of Object.entries(expected)) {
      const rows = summary.rows[Number(n)] ?? -1
      assert.ok(rows >= low && rows <= high, `list ${n}: ${rows} rows, expected ${low}–${high}`)
      assert.equal(imported.lists.find((entry) => entry.list === Number(n))?.rows, rows)
    }
    assert.equal(
      summary.total,
      Object.values(summary.rows).reduce((a, b) => a + b, 0),
    )
    assert.equal(records.contacts.length, summary.rows[1])
  })

  it('has every deliberately bad cell reported as an error, and nothing else as an error or a warning', () => {
    assert.equal(summary.badCells.length, DELIBERATE_BAD_CELLS.length)
    const key = (p: { list: number | null; row: number | null; column: string | null; value: string | null }) =>
      `${p.list}|${p.row}|${p.column}|${p.value}`
    assert.deepEqual(imported.errors.map(key).sort(), summary.badCells.map(key).sort())
    assert.deepEqual(imported.warnings, [])
  })

  it('leaves a row with a bad cell out only of what reads that cell', () => {
    const badContact = summary.badCells.find((cell) => cell.column === 'Date of Contact')
    const row = records.contacts.find((contact) => contact.row === badContact?.row)
    assert.equal(row?.contactDate, null)
    assert.ok(row?.invalid.has('contactDate'))
  })

  it('gives plausible measures: contacts near 1,400 × scale a month, most assessments within 45 working days', () => {
    for (const month of WINDOW) {
      const contacts = measures.measures.contacts?.[month]?.value ?? 0
      assert.ok(Math.abs(contacts - 1400 * SCALE) <= 0.3 * 1400 * SCALE, `${month}: ${contacts} contacts`)
      const ratio = measures.measures['contacts-to-referrals']?.[month]?.value ?? 0
      // About 14 referrals a month at this scale, plus the boundary cases: wide bounds.
      assert.ok(ratio > 8 && ratio < 45, `${month}: ${ratio}% of contacts became referrals`)
    }
    const pooled = (id: string): number => {
      let count = 0
      let denominator = 0
      for (const month of WINDOW) {
        count += measures.measures[id]?.[month]?.count ?? 0
        denominator += measures.measures[id]?.[month]?.denominator ?? 0
      }
      return (count / denominator) * 100
    }
    const inTime = pooled('assessments-in-45wd')
    assert.ok(inTime >= 60 && inTime <= 95, `assessments in 45 working days: ${inTime}%`)
    const reReferrals = pooled('re-referrals')
    assert.ok(reReferrals >= 10 && reReferrals <= 35, `re-referrals: ${reReferrals}%`)
    // At this scale the boundary cases (as many at 16 working days as at 15) are a large share of the ICPCs.
    const icpcs = pooled('icpcs-in-15wd')
    assert.ok(icpcs >= 30 && icpcs <= 95, `ICPCs in 15 working days: ${icpcs}%`)
    for (const id of ['cin-open', 'cpp-open', 'lac-open']) {
      for (const month of WINDOW) assert.ok((measures.measures[id]?.[month]?.value ?? 0) > 0, `${id} ${month}`)
    }
    const lacOpen = measures.measures['lac-open']?.['2018-04']?.value ?? 0
    assert.ok(lacOpen >= 8 && lacOpen <= 30, `${lacOpen} looked after at scale ${SCALE}`)
    const suitable = measures.snapshot['care-leavers-suitable']?.['2018-04']?.value ?? 0
    assert.ok(suitable > 0 && suitable < 100, `care leavers suitable: ${suitable}%`)
  })

  it('mixes value conventions the way real exports do', async () => {
    const contacts = await list(1)
    assert.match(contacts, /,\d{4}-\d{2}-\d{2},/) // ISO dates
    assert.match(contacts, /,\d{2}\/\d{2}\/\d{4},/) // UK dates
    assert.match(contacts, /,4\d{4},/) // Excel serial day numbers as text
    assert.match(contacts, /\r\n0\d+,/) // child IDs with leading zeros
    const referrals = await list(3)
    for (const answer of [',Yes,', ',a) Yes,', ',Y,', ',No,', ',b) No,', ',N,']) assert.ok(referrals.includes(answer))
    const lookedAfter = await list(8)
    assert.match(lookedAfter, /,[a-v]\) E\d+[AB]?: /) // a) E11: Adopted …
    assert.match(lookedAfter, /,E\d+[AB]? - /) // E11 - Adopted …
    assert.match(lookedAfter, /f\) U6: Foster placement - not FFA/)
    assert.match(lookedAfter, /PR[45]/)
    const leavers = await list(9)
    for (const answer of ['REFU', 'NREQ', 'Unsuitable', 'Suitable']) assert.ok(leavers.includes(answer), answer)
    // A value with a comma is quoted.
    assert.match(leavers, /"D: Semi-independent, transitional accommodation and self-contained accommodation"/)
  })

  it('is deterministic: the same seed gives the same bytes, another seed different ones', async () => {
    const again = join(root, 'again')
    const other = join(root, 'other')
    await writeSyntheticAnnexA({ outDir: again, scale: SCALE, end: '2018-04', seed: SEED })
    await writeSyntheticAnnexA({ outDir: other, scale: SCALE, end: '2018-04', seed: SEED + 1 })
    for (let n = 1; n <= 11; n++) {
      const first = await readFile(join(folder, `list-${n}.csv`))
      assert.ok(first.equals(await readFile(join(again, `list-${n}.csv`))), `list ${n} differs`)
    }
    const first = await readFile(join(folder, 'list-1.csv'))
    assert.ok(!first.equals(await readFile(join(other, 'list-1.csv'))))
  })
})

describe('boundary cases', () => {
  it('has ICPCs at exactly 15 and 16 working days from strategy discussions before Good Friday and Christmas', () => {
    // Good Friday 2018 is 30 March: from Thursday 29 March, 23 April is 15 working days and 24 April 16.
    const from = records.section47s.filter((row) => row.strategyDate === '2018-03-29')
    assert.ok(from.filter((row) => row.icpcDate === '2018-04-23').length >= 2)
    assert.ok(from.filter((row) => row.icpcDate === '2018-04-24').length >= 2)
    // Christmas 2017: from Friday 22 December, past Christmas, Boxing Day and New Year's Day.
    const christmas = records.section47s.filter((row) => row.strategyDate === '2017-12-22' && row.icpcDate !== null)
    const days = christmas.map((row) => calendar.wd(row.strategyDate ?? '', row.icpcDate ?? ''))
    assert.ok(days.filter((d) => d === 15).length >= 2)
    assert.ok(days.filter((d) => d === 16).length >= 2)
  })

  it('has assessments authorised at exactly 45 and 46 working days in the months measured', () => {
    const days = records.assessments
      .filter(
        (row) => row.startDate !== null && row.authorisationDate !== null && row.authorisationDate >= '2017-04-01',
      )
      .map((row) => calendar.wd(row.startDate ?? '', row.authorisationDate ?? ''))
    assert.ok(days.filter((d) => d === 45).length >= 10)
    assert.ok(days.filter((d) => d === 46).length >= 10)
  })

  it('has re-referrals exactly 12 months apart (counted) and 12 months and a day apart (not counted)', () => {
    const byChild = new Map<string, string[]>()
    for (const row of records.referrals) {
      if (row.referralDate === null) continue
      byChild.set(row.childId, [...(byChild.get(row.childId) ?? []), row.referralDate])
    }
    let exact = 0
    let dayOver = 0
    for (const dates of byChild.values()) {
      if (dates.length !== 2) continue
      const [first, second] = [...dates].sort() as [string, string]
      if (first === monthsBefore(second, 12)) exact++
      if (first === addDays(monthsBefore(second, 12), -1)) dayOver++
    }
    assert.ok(exact >= 5, `${exact} exactly 12 months apart`)
    assert.ok(dayOver >= 5, `${dayOver} 12 months and a day apart`)
    // A month-end pair: 31 March 2017 is exactly 12 months before 31 March 2018; 30 March is a day more.
    const pairs = [...byChild.values()].map((dates) => [...dates].sort().join(' '))
    assert.ok(pairs.includes('2017-03-31 2018-03-31'))
    assert.ok(pairs.includes('2017-03-30 2018-03-31'))
  })

  it('closes children in need, plans and looked-after episodes on the last day of every month measured', () => {
    for (const month of WINDOW) {
      const last = monthEnd(month)
      assert.ok(
        records.cin.some((row) => row.closureDate === last),
        `CIN ${month}`,
      )
      assert.ok(
        records.plans.some((row) => row.endDate === last),
        `plan ${month}`,
      )
      assert.ok(
        records.lookedAfter.some((row) => row.ceasedDate === last),
        `LAC ${month}`,
      )
    }
    assert.ok(records.lookedAfter.some((row) => row.reasonCeased === 'E11'))
    assert.ok(records.lookedAfter.some((row) => row.reasonCeased === 'E45'))
  })
})

describe('edge cases', () => {
  it('refuses a scale that is not a positive number and an end that is not a month', async () => {
    const outDir = join(root, 'never')
    await assert.rejects(writeSyntheticAnnexA({ outDir, scale: 0 }), SyntheticOptionsError)
    await assert.rejects(writeSyntheticAnnexA({ outDir, scale: Number.NaN }), SyntheticOptionsError)
    await assert.rejects(writeSyntheticAnnexA({ outDir, scale: 1, end: '2018-4' }), SyntheticOptionsError)
  })

  it('puts no bad cell where a list is too short to hold it, and reports only the ones written', async () => {
    const tiny = await writeSyntheticAnnexA({ outDir: join(root, 'tiny'), scale: 0.001, seed: 3 })
    const result = await readAnnexA(join(root, 'tiny'))
    assert.ok(result.ok)
    assert.equal(result.value.errors.length, tiny.badCells.length)
    assert.ok(tiny.badCells.length <= DELIBERATE_BAD_CELLS.length)
    assert.ok((tiny.rows[9] ?? 0) >= 8) // every LA in Touch answer at least once
  })

  it('ends the history at another month when asked', async () => {
    const other = await writeSyntheticAnnexA({ outDir: join(root, 'end'), scale: 0.02, end: '2020-02', seed: 1 })
    const result = await readAnnexA(join(root, 'end'))
    assert.ok(result.ok)
    const dates = result.value.records.contacts.flatMap((row) => (row.contactDate === null ? [] : [row.contactDate]))
    assert.equal(dates.reduce((a, b) => (a > b ? a : b)).slice(0, 7), '2020-02')
    assert.equal(dates.reduce((a, b) => (a < b ? a : b)).slice(0, 7), '2017-03')
    assert.equal(other.end, '2020-02')
  })

  it('writes only the months from keepFrom: events from its first day, episodes still open then', async () => {
    const kept = await writeSyntheticAnnexA({ outDir: join(root, 'kept'), scale: 0.2, seed: 4, keepFrom: '2018-04' })
    const full = await writeSyntheticAnnexA({ outDir: join(root, 'full'), scale: 0.2, seed: 4 })
    const result = await readAnnexA(join(root, 'kept'))
    assert.ok(result.ok)
    const { contacts, referrals, cin, plans, lookedAfter } = result.value.records
    const from = '2018-04-01'
    assert.ok(contacts.length > 0 && referrals.length > 0)
    assert.ok(contacts.every((c) => c.contactDate === null || c.contactDate >= from))
    assert.ok(referrals.every((r) => r.referralDate === null || r.referralDate >= from))
    // Children in need, on plans and looked after at the start of April are there, closed or not since.
    assert.ok(cin.some((e) => e.startDate !== null && e.startDate < from))
    assert.ok(cin.every((e) => e.closureDate === null || e.closureDate >= from))
    assert.ok(plans.every((p) => p.endDate === null || p.endDate >= from))
    assert.ok(lookedAfter.every((e) => e.ceasedDate === null || e.ceasedDate >= from))
    assert.ok(kept.total < full.total / 10, `${kept.total} rows kept of ${full.total}`)
    const again = await writeSyntheticAnnexA({
      outDir: join(root, 'kept-again'),
      scale: 0.2,
      seed: 4,
      keepFrom: '2018-04',
    })
    assert.equal(
      await readFile(join(root, 'kept-again', 'list-3.csv'), 'utf8'),
      await readFile(join(root, 'kept', 'list-3.csv'), 'utf8'),
    )
    assert.deepEqual(again.rows, kept.rows)
    await assert.rejects(
      writeSyntheticAnnexA({ outDir: join(root, 'never'), scale: 1, end: '2018-04', keepFrom: '2018-05' }),
      SyntheticOptionsError,
    )
  })

  it('runs another council when given a profile: fewer assessments, more enquiries, care leavers better housed', async () => {
    // A month's extract at scale 1: enough children for the differences to stand out from chance.
    const month = async (name: string, profile: Partial<SyntheticProfile>): Promise<AnnexA> => {
      const outDir = join(root, name)
      await writeSyntheticAnnexA({ outDir, scale: 1, end: '2018-04', seed: SEED, keepFrom: '2018-04', profile })
      const result = await readAnnexA(outDir)
      assert.ok(result.ok)
      return result.value.records
    }
    const usual = await month('usual', {})
    const other = await month('other', {
      assessmentShare: 0.3,
      enquiryShare: 0.6,
      careLeavers: { inTouch: 0.99, suitable: 0.99 },
    })
    const perReferral = (a: AnnexA, list: readonly unknown[]) => list.length / a.referrals.length
    assert.ok(perReferral(other, other.assessments) < perReferral(usual, usual.assessments) * 0.7, 'assessments')
    assert.ok(perReferral(other, other.section47s) > perReferral(usual, usual.section47s) * 1.8, 'enquiries')
    const housed = (a: AnnexA) =>
      a.careLeavers.filter((c) => c.inTouch === true && c.suitableAccommodation === true).length / a.careLeavers.length
    assert.ok(housed(usual) < 0.8 && housed(other) > 0.9, `care leavers housed: ${housed(usual)}, ${housed(other)}`)
  })

  it('reads a seed as a whole number, or hashes text', () => {
    assert.equal(seedFrom(42), 42)
    assert.equal(seedFrom('42'), 42)
    assert.equal(seedFrom('council-a'), seedFrom('council-a'))
    assert.notEqual(seedFrom('council-a'), seedFrom('council-b'))
    assert.ok(Number.isInteger(seedFrom('x')) && seedFrom('x') >= 0)
  })

  it('draws numbers in [0, 1), the same sequence for the same seed', () => {
    const a = createRandom(1)
    const b = createRandom(1)
    const c = createRandom(2)
    const drawn = Array.from({ length: 1000 }, () => a())
    assert.deepEqual(
      drawn.slice(0, 5),
      Array.from({ length: 5 }, () => b()),
    )
    assert.notEqual(drawn[0], c())
    assert.ok(drawn.every((x) => x >= 0 && x < 1))
    assert.ok(Math.abs(drawn.reduce((s, x) => s + x, 0) / drawn.length - 0.5) < 0.05)
  })

  it('sums up the rows per list in one line', () => {
    const line = summaryLine(summary)
    assert.match(line, /list-1 [\d,]+ · list-2 /)
    assert.match(line, /list-11 [\d,]+ = [\d,]+ rows \(14 deliberately bad cells\)/)
  })
})

describe('generate command', () => {
  const capture = () => {
    const lines: string[] = []
    return { lines, output: { error: (text: string) => lines.push(text) } }
  }

  it('writes the files and prints the summary on stderr', async () => {
    const { lines, output } = capture()
    const out = join(root, 'cli')
    assert.equal(await generateCommand(['--scale', '0.02', '--out', out, '--seed', 'abc'], output), 0)
    assert.match(lines.join(''), /^Annex A scale 0.02, seed \d+, to 2018-04: list-1 /)
    assert.equal((await readdir(out)).length, 11)
  })

  it('is a usage error (exit code 2) without --scale or --out, or with a bad scale, end or option', async () => {
    for (const args of [
      [],
      ['--scale', '1'],
      ['--out', join(root, 'x')],
      ['--scale', 'lots', '--out', join(root, 'x')],
      ['--scale', '-1', '--out', join(root, 'x')],
      ['--scale', '1', '--out', join(root, 'x'), '--end', 'April 2018'],
      ['--scale', '1', '--out', join(root, 'x'), '--colour', 'red'],
    ]) {
      const { lines, output } = capture()
      assert.equal(await generateCommand(args, output), 2, args.join(' '))
      assert.match(lines.join(''), /Usage: npm run generate/)
    }
    await assert.rejects(readdir(join(root, 'x')))
  })
})
