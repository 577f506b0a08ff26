import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Meeting } from '../domain/scrutiny/committee.ts'
import { escapeText, foldLine, meetingsToIcal } from './meetings-ical.ts'

const meeting: Meeting = {
  id: 12,
  committeeId: 1,
  date: '2018-06-07',
  startTime: '17:30',
  venue: 'Conference Room 3 - Civic Centre',
  status: 'scheduled',
  notice: null,
}
const options = {
  baseUrl: 'https://scrutiny.example.gov.uk',
  councilName: 'Southampton City Council',
  generatedAt: '2018-05-30T09:15:00.000Z',
}

describe('the meeting calendar as iCalendar', () => {
  it('has one event per meeting in London time, with a link to its papers', () => {
    const ics = meetingsToIcal([{ meeting, committee: { name: 'Children and Families Scrutiny Panel' } }], options)
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'))
    assert.ok(ics.endsWith('END:VCALENDAR\r\n'))
    assert.match(ics, /\r\nDTSTART;TZID=Europe\/London:20180607T173000\r\n/)
    assert.match(ics, /\r\nUID:meeting-12@scrutiny\.example\.gov\.uk\r\n/)
    assert.match(ics, /\r\nDTSTAMP:20180530T091500Z\r\n/)
    assert.match(ics, /\r\nURL:https:\/\/scrutiny\.example\.gov\.uk\/meetings\/12\r\n/)
    assert.match(ics, /\r\nSTATUS:CONFIRMED\r\n/)
    assert.match(ics, /BEGIN:VTIMEZONE\r\nTZID:Europe\/London/)
    assert.equal(ics.match(/BEGIN:VEVENT/g)?.length, 1)
  })

  describe('edge cases', () => {
    it('marks a cancelled meeting and escapes commas, semicolons and newlines', () => {
      const ics = meetingsToIcal(
        [
          {
            meeting: { ...meeting, status: 'cancelled', venue: 'Room 3, Civic Centre; Southampton\nSO14 7LY' },
            committee: { name: 'Panel' },
          },
        ],
        options,
      )
      assert.match(ics, /STATUS:CANCELLED/)
      assert.match(ics, /SUMMARY:CANCELLED: Panel/)
      assert.match(ics, /LOCATION:Room 3\\, Civic Centre\\; Southampton\\nSO14 7LY/)
      assert.equal(escapeText('a\\b'), 'a\\\\b')
    })

    it('folds long lines at 75 octets without splitting a character, and no line is longer', () => {
      const folded = foldLine(`DESCRIPTION:${'é'.repeat(100)}`)
      for (const line of folded.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line)
      assert.equal(folded.replace(/\r\n /g, ''), `DESCRIPTION:${'é'.repeat(100)}`)
      assert.equal(foldLine('SHORT'), 'SHORT')
    })

    it('an empty calendar is still valid', () => {
      const ics = meetingsToIcal([], options)
      assert.doesNotMatch(ics, /VEVENT/)
      assert.match(ics, /END:VCALENDAR\r\n$/)
    })
  })
})
