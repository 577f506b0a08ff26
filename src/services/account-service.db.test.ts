import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { ACCOUNT_LOCKED, passwordProblems, SIGN_IN_FAILED } from './account-service.ts'
import { services as buildServices, type Services } from './index.ts'

const PASSWORD = 'correct horse battery staple'
const MINUTE = 60 * 1000

for (const target of storeTargets()) {
  describe(`accounts on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    // The clock the service reads; tests move it on to check lockouts and timeouts.
    let clock = Date.parse('2026-11-23T09:00:00Z')
    const advance = (minutes: number) => {
      clock += minutes * MINUTE
    }
    const context = { actor: 'cli:test' }

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(
        store,
        { maxImportBytes: 1024, councilName: 'Test council' },
        { now: () => new Date(clock) },
      )
    })
    after(async () => {
      await store.close()
    })

    it('creates a user, lower-casing the email, and records it in the audit log without the password', async () => {
      assert.equal(await services.accounts.hasUsers(), false)
      const result = await services.accounts.createUser(
        { email: 'Jo.Officer@Council.gov.uk', name: 'Jo Officer', role: 'performance-officer', password: PASSWORD },
        context,
      )
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
      assert.equal(result.value.email, 'jo.officer@council.gov.uk')
      assert.equal(result.value.role, 'performance-officer')
      assert.equal(await services.accounts.hasUsers(), true)
      const data = (await import('../store/data-access.ts')).dataAccess(store)
      const [event] = await data.audit.list({ subjectType: 'user', subjectId: String(result.value.id) })
      assert.equal(event?.action, 'user.create')
      assert.doesNotMatch(JSON.stringify(event), /horse/)
    })

    it('signs in, case-insensitively, and the session token finds the user', async () => {
      const result = await services.accounts.signIn('  JO.OFFICER@council.gov.uk', PASSWORD, 'test agent')
      assert.ok(result.ok)
      assert.match(result.value.token, /^[A-Za-z0-9_-]{43}$/)
      const user = await services.accounts.sessionFor(result.value.token)
      assert.equal(user?.name, 'Jo Officer')
      // Only the token's hash is stored.
      const rows = await store.db.selectFrom('user_session').select('id').execute()
      assert.ok(rows.every((r) => r.id !== result.value.token && /^[0-9a-f]{64}$/.test(r.id)))
    })

    it('gives the same message for a wrong password and an unknown email', async () => {
      const wrong = await services.accounts.signIn('jo.officer@council.gov.uk', 'not the password', null)
      const unknown = await services.accounts.signIn('nobody@council.gov.uk', PASSWORD, null)
      assert.deepEqual(wrong, { ok: false, problems: [{ field: 'email', message: SIGN_IN_FAILED }] })
      assert.deepEqual(unknown, wrong)
    })

    it('locks the account after 5 failures, even for the right password, and unlocks after 15 minutes', async () => {
      await services.accounts.createUser(
        { email: 'lock@council.gov.uk', name: 'Lock', role: 'director', password: PASSWORD },
        context,
      )
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        const result = await services.accounts.signIn('lock@council.gov.uk', `wrong ${attempt}`, null)
        assert.ok(!result.ok)
        assert.equal(result.problems[0]?.message, SIGN_IN_FAILED)
      }
      const fifth = await services.accounts.signIn('lock@council.gov.uk', 'wrong 5', null)
      assert.ok(!fifth.ok)
      assert.equal(fifth.problems[0]?.message, ACCOUNT_LOCKED)
      const rightButLocked = await services.accounts.signIn('lock@council.gov.uk', PASSWORD, null)
      assert.ok(!rightButLocked.ok)
      assert.equal(rightButLocked.problems[0]?.message, ACCOUNT_LOCKED)
      advance(14)
      assert.equal((await services.accounts.signIn('lock@council.gov.uk', PASSWORD, null)).ok, false)
      advance(2)
      assert.equal((await services.accounts.signIn('lock@council.gov.uk', PASSWORD, null)).ok, true)
      // A success starts the count again: one more failure does not lock.
      const again = await services.accounts.signIn('lock@council.gov.uk', 'wrong again', null)
      assert.ok(!again.ok)
      assert.equal(again.problems[0]?.message, SIGN_IN_FAILED)
    })

    it('ends a session idle for more than 30 minutes', async () => {
      const result = await services.accounts.signIn('jo.officer@council.gov.uk', PASSWORD, null)
      assert.ok(result.ok)
      advance(29)
      assert.notEqual(await services.accounts.sessionFor(result.value.token), null)
      // Using it at 29 minutes starts the idle time again.
      advance(29)
      assert.notEqual(await services.accounts.sessionFor(result.value.token), null)
      advance(31)
      assert.equal(await services.accounts.sessionFor(result.value.token), null)
    })

    it('ends a session 12 hours after sign-in however busy it is', async () => {
      const result = await services.accounts.signIn('jo.officer@council.gov.uk', PASSWORD, null)
      assert.ok(result.ok)
      for (let step = 0; step < 24; step += 1) {
        advance(29)
        assert.notEqual(await services.accounts.sessionFor(result.value.token), null, `step ${step}`)
      }
      // 24 × 29 minutes = 11 h 36 min; another 25 minutes passes 12 hours.
      advance(25)
      assert.equal(await services.accounts.sessionFor(result.value.token), null)
    })

    it('revokes the session on sign out', async () => {
      const result = await services.accounts.signIn('jo.officer@council.gov.uk', PASSWORD, null)
      assert.ok(result.ok)
      await services.accounts.signOut(result.value.token)
      assert.equal(await services.accounts.sessionFor(result.value.token), null)
    })

    describe('edge cases', () => {
      it('refuses a short password, the email as password, a bad role, a duplicate email', async () => {
        const short = await services.accounts.createUser(
          { email: 'new@council.gov.uk', name: 'New', role: 'director', password: 'elevenchars' },
          context,
        )
        assert.ok(!short.ok)
        assert.match(short.problems[0]?.message ?? '', /at least 12 characters/)
        const emailAsPassword = await services.accounts.createUser(
          {
            email: 'longer.name@council.gov.uk',
            name: 'New',
            role: 'director',
            password: 'Longer.Name@council.gov.uk',
          },
          context,
        )
        assert.ok(!emailAsPassword.ok)
        assert.match(emailAsPassword.problems[0]?.message ?? '', /must not be the email/)
        const role = await services.accounts.createUser(
          { email: 'new@council.gov.uk', name: 'New', role: 'public', password: PASSWORD },
          context,
        )
        assert.ok(!role.ok)
        assert.equal(role.problems[0]?.field, 'role')
        const duplicate = await services.accounts.createUser(
          { email: 'JO.OFFICER@council.gov.uk', name: 'Again', role: 'director', password: PASSWORD },
          context,
        )
        assert.ok(!duplicate.ok)
        assert.match(duplicate.problems[0]?.message ?? '', /already an account/)
      })

      it('asks for blank fields rather than checking them', async () => {
        const result = await services.accounts.signIn(' ', '', null)
        assert.ok(!result.ok)
        assert.deepEqual(
          result.problems.map((p) => p.field),
          ['email', 'password'],
        )
      })

      it('a missing, malformed or unknown token is nobody', async () => {
        assert.equal(await services.accounts.sessionFor(undefined), null)
        assert.equal(await services.accounts.sessionFor('not a token'), null)
        assert.equal(await services.accounts.sessionFor('A'.repeat(43)), null)
        await services.accounts.signOut('A'.repeat(43))
      })

      it('a password of exactly 12 characters is long enough', () => {
        assert.deepEqual(passwordProblems('twelve chars', 'jo@council.gov.uk'), [])
        assert.equal(passwordProblems('eleven char', 'jo@council.gov.uk').length, 1)
      })
    })
  })
}
