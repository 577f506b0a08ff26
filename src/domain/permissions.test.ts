import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  ACTIONS,
  actionsFor,
  can,
  isAction,
  isRole,
  PERMISSIONS,
  PUBLIC_ACTIONS,
  ROLES,
  type Action,
  type Role,
} from './permissions.ts'

const SIGNED_IN = ROLES.filter((role) => role !== 'public')

/** Actions that expose personal or unconfirmed information: never for someone who is not signed in. */
const PROTECTED: Action[] = [
  'view-child-level-records',
  'view-drill-downs',
  'view-draft-packs',
  'view-members-room-papers',
  'view-unsuppressed-figures',
]

describe('permissions table', () => {
  it('gives every action at least one role', () => {
    for (const action of ACTIONS) assert.ok(PERMISSIONS[action].length > 0, `${action} has nobody`)
  })

  it('names only roles that exist, each at most once per action', () => {
    for (const action of ACTIONS) {
      for (const role of PERMISSIONS[action]) assert.ok(isRole(role), `${action} names unknown role ${role}`)
      assert.equal(new Set(PERMISSIONS[action]).size, PERMISSIONS[action].length, `${action} repeats a role`)
    }
  })

  it('has exactly one entry per action, and no other', () => {
    assert.deepEqual(Object.keys(PERMISSIONS).sort(), [...ACTIONS].sort())
  })

  it('is exhaustive at the type level: leaving an action out does not compile', () => {
    // @ts-expect-error — every action must be decided.
    const incomplete: Record<Action, readonly Role[]> = { 'view-glossary': ['public'] }
    assert.equal(Object.keys(incomplete).length, 1)
  })

  it('cannot be changed at run time', () => {
    assert.ok(Object.isFrozen(PERMISSIONS))
    assert.ok(Object.isFrozen(PUBLIC_ACTIONS))
  })
})

describe('can', () => {
  it('never lets the public see child-level records, drill-downs, drafts or Members Room papers', () => {
    for (const action of PROTECTED) assert.equal(can('public', action), false, action)
  })

  it('lets only performance officers and administrators see child-level records and drill-downs', () => {
    for (const action of ['view-child-level-records', 'view-drill-downs'] as const) {
      assert.deepEqual(
        ROLES.filter((role) => can(role, action)),
        ['administrator', 'performance-officer'],
      )
    }
  })

  it('lets administrators manage users and read the audit log, and nobody else', () => {
    assert.deepEqual(
      ROLES.filter((role) => can(role, 'manage-users')),
      ['administrator'],
    )
    assert.deepEqual(
      ROLES.filter((role) => can(role, 'view-audit-log')),
      ['administrator'],
    )
  })

  it('keeps sign-off and publishing with the director', () => {
    assert.equal(can('director', 'sign-off-pack'), true)
    assert.equal(can('director', 'publish-pack'), true)
    assert.equal(can('director', 'write-performance-overview'), true)
    assert.equal(can('performance-officer', 'publish-pack'), false)
    assert.equal(can('administrator', 'sign-off-pack'), false)
  })

  it('lets indicator owners write commentary and see drafts, but not import or publish', () => {
    assert.equal(can('indicator-owner', 'write-commentary'), true)
    assert.equal(can('indicator-owner', 'view-draft-packs'), true)
    assert.equal(can('indicator-owner', 'import-figures'), false)
    assert.equal(can('indicator-owner', 'publish-pack'), false)
  })

  it('gives meetings, agendas, minutes, recommendations and document packs to democratic services', () => {
    for (const action of [
      'manage-meetings',
      'manage-agendas',
      'manage-minutes',
      'manage-recommendations',
      'publish-document-packs',
    ] as const) {
      assert.equal(can('democratic-services', action), true, action)
      assert.equal(can('director', action), false, action)
    }
  })

  it('lets democratic services and performance officers keep the glossary, and nobody else', () => {
    assert.deepEqual(
      ROLES.filter((role) => can(role, 'manage-glossary')),
      ['performance-officer', 'democratic-services'],
    )
  })

  it('opens the Members Room to panel members, democratic services and administrators only', () => {
    assert.deepEqual(
      ROLES.filter((role) => can(role, 'view-members-room-papers')),
      ['administrator', 'democratic-services', 'panel-member'],
    )
  })
})

describe('actionsFor and PUBLIC_ACTIONS', () => {
  it('lists the public actions in table order', () => {
    assert.deepEqual(PUBLIC_ACTIONS, [
      'view-published-packs',
      'view-published-papers',
      'view-glossary',
      'view-meeting-calendar',
    ])
    assert.deepEqual(actionsFor('public'), PUBLIC_ACTIONS)
  })

  it('lets every signed-in role do everything the public can', () => {
    for (const role of SIGNED_IN) {
      for (const action of PUBLIC_ACTIONS) assert.equal(can(role, action), true, `${role} ${action}`)
    }
  })

  it('agrees with can for every role and action', () => {
    for (const role of ROLES) {
      assert.deepEqual(
        actionsFor(role),
        ACTIONS.filter((action) => PERMISSIONS[action].includes(role)),
      )
    }
  })

  it('gives a panel member nothing beyond public pages, the unsuppressed figures and the Members Room', () => {
    assert.deepEqual(actionsFor('panel-member'), [
      ...PUBLIC_ACTIONS,
      'view-unsuppressed-figures',
      'view-members-room-papers',
    ])
  })

  it('shows the figures withheld from the public to every signed-in role, and never to the public', () => {
    assert.deepEqual(
      ROLES.filter((role) => can(role, 'view-unsuppressed-figures')),
      SIGNED_IN,
    )
  })
})

describe('edge cases', () => {
  it('fails closed for a role that is not in the table (a stale session value)', () => {
    const stale = 'superuser' as Role
    for (const action of ACTIONS) assert.equal(can(stale, action), false, action)
    assert.deepEqual(actionsFor(stale), [])
  })

  it('fails closed for an action that is not in the table', () => {
    assert.equal(can('administrator', 'delete-everything' as Action), false)
    // Inherited object properties are not actions.
    assert.equal(can('administrator', 'toString' as Action), false)
  })

  it('reads roles and actions exactly: no case folding or spaces', () => {
    assert.equal(isRole('Director'), false)
    assert.equal(isRole(' director'), false)
    assert.equal(isRole(''), false)
    assert.equal(isAction('PUBLISH-PACK'), false)
    assert.equal(isAction('publish-pack'), true)
  })

  it('gives no role every action (duties are separated)', () => {
    for (const role of ROLES) assert.ok(actionsFor(role).length < ACTIONS.length, role)
  })
})
