import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  HIGHLIGHT_START as S,
  HIGHLIGHT_STOP as E,
  SEARCH_MAX_LENGTH,
  SEARCH_MAX_PAGE,
  highlightParts,
  readSearchRequest,
  searchPages,
} from './search.ts'

describe('readSearchRequest', () => {
  it('reads the words, kind and page as typed', () => {
    assert.deepEqual(readSearchRequest({ q: '  early   help ', type: 'minute', page: '2' }), {
      text: 'early help',
      kind: 'minute',
      page: 2,
    })
  })

  it('reads anything odd as its default rather than refusing', () => {
    assert.deepEqual(readSearchRequest({ q: ['a', 'b'], type: 'secret', page: '-1' }), {
      text: '',
      kind: null,
      page: 1,
    })
    // Links made when a minute's whole resolution was a result narrow to its decisions now.
    assert.equal(readSearchRequest({ q: 'a', type: 'resolution' }).kind, 'decision')
    assert.equal(readSearchRequest({ page: '0' }).page, 1)
    assert.equal(readSearchRequest({ page: '9999' }).page, SEARCH_MAX_PAGE)
  })

  it('cuts long text, and drops control characters and the highlight sentinels', () => {
    assert.equal(readSearchRequest({ q: 'x'.repeat(500) }).text.length, SEARCH_MAX_LENGTH)
    assert.equal(readSearchRequest({ q: `a\u0000b${S}c${E}\td` }).text, 'a bc d')
  })
})

describe('highlightParts', () => {
  it('splits a headline into plain and highlighted runs', () => {
    assert.deepEqual(highlightParts(`the ${S}child${E} in ${S}need${E}`), [
      { text: 'the ', highlighted: false },
      { text: 'child', highlighted: true },
      { text: ' in ', highlighted: false },
      { text: 'need', highlighted: true },
    ])
  })

  it('keeps markup as text, for the view to escape', () => {
    assert.deepEqual(highlightParts(`<b>${S}&amp;${E}</b>`), [
      { text: '<b>', highlighted: false },
      { text: '&amp;', highlighted: true },
      { text: '</b>', highlighted: false },
    ])
  })

  it('copes with unpartnered sentinels and empty runs', () => {
    assert.deepEqual(highlightParts(`${S}${E}a${E}b${S}c`), [
      { text: 'ab', highlighted: false },
      { text: 'c', highlighted: true },
    ])
    assert.deepEqual(highlightParts(''), [])
  })
})

describe('searchPages', () => {
  it('works out the offset and page count', () => {
    assert.deepEqual(searchPages(0, 1), { offset: 0, pageCount: 1 })
    assert.deepEqual(searchPages(45, 3), { offset: 40, pageCount: 3 })
    assert.deepEqual(searchPages(45, 9), { offset: 40, pageCount: 3 })
  })
})
