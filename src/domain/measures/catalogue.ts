/**
 * Every measure computed from Annex A records, in the order of docs/spec/measures.md: the catalogue for the
 * docs and the CLI.
 */
import {
  assessmentDurationBands,
  assessmentsCompleted,
  assessmentsIn45wd,
  assessmentsNoFurtherSupport,
} from './assessments.ts'
import { cinOpen } from './children-in-need.ts'
import { contacts } from './contacts.ts'
import type { MeasureDefinition } from './engine.ts'
import { adoptions, lacCeased, lacIfa, lacOpen, lacRate, lacStarted, sgos, uascOpen } from './looked-after.ts'
import { missingEpisodes } from './missing.ts'
import { cppCeased, cppOpen, cppRate, cppRepeat, cppStarted } from './protection-plans.ts'
import { reReferrals } from './re-referrals.ts'
import { contactsToReferrals, referralRate, referrals, referralsNfa } from './referrals.ts'
import { icpcRate, icpcs, icpcsIn15wd, icpcsToCpp, s47Rate, s47Started } from './section-47.ts'
import { careLeaversInTouch, careLeaversSuitable, cpp2YearsPlus, cpVisitsInTime, lacVisitsInTime } from './snapshots.ts'
import type { MeasureInfo } from './types.ts'

/** The definitions, with their classification functions (used by compute.ts). */
export const DEFINITIONS: readonly MeasureDefinition[] = [
  contacts,
  referrals,
  referralRate,
  contactsToReferrals,
  reReferrals,
  referralsNfa,
  assessmentsCompleted,
  assessmentsIn45wd,
  ...assessmentDurationBands,
  assessmentsNoFurtherSupport,
  s47Started,
  s47Rate,
  icpcs,
  icpcRate,
  icpcsIn15wd,
  icpcsToCpp,
  cppStarted,
  cppRepeat,
  cppCeased,
  lacStarted,
  lacCeased,
  adoptions,
  sgos,
  missingEpisodes,
  cinOpen,
  cppOpen,
  cppRate,
  lacOpen,
  lacRate,
  uascOpen,
  lacIfa,
  cpVisitsInTime,
  cpp2YearsPlus,
  lacVisitsInTime,
  careLeaversInTouch,
  careLeaversSuitable,
]

/**
 * What each measure is: id, title, kind (event, stock or snapshot), unit, the Annex A lists it reads, a
 * plain-English definition and its source.
 * @example MEASURES.find((m) => m.id === 'icpcs-in-15wd')?.unit // 'percentage'
 */
export const MEASURES: readonly MeasureInfo[] = DEFINITIONS.map(
  ({ id, title, kind, unit, lists, definition, source }) => ({
    id,
    title,
    kind,
    unit,
    lists,
    definition,
    source,
  }),
)

const BY_ID = new Map(DEFINITIONS.map((definition) => [definition.id, definition]))

/** The definition of a measure, or undefined for an unknown id. */
export function measureDefinition(id: string): MeasureDefinition | undefined {
  return BY_ID.get(id)
}

/**
 * Measures that add up: a total (null: 100, for percentages of the same denominator) and its parts. Disclosure
 * control (src/domain/publication.ts) uses them, through the catalogue's measure links, so that a withheld part
 * cannot be worked out as the total minus the parts shown.
 * @example MEASURE_SUMS[0]?.parts.length // 5 (the assessment duration bands make up 100%)
 */
export const MEASURE_SUMS: ReadonlyArray<{ total: string | null; parts: readonly string[] }> = [
  { total: null, parts: assessmentDurationBands.map((band) => band.id) },
  { total: assessmentsIn45wd.id, parts: assessmentDurationBands.slice(0, 4).map((band) => band.id) },
  { total: null, parts: [assessmentsIn45wd.id, 'assessment-duration-over-45'] },
]
