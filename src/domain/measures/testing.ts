/**
 * Builders of Annex A records for the measure tests: each record states only what a test is about.
 * Not used by the product.
 */
import feed from '../../../reference/bank-holidays-england-and-wales.json' with { type: 'json' }
import {
  emptyAnnexA,
  type AnnexA,
  type Assessment,
  type CareLeaver,
  type CinEpisode,
  type Contact,
  type LookedAfterEpisode,
  type MissingEpisode,
  type ProtectionPlan,
  type Referral,
  type Section47,
} from '../annex-a/records.ts'
import { parseBankHolidays } from '../calendar/bank-holidays.ts'
import type { IsoDate } from '../calendar/days.ts'
import { createWorkingDayCalendar } from '../calendar/working-days.ts'
import type { Period } from '../period.ts'
import { computeMeasures, explainMeasure, type ComputeOptions } from './compute.ts'
import { DEFAULT_MEASURE_SETTINGS, type Explanation, type MeasureSettings, type MeasureValue } from './types.ts'

const holidays = parseBankHolidays(feed)
if (!holidays.ok) throw new Error('The reference bank holidays do not parse.')

/** England and Wales working days, 2012–2027 holidays. */
export const CALENDAR = createWorkingDayCalendar(holidays.value)

let nextRow = 2
const NO_INVALID: ReadonlySet<string> = new Set()

interface Common {
  row?: number
  dateOfBirth?: IsoDate | null
  /** Fields whose cells were unreadable: they are set to null and listed in `invalid`. */
  invalid?: string[]
}

/** A record as the importer would make it; each builder below says which list's record it is. */
function build(childId: string, fields: object, common: Common): Record<string, unknown> {
  const record: Record<string, unknown> = {
    row: common.row ?? nextRow++,
    childId,
    dateOfBirth: common.dateOfBirth ?? null,
    ...fields,
    // The importer shares one empty set between rows with no unreadable cell, as this does.
    invalid: common.invalid?.length ? new Set(common.invalid) : NO_INVALID,
  }
  for (const field of common.invalid ?? []) record[field] = null
  return record
}

export function contact(childId: string, contactDate: IsoDate | null, common: Common = {}): Contact {
  return build(childId, { contactDate }, common) as unknown as Contact
}

export function referral(
  childId: string,
  referralDate: IsoDate | null,
  more: Partial<Pick<Referral, 'nfa'>> & Common = {},
): Referral {
  return build(childId, { referralDate, nfa: more.nfa ?? null }, more) as unknown as Referral
}

export function assessment(
  childId: string,
  startDate: IsoDate | null,
  authorisationDate: IsoDate | null,
  more: Partial<Pick<Assessment, 'requiresSupport'>> & Common = {},
): Assessment {
  return build(
    childId,
    { startDate, authorisationDate, requiresSupport: more.requiresSupport ?? null },
    more,
  ) as unknown as Assessment
}

export function section47(
  childId: string,
  strategyDate: IsoDate | null,
  icpcDate: IsoDate | null,
  more: Partial<Pick<Section47, 'icpcResultedInPlan'>> & Common = {},
): Section47 {
  return build(
    childId,
    { strategyDate, icpcDate, icpcResultedInPlan: more.icpcResultedInPlan ?? null },
    more,
  ) as unknown as Section47
}

export function cinEpisode(
  childId: string,
  startDate: IsoDate | null,
  closureDate: IsoDate | null,
  common: Common = {},
): CinEpisode {
  return build(childId, { startDate, closureDate }, common) as unknown as CinEpisode
}

export function plan(
  childId: string,
  startDate: IsoDate | null,
  endDate: IsoDate | null,
  more: Partial<Pick<ProtectionPlan, 'lastVisitDate' | 'previousPlans'>> & Common = {},
): ProtectionPlan {
  return build(
    childId,
    { startDate, endDate, lastVisitDate: more.lastVisitDate ?? null, previousPlans: more.previousPlans ?? null },
    more,
  ) as unknown as ProtectionPlan
}

export function lookedAfter(
  childId: string,
  startDate: IsoDate | null,
  ceasedDate: IsoDate | null,
  more: Partial<
    Pick<LookedAfterEpisode, 'reasonCeased' | 'placementType' | 'placementProvider' | 'uasc' | 'lastVisitDate'>
  > &
    Common = {},
): LookedAfterEpisode {
  return build(
    childId,
    {
      startDate,
      ceasedDate,
      reasonCeased: more.reasonCeased ?? null,
      placementType: more.placementType ?? null,
      placementProvider: more.placementProvider ?? null,
      uasc: more.uasc ?? null,
      lastVisitDate: more.lastVisitDate ?? null,
    },
    more,
  ) as unknown as LookedAfterEpisode
}

export function careLeaver(
  childId: string,
  inTouch: boolean | null,
  suitableAccommodation: boolean | null,
  common: Common = {},
): CareLeaver {
  return build(childId, { inTouch, suitableAccommodation }, common) as unknown as CareLeaver
}

export function missingEpisode(
  childId: string,
  startDate: IsoDate | null,
  endDate: IsoDate | null,
  missing: boolean | null,
  common: Common = {},
): MissingEpisode {
  return build(childId, { startDate, endDate, missing }, common) as unknown as MissingEpisode
}

/** An Annex A return holding only the given lists. */
export function annexA(lists: Partial<AnnexA> = {}): AnnexA {
  return emptyAnnexA(lists)
}

/** Options for a window ending in `end` (default April 2018, 13 months). */
export function options(end: Period = '2018-04', months = 13, settings: Partial<MeasureSettings> = {}): ComputeOptions {
  return { end, months, settings: { ...DEFAULT_MEASURE_SETTINGS, ...settings }, calendar: CALENDAR }
}

/** One measure's figure in one month. */
export function figure(
  data: AnnexA,
  id: string,
  month: Period = '2018-04',
  opts: ComputeOptions = options(),
): MeasureValue {
  const result = computeMeasures(data, opts)
  const value = result.measures[id]?.[month] ?? result.snapshot[id]?.[month]
  if (value === undefined) throw new Error(`No figure for ${id} in ${month}`)
  return value
}

/** The rows behind one measure in one month. */
export function rowsBehind(
  data: AnnexA,
  id: string,
  month: Period = '2018-04',
  opts: ComputeOptions = options(),
): Explanation {
  return explainMeasure(data, id, month, opts)
}

/** The child IDs of a list of rows, in row order. */
export function ids(rows: { childId: string }[]): string[] {
  return rows.map((r) => r.childId)
}

/** A seeded pseudo-random number generator (mulberry32), so property tests repeat exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A messy random Annex A return for property tests: dates from 2016 to 2019, some blank, some unreadable, some
 * out of order, repeated children, and every code the measures read.
 */
export function randomAnnexA(random: () => number, size: number): AnnexA {
  const day = (): IsoDate => {
    const n = Math.floor(random() * 4 * 365)
    const date = new Date(Date.UTC(2016, 0, 1) + n * 86_400_000)
    return date.toISOString().slice(0, 10)
  }
  const maybe = (): IsoDate | null => (random() < 0.15 ? null : day())
  const yesNo = (): boolean | null => (random() < 0.2 ? null : random() < 0.5)
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T
  const child = (): string => pick(['', '0042', '42', ...Array.from({ length: 40 }, (_, i) => `C${i}`)])
  const bad = (fields: string[]): Common => ({ invalid: fields.filter(() => random() < 0.05) })
  const many = <T>(make: () => T): T[] => Array.from({ length: size }, make)
  return {
    contacts: many(() => contact(child(), maybe(), bad(['contactDate']))),
    referrals: many(() => referral(child(), maybe(), { nfa: yesNo(), ...bad(['referralDate', 'nfa']) })),
    assessments: many(() =>
      assessment(child(), maybe(), maybe(), {
        requiresSupport: yesNo(),
        ...bad(['startDate', 'authorisationDate', 'requiresSupport']),
      }),
    ),
    section47s: many(() =>
      section47(child(), maybe(), maybe(), {
        icpcResultedInPlan: yesNo(),
        ...bad(['strategyDate', 'icpcDate', 'icpcResultedInPlan']),
      }),
    ),
    cin: many(() => cinEpisode(child(), maybe(), random() < 0.5 ? null : day(), bad(['startDate', 'closureDate']))),
    plans: many(() =>
      plan(child(), maybe(), random() < 0.5 ? null : day(), {
        lastVisitDate: maybe(),
        previousPlans: random() < 0.2 ? null : pick([0, 0, 1, 2]),
        ...bad(['startDate', 'endDate', 'lastVisitDate', 'previousPlans']),
      }),
    ),
    lookedAfter: many(() =>
      lookedAfter(child(), maybe(), random() < 0.5 ? null : day(), {
        reasonCeased: pick([null, 'E11', 'E12', 'E13', 'E41', 'E43', 'E45', 'E48', 'E4A']),
        placementType: pick([null, 'U1', 'U3', 'U6', 'K2', 'R1']),
        placementProvider: pick([null, 'PR1', 'PR4', 'PR5']),
        uasc: yesNo(),
        lastVisitDate: maybe(),
        ...bad([
          'startDate',
          'ceasedDate',
          'reasonCeased',
          'placementType',
          'placementProvider',
          'uasc',
          'lastVisitDate',
        ]),
      }),
    ),
    careLeavers: many(() => careLeaver(child(), yesNo(), yesNo(), bad(['inTouch', 'suitableAccommodation']))),
    missing: many(() => missingEpisode(child(), maybe(), maybe(), yesNo(), bad(['startDate', 'endDate', 'missing']))),
  }
}

/** A copy of an Annex A return with each list in a random order (rows keep their row numbers). */
export function shuffled(data: AnnexA, random: () => number): AnnexA {
  const shuffle = <T>(rows: readonly T[]): T[] => {
    const copy = [...rows]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
    }
    return copy
  }
  return {
    contacts: shuffle(data.contacts),
    referrals: shuffle(data.referrals),
    assessments: shuffle(data.assessments),
    section47s: shuffle(data.section47s),
    cin: shuffle(data.cin),
    plans: shuffle(data.plans),
    lookedAfter: shuffle(data.lookedAfter),
    careLeavers: shuffle(data.careLeavers),
    missing: shuffle(data.missing),
  }
}
