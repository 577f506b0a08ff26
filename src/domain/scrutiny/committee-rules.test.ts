import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CommitteeMember } from './committee.ts'
import {
  addMember,
  changeMember,
  committeeDetails,
  committeeToCreate,
  contact,
  frontSheetOrder,
  removeMember,
  votingMembers,
} from './committee-rules.ts'

const MEMBERS: CommitteeMember[] = [
  { name: 'Taggart', kind: 'councillor', role: 'chair' },
  { name: 'J Baillie', kind: 'councillor', role: 'member' },
  { name: 'Guthrie', kind: 'councillor', role: 'member' },
  { name: 'Catherine Hobbs', kind: 'appointed', role: 'member' },
]

const DETAILS = { name: 'Children and Families Scrutiny Panel', purpose: 'To scrutinise.', quorum: '3' }

function fields(result: { ok: boolean; problems?: Array<{ field: string }> }): string[] {
  return result.ok ? [] : (result.problems ?? []).map((p) => p.field)
}

describe('keeping the committee up to date', () => {
  it('reads the details form: terms one per line, blank lines dropped, quorum as a number', () => {
    const result = committeeDetails({ ...DETAILS, termsOfReference: ' First term \r\n\r\nSecond term\n' }, MEMBERS)
    assert.deepEqual(result, {
      ok: true,
      value: { ...DETAILS, termsOfReference: ['First term', 'Second term'], quorum: 3 },
    })
  })

  it('adds a councillor before the appointed members, and keeps the order otherwise', () => {
    const result = addMember(MEMBERS, { name: ' Savage ', kind: 'councillor', role: 'member' })
    assert.ok(result.ok)
    assert.deepEqual(
      result.value.map((m) => m.name),
      ['Taggart', 'J Baillie', 'Guthrie', 'Savage', 'Catherine Hobbs'],
    )
  })

  it('refuses a second chair, naming the current one', () => {
    const result = addMember(MEMBERS, { name: 'Savage', kind: 'councillor', role: 'chair' })
    assert.ok(!result.ok)
    assert.equal(
      result.problems[0]?.message,
      'Councillor Taggart is already the chair. Change their role first, then appoint the new chair',
    )
  })

  it('lets the chair step down and another member take the chair, in two steps', () => {
    const stepDown = changeMember(MEMBERS, 0, { name: 'Taggart', kind: 'councillor', role: 'member' }, 3)
    assert.ok(stepDown.ok)
    const newChairIndex = stepDown.value.findIndex((m) => m.name === 'Guthrie')
    const appoint = changeMember(
      stepDown.value,
      newChairIndex,
      { name: 'Guthrie', kind: 'councillor', role: 'chair' },
      3,
    )
    assert.ok(appoint.ok)
    assert.deepEqual(
      appoint.value.map((m) => `${m.name}:${m.role}`),
      ['Guthrie:chair', 'Taggart:member', 'J Baillie:member', 'Catherine Hobbs:member'],
    )
  })

  it('allows one vice-chair alongside the chair, and refuses a second vice-chair', () => {
    const first = addMember(MEMBERS, { name: 'Mitchell', kind: 'councillor', role: 'vice-chair' })
    assert.ok(first.ok)
    assert.equal(first.value[1]?.name, 'Mitchell')
    const second = changeMember(first.value, 2, { name: 'J Baillie', kind: 'councillor', role: 'vice-chair' }, 3)
    assert.ok(!second.ok)
    assert.match(second.problems[0]?.message ?? '', /Councillor Mitchell is already the vice-chair/)
  })

  it('removes a member', () => {
    const result = removeMember(MEMBERS, 3, 3)
    assert.ok(result.ok)
    assert.equal(result.value.length, 3)
  })

  it('reads a contact: blank phone and email become nothing', () => {
    assert.deepEqual(contact({ role: 'Scrutiny Manager', name: 'Mark  Pirnie', phone: ' ', email: '' }), {
      ok: true,
      value: { role: 'Scrutiny Manager', name: 'Mark Pirnie', phone: null, email: null },
    })
  })

  describe('edge cases', () => {
    it('refuses a blank form field by field', () => {
      assert.deepEqual(fields(committeeDetails({ name: '', purpose: ' ', termsOfReference: '', quorum: '' }, [])), [
        'name',
        'purpose',
        'quorum',
      ])
      assert.deepEqual(fields(addMember(MEMBERS, { name: '', kind: '', role: '' })), ['name', 'kind', 'role'])
      assert.deepEqual(fields(contact({ role: '', name: '', phone: '', email: '' })), ['role', 'name'])
    })

    it('takes a quorum of 1 up to the members who are not substitutes, and nothing else', () => {
      const withSubstitute: CommitteeMember[] = [...MEMBERS, { name: 'Fuller', kind: 'councillor', role: 'substitute' }]
      assert.equal(votingMembers(withSubstitute), 4)
      const details = (quorum: string) => committeeDetails({ ...DETAILS, termsOfReference: '', quorum }, withSubstitute)
      assert.ok(details('1').ok)
      assert.ok(details('4').ok)
      const five = details('5')
      assert.ok(!five.ok)
      assert.equal(
        five.problems[0]?.message,
        'The quorum must be 4 or fewer: the committee has 4 members who are not substitutes',
      )
      for (const bad of ['0', '-1', '2.5', '3e0', 'three', '00000'])
        assert.deepEqual(fields(details(bad)), ['quorum'], bad)
      // With no members yet, any whole number of at least 1.
      assert.ok(committeeDetails({ ...DETAILS, termsOfReference: '', quorum: '7' }, []).ok)
    })

    it('refuses names over 120 characters and duplicates whatever their case or spacing', () => {
      assert.ok(addMember(MEMBERS, { name: 'x'.repeat(120), kind: 'appointed', role: 'member' }).ok)
      const long = addMember(MEMBERS, { name: 'x'.repeat(121), kind: 'appointed', role: 'member' })
      assert.ok(!long.ok)
      assert.equal(long.problems[0]?.message, 'The name must be 120 characters or fewer')
      const duplicate = addMember(MEMBERS, { name: 'catherine   HOBBS', kind: 'councillor', role: 'member' })
      assert.ok(!duplicate.ok)
      assert.equal(duplicate.problems[0]?.message, 'catherine HOBBS is already a member of the committee')
      assert.deepEqual(fields(committeeDetails({ ...DETAILS, name: 'n'.repeat(121), termsOfReference: '' }, [])), [
        'name',
      ])
    })

    it('lets a member keep their own name and office when changed', () => {
      const result = changeMember(MEMBERS, 0, { name: 'TAGGART', kind: 'councillor', role: 'chair' }, 3)
      assert.ok(result.ok)
      assert.equal(result.value[0]?.name, 'TAGGART')
    })

    it('refuses a change of membership that would leave fewer members than the quorum', () => {
      const removed = removeMember(MEMBERS, 1, 4)
      assert.ok(!removed.ok)
      assert.equal(
        removed.problems[0]?.message,
        'The quorum is 4: this would leave 3 members who are not substitutes. Lower the quorum first',
      )
      assert.ok(!changeMember(MEMBERS, 1, { name: 'J Baillie', kind: 'councillor', role: 'substitute' }, 4).ok)
      // Removing a substitute never lowers the count.
      const withSubstitute: CommitteeMember[] = [...MEMBERS, { name: 'Fuller', kind: 'councillor', role: 'substitute' }]
      assert.ok(removeMember(withSubstitute, 4, 4).ok)
    })

    it('orders councillors before appointed members, then chair, vice-chair, members, substitutes', () => {
      const ordered = frontSheetOrder([
        { name: 'A', kind: 'appointed', role: 'member' },
        { name: 'S', kind: 'councillor', role: 'substitute' },
        { name: 'M', kind: 'councillor', role: 'member' },
        { name: 'V', kind: 'councillor', role: 'vice-chair' },
        { name: 'C', kind: 'councillor', role: 'chair' },
      ])
      assert.deepEqual(
        ordered.map((m) => m.name),
        ['C', 'V', 'M', 'S', 'A'],
      )
      assert.deepEqual(frontSheetOrder([]), [])
    })

    it('checks email addresses and phone numbers only when given', () => {
      const base = { role: 'Democratic Support Officer', name: 'Emily Goodwin' }
      assert.ok(contact({ ...base, phone: '023 8083 2302', email: 'emily.goodwin@southampton.gov.uk' }).ok)
      for (const email of [
        'emily',
        'emily@',
        '@southampton.gov.uk',
        'emily@southampton',
        'emily goodwin@x.gov.uk',
        'a@b@c.uk',
      ]) {
        assert.deepEqual(fields(contact({ ...base, phone: '', email })), ['email'], email)
      }
      assert.deepEqual(fields(contact({ ...base, phone: 'call reception', email: '' })), ['phone'])
    })
  })
})

describe('setting up a committee', () => {
  it('reads the form as the edit form does and makes the slug from the name', () => {
    const result = committeeToCreate(
      { ...DETAILS, name: ' Children and  Families Scrutiny Panel ', termsOfReference: 'One\n\nTwo' },
      [],
    )
    assert.deepEqual(result, {
      ok: true,
      value: {
        name: 'Children and Families Scrutiny Panel',
        purpose: 'To scrutinise.',
        termsOfReference: ['One', 'Two'],
        quorum: 3,
        slug: 'children-and-families-scrutiny-panel',
      },
    })
  })

  it('allows any quorum of 1 or more while there are no members', () => {
    const result = committeeToCreate({ ...DETAILS, termsOfReference: '', quorum: '12' }, [])
    assert.equal(result.ok && result.value.quorum, 12)
    assert.deepEqual(fields(committeeToCreate({ ...DETAILS, termsOfReference: '', quorum: '0' }, [])), ['quorum'])
  })

  it('refuses a name whose slug another committee has, saying so', () => {
    const result = committeeToCreate({ ...DETAILS, name: 'Children & Families Scrutiny Panel', termsOfReference: '' }, [
      { slug: 'children-families-scrutiny-panel', name: 'Children Families Scrutiny Panel' },
    ])
    assert.deepEqual(result.ok ? [] : result.problems.map((p) => p.message), [
      'That name is too like Children Families Scrutiny Panel, which is already a committee. Choose a different name',
    ])
    const same = committeeToCreate({ ...DETAILS, termsOfReference: '' }, [
      { slug: 'children-and-families-scrutiny-panel', name: 'Children and Families Scrutiny Panel' },
    ])
    assert.deepEqual(same.ok ? [] : same.problems.map((p) => p.message), [
      'There is already a committee called Children and Families Scrutiny Panel. Choose a different name',
    ])
  })

  describe('edge cases', () => {
    it('refuses a name with no letters or numbers, whose slug would be empty', () => {
      const result = committeeToCreate({ ...DETAILS, name: '&&& !!', termsOfReference: '' }, [])
      assert.deepEqual(result.ok ? [] : result.problems.map((p) => p.message), [
        'The name must contain letters or numbers',
      ])
    })

    it('lists every problem of an empty form once, the blank name only as blank', () => {
      const result = committeeToCreate({ name: '', purpose: '', termsOfReference: '', quorum: '' }, [
        { slug: 'x', name: 'X' },
      ])
      assert.deepEqual(fields(result), ['name', 'purpose', 'quorum'])
    })

    it('puts a taken name first beside the other problems', () => {
      const result = committeeToCreate({ ...DETAILS, purpose: '', termsOfReference: '' }, [
        { slug: 'children-and-families-scrutiny-panel', name: 'Children and Families Scrutiny Panel' },
      ])
      assert.deepEqual(fields(result), ['name', 'purpose'])
    })

    it('makes accented letters plain in the slug, so a near-duplicate is caught', () => {
      const result = committeeToCreate({ ...DETAILS, name: 'Café Panel', termsOfReference: '' }, [
        { slug: 'cafe-panel', name: 'Cafe Panel' },
      ])
      assert.deepEqual(fields(result), ['name'])
    })
  })
})
