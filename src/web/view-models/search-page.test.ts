import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { HIGHLIGHT_START as S, HIGHLIGHT_STOP as E } from '../../domain/search.ts'
import type { SearchRow } from '../../store/search-repository.ts'
import { pageNumbers, resultHref, searchPageModel } from './search-page.ts'

const row = (over: Partial<SearchRow>): SearchRow => ({
  kind: 'report',
  id: 1,
  title: 'Performance',
  snippet: `the ${S}figures${E}`,
  date: '2018-06-07',
  committee: 'Children and Families Scrutiny Panel',
  meetingId: 2,
  itemPosition: 9,
  minuteNumber: null,
  decisionNumber: null,
  parentTitle: null,
  draft: false,
  membersRoom: false,
  ...over,
})

describe('search page', () => {
  it('offers the first, last, current and neighbouring pages', () => {
    assert.deepEqual(pageNumbers(1, 1), [1])
    assert.deepEqual(pageNumbers(1, 3), [1, 2, 3])
    assert.deepEqual(pageNumbers(5, 9), [1, null, 4, 5, 6, null, 9])
  })

  it('links each kind of result to the page it is read on', () => {
    assert.equal(resultHref(row({})), '/meetings/2/items/9')
    assert.equal(resultHref(row({ kind: 'agenda-item', itemPosition: null })), '/meetings/2')
    assert.equal(
      resultHref(row({ kind: 'decision', id: '40-2', minuteNumber: 29, decisionNumber: 2 })),
      '/meetings/2/minutes#minute-29',
    )
    assert.equal(resultHref(row({ kind: 'glossary', id: 'child-protection' })), '/glossary#child-protection')
    assert.equal(resultHref(row({ kind: 'indicator', id: 'uha-started' })), '/indicators/uha-started')
    assert.equal(resultHref(row({ kind: 'recommendation', id: 4 })), '/recommendations/4')
  })

  it('labels results, marks highlights as runs, and says where each belongs', () => {
    const model = searchPageModel({
      request: { text: 'figures', kind: null, page: 1 },
      counts: [{ kind: 'appendix', count: 1 }],
      total: 1,
      page: 1,
      pageCount: 1,
      results: [row({ kind: 'appendix', parentTitle: 'Performance', membersRoom: true })],
    })
    assert.equal(model.status, '1 result for “figures”.')
    const [result] = model.results
    assert.equal(result?.label, 'Appendix')
    assert.equal(result?.tag, 'Members’ Room')
    assert.deepEqual(result?.snippet, [
      { text: 'the ', highlighted: false },
      { text: 'figures', highlighted: true },
    ])
    assert.equal(
      result?.context,
      'Appendix to “Performance”, Children and Families Scrutiny Panel, Thursday 7 June 2018',
    )
    assert.equal(model.pagination, null)
  })

  it('says which numbered decision of which minute a decision is', () => {
    const model = searchPageModel({
      request: { text: 'apprenticeships', kind: 'decision', page: 1 },
      counts: [{ kind: 'decision', count: 1 }],
      total: 1,
      page: 1,
      pageCount: 1,
      results: [row({ kind: 'decision', id: '40-2', minuteNumber: 29, decisionNumber: 2, draft: true })],
    })
    const [result] = model.results
    assert.equal(result?.label, 'Decision')
    assert.equal(result?.tag, 'Draft minutes')
    assert.equal(
      result?.context,
      'Minute 29, decision (ii), Children and Families Scrutiny Panel, Thursday 7 June 2018',
    )
  })
})
