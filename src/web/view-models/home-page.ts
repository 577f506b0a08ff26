/**
 * The signed-in home page's "Your work": one line per thing waiting for the person, each a link to the page where
 * they act on it. Someone with nothing waiting is told so rather than shown an empty list.
 */
import { displayDate } from '../../domain/calendar/days.ts'
import { londonDate } from '../../domain/calendar/london-time.ts'
import { formatPeriodLong } from '../../domain/period.ts'
import type { YourWork } from '../../services/work-service.ts'

/** One line of "Your work": a link, and words after it that say what the link leads to. */
export interface WorkItem {
  text: string
  href: string
  /** Said after the link, not part of it (a date, how many were returned). */
  detail: string | null
}

export interface HomePageModel {
  pageTitle: string
  heading: string
  items: WorkItem[]
  /** Said when `items` is empty. */
  nothingWaiting: string
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/** "26 September" when the deadline falls in the meeting's year, otherwise the whole date. */
function dayInYear(date: string, sameYearAs: string): string {
  const whole = displayDate(date)
  return date.slice(0, 4) === sameYearAs.slice(0, 4) ? whole.slice(0, whole.lastIndexOf(' ')) : whole
}

function monthHref(datasetId: string, period: string, page: 'commentary' | 'cycle'): string {
  return `/datasets/${encodeURIComponent(datasetId)}/${period}/${page}`
}

/**
 * Builds the home page for a signed-in person from what waits for them.
 * @example homePageModel(work, 'Jane White').items[0].text // 'Your commentary: 3 indicators to write for June 2018'
 */
export function homePageModel(work: YourWork, name: string): HomePageModel {
  const items: WorkItem[] = []

  for (const month of work.commentary ?? []) {
    if (month.toWrite === 0 && month.returned === 0) continue
    // The wording: "Your commentary: 3 indicators to write for May 2018, 1 returned".
    const returned = month.returned > 0 ? `, ${month.returned} returned` : ''
    items.push({
      text: `Your commentary: ${plural(month.toWrite, 'indicator', 'indicators')} to write for ${formatPeriodLong(month.period)}${returned}`,
      href: monthHref(month.dataset.id, month.period, 'commentary'),
      detail: month.dataset.title,
    })
  }
  for (const month of work.signOff ?? []) {
    if (month.awaiting === 0) continue
    items.push({
      text: `Awaiting your sign-off: ${month.awaiting}`,
      href: monthHref(month.dataset.id, month.period, 'commentary'),
      detail: `${month.dataset.title}, ${formatPeriodLong(month.period)}`,
    })
  }
  if (work.papers !== null) {
    const { meeting, dueBy, publishedAt, committeeName } = work.papers
    const text =
      publishedAt === null
        ? `Papers for ${displayDate(meeting.date)} must be published by ${dayInYear(dueBy, meeting.date)}`
        : `Papers for ${displayDate(meeting.date)} were published on ${displayDate(londonDate(publishedAt))}`
    items.push({
      text,
      href: `/meetings/${meeting.id}`,
      detail: publishedAt === null && dueBy < work.today ? `${committeeName}: the deadline has passed` : committeeName,
    })
  }
  if (work.recommendations !== null && work.recommendations.overdue > 0) {
    items.push({
      text: `Recommendations overdue: ${work.recommendations.overdue}`,
      // The tracker filtered to the overdue ones (its GET filters).
      href: '/recommendations?overdue=yes',
      detail: null,
    })
  }
  for (const month of work.months ?? []) {
    items.push({
      text: `${month.dataset.title}, ${formatPeriodLong(month.period)}: the month's cycle`,
      href: monthHref(month.dataset.id, month.period, 'cycle'),
      detail: null,
    })
  }
  return {
    pageTitle: 'Your work',
    heading: 'Your work',
    items,
    nothingWaiting: `Nothing is waiting for you, ${name}.`,
  }
}
