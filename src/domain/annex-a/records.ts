/**
 * Typed records from the Ofsted Annex A lists: the fields the measures read (../shared/spec/measures.md, copied to
 * docs/spec/measures.md), one record per spreadsheet row.
 *
 * A cell the importer could not read (a date such as `31/02/2018`, a code it does not know) does not drop the row:
 * the field is null and its name is in `invalid`, so each measure leaves the row out only if it reads that field.
 * A blank cell is null and NOT in `invalid`.
 */

/** A calendar date, `YYYY-MM-DD`. Never a `Date` object. */
export type IsoDate = string

export interface AnnexARecord<F extends string> {
  /** The list's row number as the officer sees it in the sheet (header row = 1). */
  row: number
  /** `Child Unique ID` as text: leading zeros matter (`0042` and `42` are different children). */
  childId: string
  dateOfBirth: IsoDate | null
  /** Fields whose cell was present but unreadable. */
  invalid: ReadonlySet<F | 'dateOfBirth'>
}

/** List 1: contacts. */
export interface Contact extends AnnexARecord<'contactDate'> {
  contactDate: IsoDate | null
}

/** List 3: referrals. */
export interface Referral extends AnnexARecord<'referralDate' | 'nfa'> {
  referralDate: IsoDate | null
  /** Referral NFA? */
  nfa: boolean | null
}

/** List 4: assessments (continuous assessments). */
export interface Assessment extends AnnexARecord<'startDate' | 'authorisationDate' | 'requiresSupport'> {
  startDate: IsoDate | null
  authorisationDate: IsoDate | null
  /** "Was the child assessed as requiring LA children's social care support?" */
  requiresSupport: boolean | null
}

/** List 5: section 47 enquiries and initial child protection conferences. */
export interface Section47 extends AnnexARecord<'strategyDate' | 'icpcDate' | 'icpcResultedInPlan'> {
  /** Strategy discussion initiating Section 47 Enquiry Start Date. */
  strategyDate: IsoDate | null
  icpcDate: IsoDate | null
  /** Did the Initial Child Protection Conference Result in a Child Protection Plan. */
  icpcResultedInPlan: boolean | null
}

/** List 6: children in need. */
export interface CinEpisode extends AnnexARecord<'startDate' | 'closureDate'> {
  startDate: IsoDate | null
  closureDate: IsoDate | null
}

/** List 7: child protection plans. */
export interface ProtectionPlan extends AnnexARecord<'startDate' | 'endDate' | 'lastVisitDate' | 'previousPlans'> {
  startDate: IsoDate | null
  endDate: IsoDate | null
  /** Date of the Last Statutory Visit. */
  lastVisitDate: IsoDate | null
  /** Number of Previous Child Protection Plans. */
  previousPlans: number | null
}

/** List 8: looked-after children. */
export interface LookedAfterEpisode extends AnnexARecord<
  'startDate' | 'ceasedDate' | 'reasonCeased' | 'placementType' | 'placementProvider' | 'uasc' | 'lastVisitDate'
> {
  startDate: IsoDate | null
  ceasedDate: IsoDate | null
  /** The code alone, e.g. `E11` (from `E11 - Adopted`). */
  reasonCeased: string | null
  /** The code alone, e.g. `U1`. */
  placementType: string | null
  /** The code alone, e.g. `PR4`. */
  placementProvider: string | null
  /** Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N). */
  uasc: boolean | null
  /** Date of Last Social Work Visit. */
  lastVisitDate: IsoDate | null
}

/** List 9: care leavers. */
export interface CareLeaver extends AnnexARecord<'inTouch' | 'suitableAccommodation'> {
  /** LA in Touch = Yes (`REFU`, `NREQ`, `Died` and the like are not Yes: false). */
  inTouch: boolean | null
  /** Suitability of Accommodation = Suitable (`Suitable`, `a) Suitable`); `Unsuitable` is false. */
  suitableAccommodation: boolean | null
}

/**
 * An episode of a looked-after child missing or away from placement (SSDA903 missing.csv; Annex A has no list of
 * them, so it is "list 12" here).
 */
export interface MissingEpisode extends AnnexARecord<'startDate' | 'endDate' | 'missing'> {
  startDate: IsoDate | null
  endDate: IsoDate | null
  /** MISSING = M (missing from placement) is true; A (away from placement without authorisation) is false. */
  missing: boolean | null
}

/** Everything the measures read from one Annex A return. Lists 2, 10 and 11 feed no measure yet. */
export interface AnnexA {
  contacts: Contact[]
  referrals: Referral[]
  assessments: Assessment[]
  section47s: Section47[]
  cin: CinEpisode[]
  plans: ProtectionPlan[]
  lookedAfter: LookedAfterEpisode[]
  careLeavers: CareLeaver[]
  /** Only from an SSDA903 return. */
  missing: MissingEpisode[]
}

/**
 * A return with no rows in any list, optionally with some lists filled in.
 * @example emptyAnnexA({ contacts }) // every other list empty
 */
export function emptyAnnexA(lists: Partial<AnnexA> = {}): AnnexA {
  return {
    contacts: [],
    referrals: [],
    assessments: [],
    section47s: [],
    cin: [],
    plans: [],
    lookedAfter: [],
    careLeavers: [],
    missing: [],
    ...lists,
  }
}
