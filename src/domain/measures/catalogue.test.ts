import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MEASURES, measureDefinition } from './catalogue.ts'

// Every id in the tables of docs/spec/measures.md, in order.
const EVENT = [
  'contacts',
  'referrals',
  'referral-rate',
  'contacts-to-referrals',
  're-referrals',
  'referrals-nfa',
  'assessments-completed',
  'assessments-in-45wd',
  'assessment-duration-0-10',
  'assessment-duration-11-25',
  'assessment-duration-26-35',
  'assessment-duration-36-45',
  'assessment-duration-over-45',
  'assessments-no-further-support',
  's47-started',
  's47-rate',
  'icpcs',
  'icpc-rate',
  'icpcs-in-15wd',
  'icpcs-to-cpp',
  'cpp-started',
  'cpp-repeat',
  'cpp-ceased',
  'lac-started',
  'lac-ceased',
  'adoptions',
  'sgos',
  'missing-episodes',
]
const STOCK = ['cin-open', 'cpp-open', 'cpp-rate', 'lac-open', 'lac-rate', 'uasc-open', 'lac-ifa']
const SNAPSHOT = [
  'cp-visits-in-time',
  'cpp-2-years-plus',
  'lac-visits-in-time',
  'care-leavers-in-touch',
  'care-leavers-suitable',
]

describe('MEASURES', () => {
  it('holds every measure of the spec, once, in order, with its kind', () => {
    assert.deepEqual(
      MEASURES.map((m) => [m.id, m.kind]),
      [
        ...EVENT.map((id) => [id, 'event']),
        ...STOCK.map((id) => [id, 'stock']),
        ...SNAPSHOT.map((id) => [id, 'snapshot']),
      ],
    )
  })

  it('gives each a unit, the lists it reads, a definition and a source', () => {
    for (const m of MEASURES) {
      assert.ok(m.title.length > 0 && m.definition.length > 20 && m.source.length > 0, m.id)
      // Lists 1–11 are Annex A's; 12 is SSDA903's missing episodes, which Annex A has no list for.
      assert.ok(m.lists.length > 0 && m.lists.every((n) => n >= 1 && n <= 12), m.id)
    }
    const unit = (id: string): string | undefined => MEASURES.find((m) => m.id === id)?.unit
    assert.equal(unit('referral-rate'), 'rate per 10,000')
    assert.equal(unit('cpp-rate'), 'rate per 10,000')
    assert.equal(unit('icpcs-in-15wd'), 'percentage')
    assert.equal(unit('uasc-open'), 'count')
    assert.deepEqual(MEASURES.find((m) => m.id === 'contacts-to-referrals')?.lists, [1, 3])
  })

  it('cites Working Together for the ICPC timescale and SSDA903 for reasons ceased', () => {
    assert.match(
      MEASURES.find((m) => m.id === 'icpcs-in-15wd')?.source ?? '',
      /Working Together to Safeguard Children 2023/,
    )
    assert.match(MEASURES.find((m) => m.id === 'adoptions')?.source ?? '', /SSDA903/)
  })
})

describe('edge cases', () => {
  it('has no definition for an unknown id', () => {
    assert.equal(measureDefinition('nope'), undefined)
    assert.equal(measureDefinition('contacts')?.id, 'contacts')
  })

  it('has unique ids', () => {
    assert.equal(new Set(MEASURES.map((m) => m.id)).size, MEASURES.length)
  })
})
