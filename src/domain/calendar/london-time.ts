/**
 * Moments (ISO 8601 instants, as the database stores them) read in London time: the calendar day and the wall-clock
 * time the council's papers print, whatever the server's own time zone.
 */
import { MONTH_NAMES } from '../period.ts'
import { meetingTime } from '../scrutiny/committee.ts'
import type { IsoDate } from './days.ts'

/**
 * A moment as the council prints it on papers, in London time, the time as meeting times print.
 * @example londonDateTime('2018-05-31T13:05:00.000Z') // '31 May 2018 at 2.05 pm' (British Summer Time)
 * @example londonDateTime('2018-01-10T09:30:00.000Z') // '10 January 2018 at 9.30 am'
 */
export function londonDateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${Number(part('day'))} ${MONTH_NAMES[Number(part('month')) - 1] ?? ''} ${part('year')} at ${meetingTime(`${part('hour')}:${part('minute')}`)}`
}

/**
 * The London calendar date of a moment: the day papers count as published for the clear-days rule.
 * @example londonDate('2018-05-30T23:30:00.000Z') // '2018-05-31' (00:30 BST)
 */
export function londonDate(iso: string): IsoDate {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}
