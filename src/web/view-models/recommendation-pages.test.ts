import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Recommendation } from '../../domain/scrutiny/recommendations.ts'
import {
  DEFAULT_RECOMMENDATION_FILTERS,
  filterRecommendations,
  parseRecommendationFilters,
  recommendationsQuery,
  recommendationPageModel,
  shortDate,
  trackerPageModel,
} from './recommendation-pages.ts'

const base: Recommendation = {
  id: 1,
  committeeId: 1,
  meetingId: null,
  madeOn: '2015-06-25',
  title: 'Children and Families Performance (Cllr Jeffery)',
  number: 2,
  text: 'That the Cabinet Member works with the Head of Service…',
  leadOfficer: null,
  responseDue: '2015-08-24',
  status: 'awaiting-response',
  respondedOn: null,
  updates: [],
}

describe('the recommendations pages', () => {
  it('flags a recommendation with no response after its due date, and counts open and overdue ones', () => {
    const done: Recommendation = { ...base, id: 2, status: 'completed', respondedOn: '2015-07-01' }
    const model = trackerPageModel([base, done], '2015-09-01', parseRecommendationFilters({}))
    assert.deepEqual(model.counts, { all: 2, open: 1, overdue: 1 })
    assert.equal(model.rows.length, 1)
    assert.equal(model.rows[0]?.overdue, true)
    assert.equal(model.rows[0]?.date, '25/06/15')
    assert.equal(model.rows[0]?.responseDue, 'Monday 24 August 2015')
    assert.equal(
      trackerPageModel([base, done], '2015-09-01', parseRecommendationFilters({ status: 'all' })).rows.length,
      2,
    )
  })

  it('says when a response is awaited and not yet late, but not once it is late or has come', () => {
    const rows = trackerPageModel(
      [base, { ...base, id: 2, status: 'accepted' }],
      '2015-08-24',
      parseRecommendationFilters({ status: 'all' }),
    ).rows
    assert.deepEqual(
      rows.map((r) => [r.overdue, r.awaitingResponse]),
      [
        [false, true],
        [false, false],
      ],
    )
    assert.equal(
      trackerPageModel([base], '2015-08-25', parseRecommendationFilters({ status: 'all' })).rows[0]?.awaitingResponse,
      false,
    )
  })

  describe('edge cases', () => {
    it('not overdue on the due date itself; undated updates say so', () => {
      const model = recommendationPageModel(
        {
          ...base,
          updates: [
            { id: 1, dated: null, text: 'Earlier action', status: null, recordedBy: 'x', recordedAt: '2015-01-01' },
          ],
        },
        '2015-08-24',
      )
      assert.equal(model.recommendation.overdue, false)
      assert.equal(model.recommendation.updates[0]?.dated, 'Undated (recorded before Scrutineer)')
      assert.equal(shortDate('2019-01-05'), '05/01/19')
    })
  })
})

describe('the tracker filters', () => {
  const list: Recommendation[] = [
    { ...base, id: 1, leadOfficer: 'Service Lead, MASH' },
    { ...base, id: 2, status: 'completed', respondedOn: '2015-07-01', leadOfficer: 'Head of Service' },
    { ...base, id: 3, madeOn: '2018-07-26', responseDue: '2018-09-26', status: 'accepted', respondedOn: '2018-08-01' },
  ]
  const ids = (query: Record<string, string>, asOf = '2015-09-01') =>
    filterRecommendations(list, parseRecommendationFilters(query), asOf).map((r) => r.id)

  it('shows open ones by default, any status, or one status', () => {
    assert.deepEqual(ids({}), [1, 3])
    assert.deepEqual(ids({ status: 'all' }), [1, 2, 3])
    assert.deepEqual(ids({ status: 'completed' }), [2])
  })

  it('filters by overdue, lead officer and the date of the meeting that made it', () => {
    assert.deepEqual(ids({ overdue: 'yes' }), [1])
    assert.deepEqual(ids({ status: 'all', officer: 'Head of Service' }), [2])
    assert.deepEqual(ids({ status: 'all', meeting: '2018-07-26' }), [3])
  })

  it('counts what is shown, echoes the filters and links the CSV of the same filters', () => {
    const model = trackerPageModel(list, '2015-09-01', parseRecommendationFilters({ overdue: 'yes' }))
    assert.equal(model.countText, 'Showing 1 of 3 recommendations')
    assert.equal(model.csvHref, '/recommendations.csv?overdue=yes')
    assert.equal(model.filters.overdue, true)
    assert.equal(model.filters.active, true)
    assert.deepEqual(
      model.filters.officers.map((o) => o.text),
      ['Any lead officer', 'Head of Service', 'Service Lead, MASH'],
    )
    assert.deepEqual(
      model.filters.meetings.map((o) => o.value),
      ['', '2018-07-26', '2015-06-25'],
    )
    assert.equal(model.filters.statuses.find((o) => o.selected)?.value, 'open')
  })

  describe('edge cases', () => {
    it('reads anything unknown as the default, and the older show=all link as any status', () => {
      assert.deepEqual(
        parseRecommendationFilters({ status: 'lost', overdue: 'maybe', meeting: 'June', officer: '  ' }),
        DEFAULT_RECOMMENDATION_FILTERS,
      )
      assert.equal(parseRecommendationFilters({ show: 'all' }).status, 'all')
      assert.equal(parseRecommendationFilters(undefined).status, 'open')
    })

    it('writes no query for the default filters, and encodes an officer with spaces and commas', () => {
      assert.equal(recommendationsQuery(DEFAULT_RECOMMENDATION_FILTERS), '')
      assert.equal(
        recommendationsQuery(parseRecommendationFilters({ status: 'all', officer: 'Service Lead, MASH' })),
        '?status=all&officer=Service+Lead%2C+MASH',
      )
      assert.equal(trackerPageModel(list, '2015-09-01').filters.active, false)
    })
  })
})
