import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { because, createWindow, hasChildId, isExclusion, referenceDate } from './engine.ts'

describe('because', () => {
  it('gives one shared exclusion per reason', () => {
    assert.equal(because('The ICPC date is blank.'), because('The ICPC date is blank.'))
    assert.deepEqual(because('x'), { excluded: 'x' })
  })
})

describe('createWindow', () => {
  it('gives each month its last day and the reference date', () => {
    const window = createWindow(['2020-01', '2020-02'])
    assert.deepEqual(window.ends, ['2020-01-31', '2020-02-29'])
    assert.equal(referenceDate(window), '2020-02-29')
  })
})

describe('edge cases', () => {
  it('tells exclusions from verdicts and from open spans', () => {
    assert.equal(isExclusion(because('x')), true)
    assert.equal(isExclusion('numerator'), false)
    assert.equal(isExclusion([0, 3]), false)
    assert.equal(isExclusion(null), false)
  })

  it('treats a blank or spaces-only child ID as no child', () => {
    assert.equal(hasChildId({ childId: '' }), false)
    assert.equal(hasChildId({ childId: '  ' }), false)
    assert.equal(hasChildId({ childId: '0' }), true)
  })

  it('refuses an empty window', () => {
    assert.throws(() => createWindow([]), RangeError)
  })
})
