import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { escapeMarkup } from './markup-text.ts'

describe('escapeMarkup', () => {
  it('escapes the five characters markup gives meaning to', () => {
    assert.equal(
      escapeMarkup(`<a href="x">Tom & Jerry's</a>`),
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    )
  })

  it('escapes an ampersand once, so text that already looks escaped stays as typed', () => {
    assert.equal(escapeMarkup('&amp; &#39;'), '&amp;amp; &amp;#39;')
  })

  it('leaves out the control characters XML 1.0 forbids but keeps tab, line feed and carriage return', () => {
    assert.equal(escapeMarkup('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg'), 'abcdefg')
    assert.equal(escapeMarkup('a\tb\nc\rd'), 'a\tb\nc\rd')
  })

  it('leaves out U+FFFE, U+FFFF and lone surrogates but keeps a whole surrogate pair', () => {
    assert.equal(escapeMarkup('a\uFFFEb\uFFFFc'), 'abc')
    assert.equal(escapeMarkup('\uD83D\uDE00 \uDC00 \uD83D'), '\uD83D\uDE00  ')
  })

  it('leaves other text alone, including non-ASCII letters and symbols', () => {
    assert.equal(escapeMarkup('Increase – positive ▲ café'), 'Increase – positive ▲ café')
    assert.equal(escapeMarkup(''), '')
  })
})
