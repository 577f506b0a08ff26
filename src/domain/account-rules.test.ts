import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  accountStatus,
  administratorChangeProblem,
  lockoutMinutes,
  statusText,
  type AccountState,
} from './account-rules.ts'

const admin: AccountState = { id: 1, role: 'administrator', disabledAt: null, lockedUntil: null }
const director: AccountState = { id: 2, role: 'director', disabledAt: null, lockedUntil: null }

describe('account rules', () => {
  it('an account is locked until its lock ends, and disabled whatever its lock', () => {
    const locked = { ...director, lockedUntil: '2026-11-30T10:15:00Z' }
    assert.deepEqual(accountStatus(locked, '2026-11-30T10:14:59Z'), { kind: 'locked', until: '2026-11-30T10:15:00Z' })
    assert.deepEqual(accountStatus(locked, '2026-11-30T10:15:00Z'), { kind: 'active' })
    assert.deepEqual(accountStatus({ ...locked, disabledAt: '2026-11-30T09:00:00Z' }, '2026-11-30T10:00:00Z'), {
      kind: 'disabled',
    })
  })

  it('shows a lock in UK time', () => {
    // 1 July is British Summer Time: 09:15 UTC is 10:15 in London.
    assert.equal(statusText({ kind: 'locked', until: '2026-07-01T09:15:00Z' }), 'Locked until 10:15')
    assert.equal(statusText({ kind: 'locked', until: '2026-12-01T09:15:00Z' }), 'Locked until 09:15')
    assert.equal(statusText({ kind: 'disabled' }), 'Disabled')
  })

  it('stops an administrator disabling or demoting themselves', () => {
    const check = (change: Parameters<typeof administratorChangeProblem>[0]['change']) =>
      administratorChangeProblem({ actorUserId: 1, target: admin, change, activeAdministrators: 3 })
    assert.match(check({ kind: 'disable' }) ?? '', /cannot disable your own account/)
    assert.match(check({ kind: 'change-role', to: 'director' }) ?? '', /cannot change your own role/)
    assert.equal(check({ kind: 'change-role', to: 'administrator' }), null)
  })

  it('keeps the last active administrator, whoever asks', () => {
    for (const actorUserId of [null, 9]) {
      const problem = (change: Parameters<typeof administratorChangeProblem>[0]['change'], count: number) =>
        administratorChangeProblem({ actorUserId, target: admin, change, activeAdministrators: count })
      assert.match(problem({ kind: 'disable' }, 1) ?? '', /only active administrator/)
      assert.match(problem({ kind: 'change-role', to: 'panel-member' }, 1) ?? '', /only active administrator/)
      assert.equal(problem({ kind: 'disable' }, 2), null)
    }
  })

  describe('edge cases', () => {
    it('other roles, and disabled administrators, may be changed freely', () => {
      assert.equal(
        administratorChangeProblem({
          actorUserId: 1,
          target: director,
          change: { kind: 'disable' },
          activeAdministrators: 1,
        }),
        null,
      )
      assert.equal(
        administratorChangeProblem({
          actorUserId: 1,
          target: { ...admin, id: 5, disabledAt: '2026-11-30T09:00:00Z' },
          change: { kind: 'change-role', to: 'director' },
          activeAdministrators: 1,
        }),
        null,
      )
    })

    it('an account that is not an administrator may never disable itself either', () => {
      assert.match(
        administratorChangeProblem({
          actorUserId: 2,
          target: director,
          change: { kind: 'disable' },
          activeAdministrators: 1,
        }) ?? '',
        /cannot disable your own/,
      )
    })
  })
})

describe('sign-in back-off', () => {
  it('lets 4 failures go free, then locks for 1, 2, 4 … minutes, never more than an hour', () => {
    assert.deepEqual([1, 4, 5, 6, 7, 8, 10, 11, 12, 1000].map(lockoutMinutes), [0, 0, 1, 2, 4, 8, 32, 60, 60, 60])
  })
})
