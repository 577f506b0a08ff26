import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Committee, Meeting } from '../../domain/scrutiny/committee.ts'
import {
  committeeDetailsValues,
  committeeEditModel,
  committeesListModel,
  committeeViewModel,
  memberFormModel,
  newCommitteeModel,
  removeModel,
} from './committee-pages.ts'

const COMMITTEE: Committee = {
  id: 1,
  slug: 'panel',
  name: 'Children and Families Scrutiny Panel',
  purpose: 'To scrutinise.',
  termsOfReference: ['First', 'Second'],
  quorum: 3,
  publicInformation: { leadIn: null, sections: [] },
  members: [
    { name: 'Taggart', kind: 'councillor', role: 'chair' },
    { name: 'Fuller', kind: 'councillor', role: 'substitute' },
    { name: 'Rob Sanders', kind: 'appointed', role: 'member' },
  ],
  contacts: [{ role: 'Scrutiny Manager', name: 'Mark Pirnie', phone: null, email: 'mark@council.test' }],
}

function meeting(id: number, date: string): Meeting {
  return { id, committeeId: 1, date, startTime: '17:30', venue: 'Civic Centre', status: 'scheduled', notice: null }
}

describe('the committee’s pages', () => {
  it('groups meetings by municipal year, the latest year first and each year in date order', () => {
    const model = committeeViewModel(
      COMMITTEE,
      [meeting(1, '2018-03-22'), meeting(2, '2018-06-07'), meeting(3, '2019-03-28')],
      false,
    )
    assert.deepEqual(
      model.years.map((y) => [y.heading, y.meetings.map((m) => m.href)]),
      [
        ['Meetings 2018/19 municipal year', ['/meetings/2', '/meetings/3']],
        ['Meetings 2017/18 municipal year', ['/meetings/1']],
      ],
    )
    assert.equal(model.editing, null)
  })

  it('gives editors a row per member and contact with links by place', () => {
    const editing = committeeViewModel(COMMITTEE, [], true).editing
    assert.ok(editing)
    assert.equal(editing.memberRows[1]?.key.text, 'Councillor Fuller (Substitute)')
    assert.equal(editing.memberRows[1].value.text, 'Councillor, substitute')
    assert.equal(editing.memberRows[2]?.actions.items[1]?.href, '/committees/1/members/3/remove')
    assert.equal(editing.contactRows[0]?.value.text, 'Mark Pirnie, mark@council.test')
  })

  it('fills the details form and says how large the quorum may be', () => {
    const values = committeeDetailsValues(COMMITTEE)
    assert.equal(values.termsOfReference, 'First\nSecond')
    assert.match(committeeEditModel(COMMITTEE, values, []).quorumHint, /from 1 to 2,/)
  })

  describe('edge cases', () => {
    it('marks the title of a form with problems and shows the first problem beside each field', () => {
      const model = memberFormModel(COMMITTEE, 2, {}, [
        { field: 'name', message: 'Enter the member’s name' },
        { field: 'name', message: 'Second' },
      ])
      assert.equal(model.pageTitle, 'Error: Change a member')
      assert.equal(model.action, '/committees/1/members/2/edit')
      assert.equal(model.errors.name?.text, 'Enter the member’s name')
      assert.equal(model.errorList.length, 2)
    })

    it('with no members, any quorum of 1 or more is offered; removing a contact names them', () => {
      assert.match(committeeEditModel({ ...COMMITTEE, members: [] }, {}, []).quorumHint, /1 or more/)
      const contact = COMMITTEE.contacts[0]
      assert.ok(contact)
      const model = removeModel(COMMITTEE, { kind: 'contact', contact }, 1, [{ field: 'name', message: 'x' }])
      assert.equal(model.heading, 'Remove Mark Pirnie from the committee’s contacts?')
      assert.equal(model.errorList[0]?.href, '#remove')
    })
  })
})

describe('setting up a committee and the list of committees', () => {
  it('gives the new-committee form its own heading, action, button and way back', () => {
    const model = newCommitteeModel({ name: 'Panel' }, [])
    assert.equal(model.pageTitle, 'Set up a committee')
    assert.equal(model.heading, 'Set up a committee')
    assert.equal(model.action, '/committees/new')
    assert.equal(model.backHref, '/committees')
    assert.equal(model.button, 'Set up the committee')
    assert.equal(model.caption, null)
    assert.equal(model.values.name, 'Panel')
  })

  it('lists each committee with its link, the first line of its role and its members', () => {
    const model = committeesListModel([{ ...COMMITTEE, purpose: 'To scrutinise.\nAnd to report.' }], true)
    assert.deepEqual(model.committees, [
      {
        name: 'Children and Families Scrutiny Panel',
        href: '/committees/1',
        purpose: 'To scrutinise.',
        members: '3 members',
      },
    ])
    assert.equal(model.newHref, '/committees/new')
  })

  describe('edge cases', () => {
    it('titles a refused form as an error and ties each problem to its field', () => {
      const model = newCommitteeModel({}, [
        { field: 'name', message: 'Enter the name of the committee' },
        { field: 'quorum', message: 'Enter the quorum' },
      ])
      assert.equal(model.pageTitle, 'Error: Set up a committee')
      assert.deepEqual(
        model.errorList.map((e) => e.href),
        ['#name', '#quorum'],
      )
      assert.equal(model.errors.quorum?.text, 'Enter the quorum')
    })

    it('offers no set-up link to those who may not, and says one member in the singular', () => {
      const model = committeesListModel(
        [{ ...COMMITTEE, members: [{ name: 'Taggart', kind: 'councillor', role: 'chair' }] }],
        false,
      )
      assert.equal(model.newHref, null)
      assert.equal(model.committees[0]?.members, '1 member')
      assert.deepEqual(committeesListModel([], true).committees, [])
    })
  })
})
