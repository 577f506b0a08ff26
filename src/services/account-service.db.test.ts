import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { SIGN_IN_FAILED } from './account-service.ts'
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

    it('answers every failure the same, whether the account is unknown, the password wrong, or sign-in locked', async () => {
      await services.accounts.createUser(
        { email: 'same@council.gov.uk', name: 'Same', role: 'director', password: PASSWORD },
        context,
      )
      const here = { address: '192.0.2.1' }
      const answers = []
      for (let attempt = 1; attempt <= 6; attempt += 1) {
        answers.push(await services.accounts.signIn('same@council.gov.uk', `wrong ${attempt}`, null, here))
      }
      answers.push(await services.accounts.signIn('same@council.gov.uk', PASSWORD, null, here))
      answers.push(await services.accounts.signIn('nobody@council.gov.uk', PASSWORD, null, here))
      for (const answer of answers) {
        assert.deepEqual(answer, { ok: false, problems: [{ field: 'email', message: SIGN_IN_FAILED }] })
      }
      // The lock is there all the same: the audit log and the administrator's page say so.
      const account = await services.users.findByEmail('same@council.gov.uk')
      assert.equal(account?.status.kind, 'locked')
      const data = (await import('../store/data-access.ts')).dataAccess(store)
      const actions = (await data.audit.list({ subjectType: 'user', subjectId: String(account?.id) })).map(
        (e) => e.action,
      )
      assert.ok(actions.includes('account.locked'))
      assert.ok(actions.includes('sign-in.refused-locked'))
    })

    it('backs off per account and address: 4 free failures, then 1, 2, 4 minutes; a success starts again', async () => {
      await services.accounts.createUser(
        { email: 'lock@council.gov.uk', name: 'Lock', role: 'director', password: PASSWORD },
        context,
      )
      const here = { address: '198.51.100.7' }
      const signIn = (password: string) => services.accounts.signIn('lock@council.gov.uk', password, null, here)
      for (let attempt = 1; attempt <= 4; attempt += 1) assert.equal((await signIn(`wrong ${attempt}`)).ok, false)
      assert.equal((await services.users.findByEmail('lock@council.gov.uk'))?.status.kind, 'active')
      assert.equal((await signIn('wrong 5')).ok, false)
      const locked = await services.users.findByEmail('lock@council.gov.uk')
      assert.deepEqual(locked?.status, { kind: 'locked', until: new Date(clock + MINUTE).toISOString() })
      // Locked: even the right password is refused until the minute is up.
      assert.equal((await signIn(PASSWORD)).ok, false)
      advance(1)
      assert.equal((await signIn('wrong 6')).ok, false)
      const twice = await services.users.findByEmail('lock@council.gov.uk')
      assert.deepEqual(twice?.status, { kind: 'locked', until: new Date(clock + 2 * MINUTE).toISOString() })
      advance(2)
      assert.equal((await signIn('wrong 7')).ok, false)
      const four = await services.users.findByEmail('lock@council.gov.uk')
      assert.deepEqual(four?.status, { kind: 'locked', until: new Date(clock + 4 * MINUTE).toISOString() })
      advance(4)
      assert.equal((await signIn(PASSWORD)).ok, true)
      // A success starts the count again: one more failure does not lock.
      assert.equal((await signIn('wrong again')).ok, false)
      assert.equal((await services.users.findByEmail('lock@council.gov.uk'))?.status.kind, 'active')
    })

    it("cannot be used to lock the owner out: failures from another address leave the owner's address open", async () => {
      await services.accounts.createUser(
        { email: 'owner@council.gov.uk', name: 'Owner', role: 'director', password: PASSWORD },
        context,
      )
      const attacker = { address: '203.0.113.66' }
      for (let attempt = 1; attempt <= 20; attempt += 1) {
        await services.accounts.signIn('owner@council.gov.uk', `guess ${attempt}`, null, attacker)
      }
      assert.equal((await services.users.findByEmail('owner@council.gov.uk'))?.status.kind, 'locked')
      assert.equal((await services.accounts.signIn('owner@council.gov.uk', PASSWORD, null, attacker)).ok, false)
      const owner = await services.accounts.signIn('owner@council.gov.uk', PASSWORD, null, { address: '192.0.2.10' })
      assert.ok(owner.ok)
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

      it('refuses common and trivial passwords wherever an account is created, saying why', async () => {
        for (const [password, why] of [
          ['password1234', /common password/],
          ['123456789012', /run of keys, letters or digits/],
          ['            ', /only spaces/],
          ['aaaaaaaaaaaa', /more than two different characters/],
          ['qwertyuiopas', /run of keys/],
          ['Test council 2026', /council's name/],
          ['scrutineer!!', /this site's or the council's name/],
        ] as const) {
          const result = await services.accounts.createUser(
            { email: 'weak@council.gov.uk', name: 'Weak', role: 'director', password },
            context,
          )
          assert.ok(!result.ok, password)
          assert.equal(result.problems[0]?.field, 'password')
          assert.match(result.problems[0]?.message ?? '', why, password)
        }
        assert.equal(await services.users.findByEmail('weak@council.gov.uk'), null)
      })
    })
  })
}
