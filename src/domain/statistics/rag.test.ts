import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Polarity } from '../catalogue.ts'
import examples from './rag.examples.json' with { type: 'json' }
import { ragStatus } from './rag.ts'

describe('ragStatus', () => {
  for (const example of examples.ragStatus) {
    it(`${String(example.value)} against ${String(example.target)} (${example.polarity}): ${example.why}`, () => {
      const actual = ragStatus(example.polarity as Polarity, example.value, example.target, example.tolerancePercent)
      assert.equal(actual, example.expected)
    })
  }
})

describe('edge cases', () => {
  it('mirrors the amber band for lower-is-better', () => {
    // Target 100, 5 %: higher-is-better is amber from 95 to under 100; lower-is-better is amber above 100 to 105.
    assert.equal(ragStatus('higher', 95, 100, 5), 'amber')
    assert.equal(ragStatus('higher', 94.99, 100, 5), 'red')
    assert.equal(ragStatus('lower', 105, 100, 5), 'amber')
    assert.equal(ragStatus('lower', 105.01, 100, 5), 'red')
    assert.equal(ragStatus('higher', 105, 100, 5), 'green')
    assert.equal(ragStatus('lower', 95, 100, 5), 'green')
  })

  it('sizes the band from a negative target by its size', () => {
    // Target −20, 5 %: the band is 1 wide either way.
    assert.equal(ragStatus('higher', -20.5, -20, 5), 'amber')
    assert.equal(ragStatus('lower', -19.5, -20, 5), 'amber')
    assert.equal(ragStatus('lower', -18.9, -20, 5), 'red')
  })

  it('has no RAG for a neutral indicator even with a target and a value', () => {
    assert.equal(ragStatus('neutral', 0, 0, 5), null)
  })

  it('treats a value of 0 as a value', () => {
    assert.equal(ragStatus('lower', 0, 10, 5), 'green')
    assert.equal(ragStatus('higher', 0, 10, 5), 'red')
  })
})
