import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { breadcrumbsFor } from './breadcrumbs.ts'

const texts = (path: string) => breadcrumbsFor(path).map((c) => `${c.text} ${c.href}`)

describe('breadcrumbs', () => {
  it('gives top-level pages none', () => {
    for (const path of ['/', '/datasets', '/meetings', '/glossary', '/recommendations', '/load-data', '/admin/users']) {
      assert.deepEqual(breadcrumbsFor(path), [], path)
    }
  })

  it('names each page above, leaving out addresses that are not pages', () => {
    assert.deepEqual(texts('/datasets/monthly/2018-06/commentary/cpp-count'), [
      'Home /',
      'Datasets /datasets',
      'Monthly: June 2018 /datasets/monthly/2018-06',
      'Commentary /datasets/monthly/2018-06/commentary',
    ])
    assert.deepEqual(texts('/datasets/early-help/2018-06'), ['Home /', 'Datasets /datasets'])
    assert.deepEqual(texts('/indicators/cpp-count'), ['Home /'])
    assert.deepEqual(texts('/indicators/cpp-count/children?month=2018-05'), [
      'Home /',
      'Indicator /indicators/cpp-count',
    ])
    assert.deepEqual(texts('/meetings/2/items/9/report'), [
      'Home /',
      'Meetings /meetings',
      'Meeting /meetings/2',
      'Item 9 /meetings/2/items/9',
    ])
    assert.deepEqual(texts('/admin/users/4'), ['Home /', 'Users /admin/users'])
    assert.deepEqual(texts('/recommendations/new'), ['Home /', 'Recommendations /recommendations'])
  })
})
