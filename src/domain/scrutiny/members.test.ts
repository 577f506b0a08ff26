import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { attendanceByYear, declarationNames, interestDetails, isSubstitute, memberSlug } from './members.ts'

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
