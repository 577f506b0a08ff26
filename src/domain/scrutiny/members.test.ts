import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  attendanceByYear,
  declarationNames,
  interestDetails,
  isSubstitute,
  memberSlug,
  membershipByYear,
  placeChanges,
} from './members.ts'

describe('members', () => {
  it('gives each member a page address', () => {
    assert.equal(memberSlug("O'Neill", 'councillor'), 'councillor-oneill')
    assert.equal(memberSlug('J Baillie', 'councillor'), 'councillor-j-baillie')
    assert.equal(memberSlug('Rob Sanders', 'appointed'), 'rob-sanders')
  })

  it('counts attendance per municipal year, May to April', () => {
    const years = attendanceByYear(
      [
        { date: '2018-03-22', attendance: 'present' },
        { date: '2018-06-07', attendance: 'apologies' },
        { date: '2019-04-30', attendance: 'substituted' },
        { date: '2019-05-01', attendance: 'absent' },
      ],
      [{ date: '2018-09-27' }],
    )
    assert.deepEqual(years, [
      { year: '2019-20', expected: 1, attended: 0, apologies: 0, substituted: 0, substitutedFor: 0 },
      { year: '2018-19', expected: 2, attended: 0, apologies: 2, substituted: 1, substitutedFor: 1 },
      { year: '2017-18', expected: 1, attended: 1, apologies: 0, substituted: 0, substitutedFor: 0 },
    ])
  })

  it('finds the declarations that name a member', () => {
    const text = 'Councillors Keogh (Chair) and Taggart (Vice Chair) declared a personal and pecuniary interest'
    assert.equal(declarationNames(text, { name: 'Taggart', kind: 'councillor' }), true)
    assert.equal(declarationNames(text, { name: 'Keogh', kind: 'councillor' }), true)
    assert.equal(declarationNames(text, { name: 'Tagg', kind: 'councillor' }), false)
    assert.equal(declarationNames('Rob Sanders declared an interest', { name: 'Rob Sanders', kind: 'appointed' }), true)
    assert.equal(isSubstitute(' councillor burke', { name: 'Burke', kind: 'councillor' }), true)
  })

  it('checks an interest: category, description, dates in order and not in the future, published or not', () => {
    const good = interestDetails(
      {
        category: 'disclosable-pecuniary',
        description: ' Employment ',
        registeredOn: '2018-05-16',
        updatedOn: '2018-05-16',
        published: 'yes',
      },
      '2026-12-07',
    )
    assert.deepEqual(good.ok && good.value, {
      category: 'disclosable-pecuniary',
      description: 'Employment',
      registeredOn: '2018-05-16',
      updatedOn: '2018-05-16',
      published: true,
    })
    const bad = interestDetails(
      { category: '', description: '', registeredOn: '2027-01-01', updatedOn: '2018-02-30', published: '' },
      '2026-12-07',
    )
    assert.deepEqual(!bad.ok && bad.problems.map((p) => p.field), [
      'category',
      'description',
      'registeredOn',
      'updatedOn',
      'published',
    ])
  })
})

describe('placeChanges', () => {
  const list = (...entries: Array<[string, 'chair' | 'vice-chair' | 'member' | 'substitute']>) =>
    entries.map(([name, role]) => ({ name, kind: 'councillor' as const, role }))

  it('ends the place of one who leaves and starts one for one who joins', () => {
    assert.deepEqual(placeChanges(list(['Keogh', 'member']), list(['Savage', 'member'])), {
      ended: [{ name: 'Keogh', kind: 'councillor' }],
      started: [{ name: 'Savage', kind: 'councillor', role: 'member' }],
    })
  })

  it('ends the old office and starts the new when the office changes, and leaves the rest alone', () => {
    assert.deepEqual(
      placeChanges(
        list(['Taggart', 'chair'], ['Mitchell', 'member']),
        list(['Taggart', 'chair'], ['Mitchell', 'vice-chair']),
      ),
      {
        ended: [{ name: 'Mitchell', kind: 'councillor' }],
        started: [{ name: 'Mitchell', kind: 'councillor', role: 'vice-chair' }],
      },
    )
  })

  it('gives substitutes no place, and tells a councillor from an appointed member of the same name', () => {
    assert.deepEqual(placeChanges([], list(['Burke', 'substitute'])), { ended: [], started: [] })
    assert.deepEqual(placeChanges(list(['Burke', 'substitute']), list(['Burke', 'member'])), {
      ended: [],
      started: [{ name: 'Burke', kind: 'councillor', role: 'member' }],
    })
    assert.deepEqual(
      placeChanges(
        [{ name: 'Sam Lee', kind: 'appointed', role: 'member' }],
        [{ name: 'Sam Lee', kind: 'councillor', role: 'member' }],
      ),
      {
        ended: [{ name: 'Sam Lee', kind: 'appointed' }],
        started: [{ name: 'Sam Lee', kind: 'councillor', role: 'member' }],
      },
    )
  })
})

describe('membershipByYear', () => {
  const person = (id: number, name: string, kind: 'councillor' | 'appointed' = 'councillor') => ({
    id,
    slug: `m-${id}`,
    name,
    kind,
  })
  const taggart = person(1, 'Taggart')
  const sanders = person(2, 'Rob Sanders', 'appointed')
  const mitchell = person(3, 'Mitchell')

  it('lists each year a place starts or ends or the committee meets, with every place held in it', () => {
    const places = [
      { member: sanders, role: 'member' as const, startsOn: '2018-05-01', endsOn: null },
      { member: mitchell, role: 'member' as const, startsOn: '2018-05-01', endsOn: '2019-06-05' },
      { member: mitchell, role: 'vice-chair' as const, startsOn: '2019-06-06', endsOn: null },
      { member: taggart, role: 'chair' as const, startsOn: '2018-05-01', endsOn: null },
    ]
    const years = membershipByYear(places, ['2018-06-07', '2020-10-01'])
    assert.deepEqual(
      years.map((y) => [y.year, y.places.map((p) => `${p.member.name} ${p.role}`)]),
      [
        ['2020-21', ['Taggart chair', 'Mitchell vice-chair', 'Rob Sanders member']],
        ['2019-20', ['Taggart chair', 'Mitchell vice-chair', 'Mitchell member', 'Rob Sanders member']],
        ['2018-19', ['Taggart chair', 'Mitchell member', 'Rob Sanders member']],
      ],
    )
  })

  it('lists no year without places', () => {
    assert.deepEqual(membershipByYear([], ['2019-06-06']), [])
  })
})
