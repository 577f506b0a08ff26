/**
 * The Annex A lists the measures read, their numbers, and how their fields are named to a council officer.
 */
import type { AnnexA } from '../annex-a/records.ts'

export type ListName = keyof AnnexA

export const LIST_NUMBER: Record<ListName, number> = {
  contacts: 1,
  referrals: 3,
  assessments: 4,
  section47s: 5,
  cin: 6,
  plans: 7,
  lookedAfter: 8,
  careLeavers: 9,
  // Annex A has no list of missing episodes: SSDA903's missing.csv is stored as list 12.
  missing: 12,
}

/** The column each field comes from, in words an officer recognises. */
export const FIELD_LABEL: Record<ListName, Record<string, string>> = {
  contacts: { contactDate: 'date of contact' },
  referrals: { referralDate: 'date of referral', nfa: 'Referral NFA? answer' },
  assessments: {
    startDate: 'assessment start date',
    authorisationDate: 'assessment authorisation date',
    requiresSupport: '"assessed as requiring LA children\'s social care support" answer',
  },
  section47s: {
    strategyDate: 'strategy discussion date',
    icpcDate: 'ICPC date',
    icpcResultedInPlan: '"did the ICPC result in a child protection plan" answer',
  },
  cin: { startDate: 'CIN start date', closureDate: 'CIN closure date' },
  plans: {
    startDate: 'plan start date',
    endDate: 'plan end date',
    lastVisitDate: 'date of the last statutory visit',
    previousPlans: 'number of previous child protection plans',
  },
  lookedAfter: {
    startDate: 'date started to be looked after',
    ceasedDate: 'date ceased to be looked after',
    reasonCeased: 'reason ceased code',
    placementType: 'placement type code',
    placementProvider: 'placement provider code',
    uasc: 'UASC answer',
    lastVisitDate: 'date of the last social work visit',
  },
  careLeavers: { inTouch: '"LA in touch" answer', suitableAccommodation: 'suitability of accommodation' },
  missing: {
    startDate: 'date the missing episode started',
    endDate: 'date the missing episode ended',
    missing: 'missing or away code',
  },
}

/** The officer's name for a field, falling back to the field name. */
export function labelOf(list: ListName, field: string): string {
  return FIELD_LABEL[list][field] ?? field
}
