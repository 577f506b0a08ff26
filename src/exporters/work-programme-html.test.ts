import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { WorkProgrammeItem } from '../domain/scrutiny/work-programme.ts'
import { asksForWorkProgramme, workProgrammeHtml } from './work-programme-html.ts'

const item = (over: Partial<WorkProgrammeItem>): WorkProgrammeItem => ({
  id: 1,
  committeeId: 1,
  title: 'Young Inspectors Scheme',
  purpose: 'To hear about it',
  leadOfficer: 'Service Director',
  meetingId: null,
  plannedMonth: '2019-09',
  status: 'planned',
  agendaItemId: null,
  deferralReason: null,
  ...over,
})

describe('the work programme in the pack', () => {
  it('is asked for by the agenda item "Forward plan / work programme"', () => {
    assert.equal(asksForWorkProgramme('Forward plan / work programme'), true)
    assert.equal(asksForWorkProgramme('Work Programme 2019/20'), true)
    assert.equal(asksForWorkProgramme('Children and Families - Performance'), false)
  })

  it('prints what is still to come, by meeting or month, escaped; done items are left out', () => {
    const html = workProgrammeHtml(
      [
        item({ id: 1 }),
        item({ id: 2, title: '<script>', meetingId: 7, plannedMonth: null, status: 'on-agenda' }),
        item({ id: 3, title: 'Done already', status: 'done' }),
      ],
      [
        {
          id: 7,
          committeeId: 1,
          date: '2019-07-25',
          startTime: '17:30',
          venue: 'Civic Centre',
          status: 'scheduled',
          notice: null,
        },
      ],
    )
    assert.ok(html.indexOf('25 July 2019') < html.indexOf('September 2019'))
    assert.match(html, /&lt;script&gt;/)
    assert.match(html, /On an agenda/)
    assert.doesNotMatch(html, /Done already|<script>/)
    assert.equal(workProgrammeHtml([], []), '<p class="govuk-body">Nothing further is planned.</p>')
  })
})
