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

/**
 * The instant of a London wall-clock time: a meeting at 17:30 on a summer's day is 16:30 UTC. (A time the clocks
 * skip in spring is read as the hour after; one they repeat in autumn as the first of the two.)
 * @example londonInstant('2018-06-07', '17:30') // '2018-06-07T16:30:00.000Z'
 * @example londonInstant('2018-03-22', '17:30') // '2018-03-22T17:30:00.000Z'
 */
export function londonInstant(date: IsoDate, time: string): string {
  const asUtc = Date.parse(`${date}T${time}:00Z`)
  const offsetAt = (ms: number): number => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(ms))
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
    return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute')) - ms
  }
  // London is UTC or one hour ahead: the offset at the guessed instant, checked once at the corrected one.
  const first = asUtc - offsetAt(asUtc)
  return new Date(asUtc - offsetAt(first)).toISOString()
}
