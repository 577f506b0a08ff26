import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ContentCache, deepFreeze } from './content-cache.ts'

describe('ContentCache', () => {
  const byLength = () => new ContentCache<string>(10, (value) => value.length)

  it('gives back what it keeps', () => {
    const cache = byLength()
    cache.set('a', 'abc')
    assert.equal(cache.get('a'), 'abc')
    assert.equal(cache.get('b'), undefined)
    assert.equal(cache.weight, 3)
  })

  it('evicts the least recently used entries when over its weight', () => {
    const cache = byLength()
    cache.set('a', 'aaaa')
    cache.set('b', 'bbbb')
    cache.get('a') // a is now the most recently used
    cache.set('c', 'cccc')
    assert.equal(cache.get('b'), undefined)
    assert.equal(cache.get('a'), 'aaaa')
    assert.equal(cache.get('c'), 'cccc')
    assert.equal(cache.weight, 8)
  })

  it('replaces a key without counting it twice', () => {
    const cache = byLength()
    cache.set('a', 'aaaa')
    cache.set('a', 'aaaaa')
    assert.equal(cache.weight, 5)
    assert.equal(cache.size, 1)
  })

  it('does not keep a value heavier than the whole cache, nor keep an older one under its key', () => {
    const cache = byLength()
    cache.set('a', 'aa')
    cache.set('a', 'x'.repeat(11))
    assert.equal(cache.get('a'), undefined)
    assert.equal(cache.weight, 0)
  })

  it('forgets on delete and clear', () => {
    const cache = byLength()
    cache.set('a', 'aa')
    cache.set('b', 'bb')
    cache.delete('a')
    assert.equal(cache.get('a'), undefined)
    assert.equal(cache.weight, 2)
    cache.clear()
    assert.equal(cache.size, 0)
    assert.equal(cache.weight, 0)
  })
})

describe('deepFreeze', () => {
  it('freezes nested objects and arrays so a shared value cannot be changed', () => {
    const value = deepFreeze({ pack: { indicators: [{ id: 'a', values: [1, 2] }] } })
    assert.throws(() => {
      ;(value.pack.indicators[0] as { id: string }).id = 'b'
    }, TypeError)
    assert.throws(() => {
      value.pack.indicators[0]?.values.push(3)
    }, TypeError)
  })
})
