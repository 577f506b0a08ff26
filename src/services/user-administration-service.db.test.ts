import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { services as buildServices, type Services } from './index.ts'

const PASSWORD = 'correct horse battery staple'
const MINUTE = 60 * 1000

for (const target of storeTargets()) {
  describe(`administering accounts on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let clock = Date.parse('2026-11-30T10:00:00Z')
    const ids: Record<string, number> = {}
    const as = (name: string) => ({ actor: `user:${ids[name] ?? 0}`, actorUserId: ids[name] ?? 0 })
    const events = async (id: number) => dataAccess(store).audit.list({ subjectType: 'user', subjectId: String(id) })

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(
        store,
        { maxImportBytes: 1024, councilName: 'Test council' },
        { now: () => new Date(clock) },
      )
      for (const [name, role] of [
        ['ada', 'administrator'],
        ['bo', 'administrator'],
        ['cy', 'director'],
      ] as const) {
        const created = await services.accounts.createUser(
          { email: `${name}@council.gov.uk`, name, role, password: PASSWORD },
          { actor: 'test' },
        )
        assert.ok(created.ok)
        ids[name] = created.value.id
      }
    })
    after(async () => {
      await store.close()
    })

    it('lists accounts by name with their status and when they last signed in', async () => {
      const signedIn = await services.accounts.signIn('cy@council.gov.uk', PASSWORD, null)
      assert.ok(signedIn.ok)
      const accounts = await services.users.list()
      assert.deepEqual(
        accounts.map((a) => [a.name, a.role, a.status.kind]),
        [
          ['ada', 'administrator', 'active'],
          ['bo', 'administrator', 'active'],
          ['cy', 'director', 'active'],
        ],
      )
      assert.equal(accounts[0]?.lastSignedInAt, null)
      assert.equal(accounts[2]?.lastSignedInAt, '2026-11-30T10:00:00.000Z')
    })

    it('changes a role, recording before → after', async () => {
      const cy = ids.cy ?? 0
      const result = await services.users.changeRole(cy, 'performance-officer', as('ada'))
      assert.ok(result.ok)
      assert.equal(result.value.role, 'performance-officer')
      const [event] = await events(cy)
      assert.equal(event?.action, 'user.role-changed')
      assert.equal(event?.actor, `user:${ids.ada}`)
      assert.deepEqual(event?.details, {
        email: 'cy@council.gov.uk',
        before: { role: 'director' },
        after: { role: 'performance-officer' },
      })
    })

    it('disables an account, ending its sessions at once, and re-enables it', async () => {
      const signedIn = await services.accounts.signIn('cy@council.gov.uk', PASSWORD, null)
      assert.ok(signedIn.ok)
      assert.notEqual(await services.accounts.sessionFor(signedIn.value.token), null)
      const disabled = await services.users.disable(ids.cy ?? 0, as('ada'))
      assert.ok(disabled.ok)
      assert.equal(disabled.value.status.kind, 'disabled')
      assert.equal(await services.accounts.sessionFor(signedIn.value.token), null)
      assert.equal((await services.accounts.signIn('cy@council.gov.uk', PASSWORD, null)).ok, false)
      const event = (await events(ids.cy ?? 0)).find((e) => e.action === 'user.disabled')
      assert.deepEqual(event?.details, {
        email: 'cy@council.gov.uk',
        before: { status: 'active' },
        after: { status: 'disabled' },
        sessionsEnded: 2,
      })
      const enabled = await services.users.enable(ids.cy ?? 0, as('ada'))
      assert.ok(enabled.ok)
      assert.equal(enabled.value.status.kind, 'active')
      // The old session stays ended; signing in again works.
      assert.equal(await services.accounts.sessionFor(signedIn.value.token), null)
      assert.equal((await services.accounts.signIn('cy@council.gov.uk', PASSWORD, null)).ok, true)
      assert.equal((await events(ids.cy ?? 0)).find((e) => e.action.startsWith('user.'))?.action, 'user.enabled')
    })

    it('unlocks a locked account, from every address, before its lock is up', async () => {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await services.accounts.signIn('cy@council.gov.uk', 'wrong password', null)
      }
      const locked = await services.users.find(ids.cy ?? 0)
      // The 5th failure locks for a minute.
      assert.deepEqual(locked?.status, { kind: 'locked', until: '2026-11-30T10:01:00.000Z' })
      assert.equal(locked.failedAttempts, 5)
      const unlocked = await services.users.unlock(ids.cy ?? 0, as('ada'))
      assert.ok(unlocked.ok)
      assert.equal(unlocked.value.status.kind, 'active')
      assert.equal((await services.accounts.signIn('cy@council.gov.uk', PASSWORD, null)).ok, true)
      const unlockEvent = (await events(ids.cy ?? 0)).find((e) => e.action === 'user.unlocked')
      assert.deepEqual(unlockEvent?.details, {
        email: 'cy@council.gov.uk',
        before: { failedAttempts: 5, lockedUntil: '2026-11-30T10:01:00.000Z' },
        after: { failedAttempts: 0, lockedUntil: null },
      })
    })

    it('signs an account out everywhere', async () => {
      const one = await services.accounts.signIn('cy@council.gov.uk', PASSWORD, 'laptop')
      const two = await services.accounts.signIn('cy@council.gov.uk', PASSWORD, 'phone')
      assert.ok(one.ok && two.ok)
      const result = await services.users.signOutEverywhere(ids.cy ?? 0, as('ada'))
      assert.ok(result.ok)
      assert.ok(result.value.sessionsEnded >= 2)
      assert.equal(await services.accounts.sessionFor(one.value.token), null)
      assert.equal(await services.accounts.sessionFor(two.value.token), null)
    })

    it('sets a new password, checked like any other, and never writes it to the audit log', async () => {
      const weak = await services.users.setPassword(ids.cy ?? 0, 'too short', as('ada'))
      assert.ok(!weak.ok)
      assert.equal(weak.problems[0]?.field, 'password')
      const result = await services.users.setPassword(ids.cy ?? 0, 'a brand new pass phrase', as('ada'))
      assert.ok(result.ok)
      assert.equal((await services.accounts.signIn('cy@council.gov.uk', PASSWORD, null)).ok, false)
      assert.equal((await services.accounts.signIn('cy@council.gov.uk', 'a brand new pass phrase', null)).ok, true)
      const all = JSON.stringify(await events(ids.cy ?? 0))
      assert.match(all, /user\.password-set/)
      assert.doesNotMatch(all, /brand new|argon2/)
    })

    it('stops an administrator disabling or demoting themselves', async () => {
      const disable = await services.users.disable(ids.ada ?? 0, as('ada'))
      assert.ok(!disable.ok)
      assert.match(disable.problems[0]?.message ?? '', /cannot disable your own account/)
      const demote = await services.users.changeRole(ids.ada ?? 0, 'director', as('ada'))
      assert.ok(!demote.ok)
      assert.match(demote.problems[0]?.message ?? '', /cannot change your own role/)
      assert.equal((await services.users.find(ids.ada ?? 0))?.role, 'administrator')
      // Keeping one's own role is no change, so it is allowed.
      assert.ok((await services.users.changeRole(ids.ada ?? 0, 'administrator', as('ada'))).ok)
    })

    it('never disables or demotes the last active administrator, from the web or the command line', async () => {
      const cli = { actor: 'cli:test', actorUserId: null }
      assert.ok((await services.users.disable(ids.bo ?? 0, as('ada'))).ok)
      const demote = await services.users.changeRole(ids.ada ?? 0, 'director', cli)
      assert.ok(!demote.ok)
      assert.match(demote.problems[0]?.message ?? '', /only active administrator/)
      const disable = await services.users.disable(ids.ada ?? 0, cli)
      assert.ok(!disable.ok)
      assert.match(disable.problems[0]?.message ?? '', /only active administrator/)
      // A disabled administrator does not count, but once re-enabled either may be demoted by the other.
      assert.ok((await services.users.enable(ids.bo ?? 0, cli)).ok)
      assert.ok((await services.users.changeRole(ids.bo ?? 0, 'director', as('ada'))).ok)
      assert.ok(!(await services.users.changeRole(ids.ada ?? 0, 'director', cli)).ok)
    })

    describe('edge cases', () => {
      it('refuses an unknown role and a missing account without changing anything', async () => {
        const role = await services.users.changeRole(ids.cy ?? 0, 'public', as('ada'))
        assert.ok(!role.ok)
        assert.equal(role.problems[0]?.field, 'role')
        for (const result of [
          await services.users.disable(9999, as('ada')),
          await services.users.enable(9999, as('ada')),
          await services.users.unlock(9999, as('ada')),
          await services.users.signOutEverywhere(9999, as('ada')),
          await services.users.setPassword(9999, 'long enough password', as('ada')),
          await services.users.changeRole(9999, 'director', as('ada')),
        ]) {
          assert.ok(!result.ok)
          assert.equal(result.problems[0]?.message, 'There is no such account')
        }
      })

      it('writes no audit event when nothing changes (enabling an active account, unlocking an unlocked one)', async () => {
        const before = (await events(ids.cy ?? 0)).length
        assert.ok((await services.users.enable(ids.cy ?? 0, as('ada'))).ok)
        assert.ok((await services.users.unlock(ids.cy ?? 0, as('ada'))).ok)
        assert.equal((await events(ids.cy ?? 0)).length, before)
      })

      it('a lock whose time has passed shows as active', async () => {
        for (let attempt = 0; attempt < 5; attempt += 1) {
          await services.accounts.signIn('cy@council.gov.uk', 'wrong password', null)
        }
        assert.equal((await services.users.findByEmail('CY@council.gov.uk'))?.status.kind, 'locked')
        clock += MINUTE + 1
        assert.equal((await services.users.findByEmail('cy@council.gov.uk'))?.status.kind, 'active')
      })

      it('a disabled administrator may be demoted even when only one administrator is active', async () => {
        const created = await services.accounts.createUser(
          { email: 'dee@council.gov.uk', name: 'dee', role: 'administrator', password: PASSWORD },
          { actor: 'test' },
        )
        assert.ok(created.ok)
        assert.ok((await services.users.disable(created.value.id, as('ada'))).ok)
        assert.ok((await services.users.changeRole(created.value.id, 'panel-member', as('ada'))).ok)
      })
    })
  })
}
