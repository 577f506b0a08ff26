/** Looked-after children (Annex A list 8): started, ceased, adoptions, SGOs, open, rate, UASC, IFA placements. */
import type { LookedAfterEpisode } from '../annex-a/records.ts'
import {
  because,
  DENOMINATOR,
  eventMeasure,
  hasChildId,
  isInvalid,
  NUMERATOR,
  rateOf,
  stockMeasure,
  unreadable,
  type MeasureContext,
  type MeasureDefinition,
} from './engine.ts'
import { POPULATION, SSDA903 } from './sources.ts'

/**
 * The SSDA903 reason an episode ceased when the child stays looked after, in a new episode starting that day (a
 * change of placement or legal status): such an end is not the end of care, nor the next episode a start.
 */
export const EPISODE_CONTINUES = 'X1'

/** `child ⟂ date` of every episode that ended with X1, built once per computation. */
function continuedOn(ctx: MeasureContext): ReadonlySet<string> {
  return ctx.memo('lac:x1-ends', () => {
    const ends = new Set<string>()
    for (const row of ctx.annexA.lookedAfter)
      if (row.ceasedDate !== null && hasChildId(row) && code(row.reasonCeased) === EPISODE_CONTINUES)
        ends.add(`${row.childId}\u0000${row.ceasedDate}`)
    return ends
  })
}

/**
 * lac-started: rows of list 8 whose Date Started to be Looked After is in the month, except a row that continues
 * the same child's episode ending that day with X1 (an SSDA903 change of placement, not a new period of care).
 * @example a child looked after from 2018-04-01 counts in April 2018; a new placement from an X1 end does not.
 */
export const lacStarted = eventMeasure({
  id: 'lac-started',
  comparesChildRecords: true,
  title: 'Children who started to be looked after',
  unit: 'count',
  list: 'lookedAfter',
  placeBy: 'startDate',
  shows: ['startDate'],
  classify: (row, date, ctx) =>
    hasChildId(row) && continuedOn(ctx).has(`${row.childId}\u0000${date}`) ? DENOMINATOR : NUMERATOR,
  definition:
    "The number of children who started to be looked after in the month: rows of list 8 whose start date is in the month. An SSDA903 episode that starts the day the same child's previous episode ended with reason X1 (a change of placement or legal status) continues that period of care and is not a start.",
  source: SSDA903,
})

/**
 * lac-ceased: rows of list 8 whose Date Ceased to be Looked After is in the month, except those ended with X1 (the
 * child stays looked after in a new episode).
 * @example a child who ceased on 2018-04-30 counts in April 2018; an episode ended X1 that day does not.
 */
export const lacCeased = eventMeasure({
  id: 'lac-ceased',
  title: 'Children who ceased to be looked after',
  unit: 'count',
  list: 'lookedAfter',
  placeBy: 'ceasedDate',
  shows: ['startDate', 'ceasedDate'],
  // A reason that could not be read is not X1: the row still counts as an end of care.
  classify: (row) => (code(row.reasonCeased) === EPISODE_CONTINUES ? DENOMINATOR : NUMERATOR),
  definition:
    'The number of children who ceased to be looked after in the month: rows of list 8 whose date ceased is in the month, except SSDA903 episodes ended with reason X1 (the child stays looked after in a new episode).',
  source: SSDA903,
})

const STILL_LOOKED_AFTER = because(
  'The episode ended with reason X1: the child stayed looked after in a new episode, so did not cease.',
)

const normalised = new Map<string, string>()

/** A code as the lists below write it (`E11`, `U1`, `PR4`), whatever its case or spaces; cached, as codes are few. */
function code(value: string | null): string | null {
  if (value === null) return null
  let result = normalised.get(value)
  if (result === undefined) {
    result = value.trim().toUpperCase()
    normalised.set(value, result)
  }
  return result
}

function ceasedFor(id: string, title: string, codes: readonly string[], definition: string): MeasureDefinition {
  const badReason = unreadable('lookedAfter', 'reasonCeased')
  return eventMeasure({
    id,
    title,
    unit: 'percentage',
    list: 'lookedAfter',
    placeBy: 'ceasedDate',
    shows: ['ceasedDate'],
    classify: (row) => {
      if (isInvalid(row, 'reasonCeased')) return badReason
      const reason = code(row.reasonCeased)
      if (reason === EPISODE_CONTINUES) return STILL_LOOKED_AFTER
      return reason !== null && codes.includes(reason) ? NUMERATOR : DENOMINATOR
    },
    detail: (row) => ({ note: `Reason ceased: ${row.reasonCeased ?? 'blank'}` }),
    definition,
    source: `${SSDA903} (reason episode ceased codes)`,
  })
}

/**
 * adoptions: children who ceased to be looked after in the month with reason E11 or E12 (adopted), as a
 * percentage of all who ceased in the month.
 * @example ceased 2018-04-12 with reason E11: in April's numerator; E13 would be denominator only.
 */
export const adoptions = ceasedFor(
  'adoptions',
  'Children who ceased to be looked after because they were adopted',
  ['E11', 'E12'],
  'Children who ceased to be looked after in the month because they were adopted (reason ceased E11 or E12), as a percentage of all children who ceased to be looked after in the month (an SSDA903 episode ended with X1 is a change of placement, not a child ceasing, and is left out).',
)

/**
 * sgos: children who ceased to be looked after in the month with a special guardianship order: E43 or E44
 * (codes before 2020) or E45–E48; as a percentage of all who ceased in the month.
 * @example reason E45 counts; E41 (residence order) does not.
 */
export const sgos = ceasedFor(
  'sgos',
  'Children who ceased to be looked after through a special guardianship order',
  ['E43', 'E44', 'E45', 'E46', 'E47', 'E48'],
  'Children who ceased to be looked after in the month through a special guardianship order (reason ceased E43 or E44, the codes used before 2020, or E45 to E48), as a percentage of all children who ceased to be looked after in the month (an SSDA903 episode ended with X1 is a change of placement, not a child ceasing, and is left out).',
)

/**
 * lac-open: children looked after at the month end E: started ≤ E and not ceased, or ceased after E.
 * @example ceased on 2018-04-30: not looked after at the end of April.
 */
export const lacOpen = stockMeasure({
  id: 'lac-open',
  title: 'Looked-after children',
  unit: 'count',
  list: 'lookedAfter',
  opensBy: 'startDate',
  closesBy: 'ceasedDate',
  shows: ['startDate', 'ceasedDate'],
  definition:
    'The number of children looked after at the end of the month: started to be looked after on or before the last day of the month, and not ceased or ceased after it.',
  source: SSDA903,
})

/** lac-rate: children looked after at the month end per 10,000 children. */
export const lacRate = rateOf(lacOpen, {
  id: 'lac-rate',
  title: 'Looked-after children per 10,000 children',
  definition: 'Children looked after at the end of the month × 10,000 ÷ the child population of its financial year.',
  source: `${SSDA903}; ${POPULATION}`,
})

const BAD_UASC = unreadable('lookedAfter', 'uasc')

/**
 * uasc-open: children looked after at the month end who are unaccompanied asylum-seeking children (UASC = Yes).
 * A blank answer is not Yes; an unreadable one leaves the row out.
 * @example 4 of 300 looked-after children with UASC = Yes gives 4.
 */
export const uascOpen = stockMeasure({
  id: 'uasc-open',
  title: 'Looked-after children who are unaccompanied asylum-seeking children',
  unit: 'count',
  list: 'lookedAfter',
  opensBy: 'startDate',
  closesBy: 'ceasedDate',
  shows: ['startDate', 'ceasedDate'],
  classify: (row) => {
    if (isInvalid(row, 'uasc')) return BAD_UASC
    return row.uasc === true ? NUMERATOR : DENOMINATOR
  },
  definition:
    'The number of children looked after at the end of the month who are unaccompanied asylum-seeking children (UASC within the last 12 months = Yes).',
  source: SSDA903,
})

const BAD_TYPE = unreadable('lookedAfter', 'placementType')
const BAD_PROVIDER = unreadable('lookedAfter', 'placementProvider')
const FOSTER_PLACEMENTS = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6']
const INDEPENDENT_PROVIDERS = ['PR4', 'PR5']

function isIfa(row: LookedAfterEpisode): boolean {
  const type = code(row.placementType)
  const provider = code(row.placementProvider)
  return (
    type !== null && provider !== null && FOSTER_PLACEMENTS.includes(type) && INDEPENDENT_PROVIDERS.includes(provider)
  )
}

/**
 * lac-ifa: children looked after at the month end in a foster placement (U1–U6) with an independent provider
 * (PR4 private, PR5 voluntary or third sector), as a percentage of children looked after. Unreadable placement
 * type or provider leaves the row out; a blank one is not an IFA placement.
 * @example U4 with PR4 counts; U4 with PR1 (own provision) does not.
 */
export const lacIfa = stockMeasure({
  id: 'lac-ifa',
  title: 'Looked-after children in independent fostering placements',
  unit: 'percentage',
  list: 'lookedAfter',
  opensBy: 'startDate',
  closesBy: 'ceasedDate',
  shows: ['startDate', 'ceasedDate'],
  classify: (row) => {
    if (isInvalid(row, 'placementType')) return BAD_TYPE
    if (isInvalid(row, 'placementProvider')) return BAD_PROVIDER
    return isIfa(row) ? NUMERATOR : DENOMINATOR
  },
  detail: (row) => ({
    note: `Placement ${row.placementType ?? 'blank'}, provider ${row.placementProvider ?? 'blank'}`,
  }),
  definition:
    'Children looked after at the end of the month who are in a foster placement (placement type U1 to U6) provided by a private (PR4) or voluntary or third sector (PR5) provider, as a percentage of all children looked after at the end of the month.',
  source: `${SSDA903} (placement type and placement provider codes)`,
})
