import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Committee, Meeting } from '../../domain/scrutiny/committee.ts'
import { longDate } from '../../domain/calendar/days.ts'
import { committeePageModel, meetingPageModel, meetingsPageModel } from './meeting-pages.ts'

const committee: Committee = {
  id: 1,
  slug: 'panel',
  name: 'Children and Families Scrutiny Panel',
  purpose: 'To undertake the scrutiny of Children and Families Services.',
  termsOfReference: ['Regular scrutiny of performance.'],
  quorum: 3,
  publicInformation: { leadIn: null, sections: [] },
  members: [
    { name: 'Taggart', kind: 'councillor', role: 'chair' },
    { name: 'Rob Sanders', kind: 'appointed', role: 'member' },
  ],
  contacts: [{ role: 'Democratic Support Officer', name: 'Emily Goodwin', phone: '023 8083 2302', email: null }],
}
const meeting: Meeting = {
  id: 2,
  committeeId: 1,
  date: '2018-06-07',
  startTime: '17:30',
  venue: 'Conference Room 3 - Civic Centre',
  status: 'scheduled',
  notice: 'PLEASE NOTE TIME OF MEETING',
}

describe('the meeting pages', () => {
  it('shows a meeting as its front sheet does, with the agenda and page references', () => {
    const model = meetingPageModel({
      meeting,
      committee,
      agenda: [
        {
          id: 9,
          meetingId: 2,
          position: 9,
          kind: 'report',
          title: 'Children and Families - Performance',
          description: 'Report of the Service Director.',
          pages: { from: 7, to: 18 },
        },
      ],
    })
    assert.equal(model.pageTitle, 'Children and Families Scrutiny Panel, Thursday 7 June 2018')
    assert.equal(model.time, '5.30 pm')
    assert.deepEqual(model.committee.members, [
      { text: 'Councillor Taggart (Chair)', href: '/members/councillor-taggart' },
      { text: 'Rob Sanders', href: '/members/rob-sanders' },
    ])
    assert.equal(model.agenda[0]?.pages, '(Pages 7 - 18)')
    assert.equal(model.status.text, 'Scheduled')
  })

  it('lists a municipal year of meetings with links to the other years', () => {
    const model = meetingsPageModel('2018-19', ['2019-20', '2018-19'], [{ meeting, committee }])
    assert.equal(model.yearText, '2018/19')
    assert.equal(model.meetings[0]?.href, '/meetings/2')
    assert.deepEqual(
      model.years.map((y) => [y.text, y.current]),
      [
        ['2019/20', false],
        ['2018/19', true],
      ],
    )
    assert.equal(committeePageModel(committee, [meeting]).meetings[0]?.date, 'Thursday 7 June 2018')
  })

  describe('edge cases', () => {
    it('writes dates with the right weekday across years and leap days', () => {
      assert.equal(longDate('2019-06-06'), 'Thursday 6 June 2019')
      assert.equal(longDate('2020-02-29'), 'Saturday 29 February 2020')
      assert.equal(longDate('2018-01-01'), 'Monday 1 January 2018')
    })

    it('a cancelled meeting says so', () => {
      const model = meetingPageModel({ meeting: { ...meeting, status: 'cancelled' }, committee, agenda: [] })
      assert.equal(model.cancelled, true)
      assert.equal(model.status.text, 'Cancelled')
      assert.deepEqual(model.agenda, [])
    })
  })
})
