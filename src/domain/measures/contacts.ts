/** Contacts (Annex A list 1). */
import { eventMeasure } from './engine.ts'
import { ANNEX_A } from './sources.ts'

/**
 * contacts: rows of list 1 whose Date of Contact is in the month.
 * @example a contact on 2018-04-30 counts in April 2018; one on 2018-05-01 in May.
 */
export const contacts = eventMeasure({
  id: 'contacts',
  title: 'Contacts',
  unit: 'count',
  list: 'contacts',
  placeBy: 'contactDate',
  shows: ['contactDate'],
  definition: 'The number of contacts received in the month: rows of list 1 whose date of contact is in the month.',
  source: ANNEX_A,
})
