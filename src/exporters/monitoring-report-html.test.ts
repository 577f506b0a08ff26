import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Recommendation } from '../domain/scrutiny/recommendations.ts'
import { monitoringReportHtml } from './monitoring-report-html.ts'

const recommendation: Recommendation = {
  id: 1,
  committeeId: 1,
  meetingId: null,
  madeOn: '2015-06-25',
  title: 'Children and Families Performance (Cllr Jeffery)',
  number: 3,
  text: 'That officers contact Portsmouth City Council.',
  leadOfficer: 'Head of Service',
  responseDue: '2015-08-20',
  status: 'in-progress',
  respondedOn: '2015-08-01',
  updates: [
    { id: 1, dated: null, text: 'Data for Bristol included.', status: null, recordedBy: 'x', recordedAt: '' },
    { id: 2, dated: '2015-09-01', text: 'Met Portsmouth.', status: 'in-progress', recordedBy: 'x', recordedAt: '' },
  ],
}

describe('the monitoring report printed in the pack', () => {
  it("prints one row per recommendation in the council's columns", () => {
    const html = monitoringReportHtml([recommendation])
    assert.match(
      html,
      /<th scope="col">Date<\/th>.*<th scope="col">Action Taken<\/th><th scope="col">Progress Status<\/th>/,
    )
    assert.match(
      html,
      /<tr><td>25\/06\/15<\/td><td>Children and Families Performance \(Cllr Jeffery\)<\/td><td><p class="govuk-body-s">3\) That officers contact Portsmouth City Council\.<\/p><p class="govuk-body-s">Lead officer: Head of Service<\/p><\/td>/,
    )
    assert.match(
      html,
      /<p class="govuk-body-s">Data for Bristol included\.<\/p><p class="govuk-body-s"><strong>1 September 2015:<\/strong> Met Portsmouth\.<\/p>/,
    )
    assert.match(html, /<td>In progress<\/td><\/tr>/i)
  })

  describe('edge cases', () => {
    it('escapes what officers typed and says when a response is due rather than whether it is late', () => {
      const html = monitoringReportHtml([
        { ...recommendation, text: '<script>x</script>', leadOfficer: null, status: 'awaiting-response', updates: [] },
      ])
      assert.match(html, /&lt;script&gt;x&lt;\/script&gt;/)
      assert.doesNotMatch(html, /<script>/)
      assert.doesNotMatch(html, /Lead officer/)
      assert.match(html, /None reported\./)
      assert.match(html, /Response due 20 August 2015/)
      assert.doesNotMatch(html, /Overdue/)
    })

    it('says there is nothing to report instead of an empty table', () => {
      const html = monitoringReportHtml([])
      assert.match(html, /There are no recommendations to report\./)
      assert.doesNotMatch(html, /<table/)
    })
  })
})
