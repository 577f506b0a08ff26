/** Referrals (Annex A list 3): referrals, their rate, the contact conversion and referrals closed with no further action. */
import { contacts } from './contacts.ts'
import { eventMeasure, isInvalid, NUMERATOR, DENOMINATOR, rateOf, ratioOf, unreadable } from './engine.ts'
import { ANNEX_A, CIN_CENSUS, POPULATION } from './sources.ts'

/**
 * referrals: rows of list 3 whose Date of referral is in the month.
 * @example a referral on 2018-04-03 counts in April 2018.
 */
export const referrals = eventMeasure({
  id: 'referrals',
  title: 'Referrals',
  unit: 'count',
  list: 'referrals',
  placeBy: 'referralDate',
  shows: ['referralDate'],
  definition:
    "The number of referrals to children's social care in the month: rows of list 3 whose date of referral is in the month.",
  source: CIN_CENSUS,
})

/**
 * referral-rate: referrals in the month × 10,000 ÷ the child population of the month's financial year.
 * @example 50 referrals with a population of 40,000 is 12.5 per 10,000.
 */
export const referralRate = rateOf(referrals, {
  id: 'referral-rate',
  title: 'Referrals per 10,000 children',
  definition:
    'Referrals in the month per 10,000 children aged 0–17: referrals × 10,000 ÷ the population of the financial year containing the month.',
  source: `${CIN_CENSUS}; ${POPULATION}`,
})

/**
 * contacts-to-referrals: referrals in the month as a percentage of contacts in the month. The two come from
 * different lists, so a month can exceed 100%.
 * @example 40 referrals and 160 contacts in April 2018 is 25%.
 */
export const contactsToReferrals = ratioOf(referrals, contacts, {
  id: 'contacts-to-referrals',
  title: 'Contacts that became referrals',
  definition:
    'Referrals in the month (list 3) as a percentage of contacts in the month (list 1). They are counted separately, not matched child by child.',
  source: ANNEX_A,
})

const BAD_NFA = unreadable('referrals', 'nfa')

/**
 * referrals-nfa: referrals in the month whose "Referral NFA?" is Yes, as a percentage of referrals in the month.
 * A blank answer is not Yes (denominator only); an unreadable one leaves the row out.
 * @example 3 of 40 April referrals marked NFA = Yes is 7.5%.
 */
export const referralsNfa = eventMeasure({
  id: 'referrals-nfa',
  title: 'Referrals closed with no further action',
  unit: 'percentage',
  list: 'referrals',
  placeBy: 'referralDate',
  shows: ['referralDate'],
  classify: (row) => {
    if (isInvalid(row, 'nfa')) return BAD_NFA
    return row.nfa === true ? NUMERATOR : DENOMINATOR
  },
  detail: (row) => ({ note: `Referral NFA? ${row.nfa === null ? 'blank' : row.nfa ? 'Yes' : 'No'}` }),
  definition:
    'Referrals in the month where "Referral NFA?" is Yes, as a percentage of all referrals in the month. A blank answer counts as not Yes.',
  source: `${CIN_CENSUS}; ${ANNEX_A}`,
})
