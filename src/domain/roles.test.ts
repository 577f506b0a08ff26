import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { can } from './permissions.ts'
import { ASSIGNABLE_ROLES, describeRole, isAssignableRole, ROLE_NAMES } from './roles.ts'

describe('roles in plain English', () => {
  it('describes each role from the permission table', () => {
    assert.equal(
      describeRole('director'),
      'Can see figures withheld from the public, see draft packs, write the performance overview, sign off the pack and publish the pack.',
    )
    assert.equal(
      describeRole('panel-member'),
      "Can see figures withheld from the public and see the members' room papers.",
    )
    assert.match(describeRole('administrator'), /manage accounts and search the audit log\.$/)
  })

  it('mentions managing accounts exactly for the roles that may', () => {
    for (const role of ASSIGNABLE_ROLES) {
      assert.equal(describeRole(role).includes('manage accounts'), can(role, 'manage-users'), role)
    }
  })

  describe('edge cases', () => {
    it('public is not a role anyone can be given, but still has a name', () => {
      assert.equal(isAssignableRole('public'), false)
      assert.equal(isAssignableRole('Director'), false)
      assert.equal(isAssignableRole('director'), true)
      assert.equal(ASSIGNABLE_ROLES.length, 6)
      assert.equal(ROLE_NAMES.public, 'Public')
    })
  })
})
