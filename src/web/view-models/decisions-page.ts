/**
 * The decisions register, `/decisions`: every RESOLVED decision of the committees' minutes, each on its own row
 * with its committee, meeting, date, minute and number ("(i)", "(ii)"…) and outcome, filtered by a GET form.
 */
import { municipalYearOf } from '../../domain/calendar/municipal-year.ts'
import type { Committee } from '../../domain/scrutiny/committee.ts'
import {
  filterDecisions,
  outcomeText,
  romanNumeral,
  type DecisionFilter,
  type RegisteredDecision,
} from '../../domain/scrutiny/decisions.ts'
import { printedDate } from '../../domain/scrutiny/minutes.ts'

export function decisionsPageModel(
  decisions: readonly RegisteredDecision[],
  committees: readonly Pick<Committee, 'id' | 'name'>[],
  filter: DecisionFilter,
) {
  const shown = filterDecisions(decisions, filter)
  const years = [...new Set(decisions.map((d) => municipalYearOf(d.date)))].sort().reverse()
  const option = (value: string, text: string, chosen: string) => ({ value, text, selected: value === chosen })
  return {
    pageTitle: 'Decisions register',
    filter,
    committees: [
      option('', 'All committees', filter.committee),
      ...committees.map((c) => option(String(c.id), c.name, filter.committee)),
    ],
    years: [option('', 'All years', filter.year), ...years.map((y) => option(y, y.replace('-', '/'), filter.year))],
    outcomes: [
      option('', 'Any outcome', filter.outcome),
      option('recommendation', 'A recommendation was made', filter.outcome),
      option('no-recommendation', 'No recommendation', filter.outcome),
    ],
    count: shown.length,
    total: decisions.length,
    rows: shown.map((d) => ({
      committee: d.committee,
      date: printedDate(d.date),
      meetingHref: `/meetings/${d.meetingId}`,
      minuteHref: `/meetings/${d.meetingId}/minutes#minute-${d.minuteNumber}`,
      minute: `${d.minuteNumber}. ${d.minuteTitle}`,
      number: `(${romanNumeral(d.number)})`,
      text: d.text,
      draft: d.minutesStatus === 'draft',
      outcome: outcomeText(d.recommendation),
      recommendationHref: d.recommendation === null ? null : `/recommendations/${d.recommendation.id}`,
    })),
  }
}
