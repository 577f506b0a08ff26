/**
 * Accounts: creating users, signing in and out, and turning a session cookie back into a user. Passwords are
 * hashed with Argon2id; sessions are random 32-byte tokens of which only the SHA-256 is stored.
 *
 * Every failure to sign in gives the same words, whether the email has no account, the password is wrong, the
 * account is disabled or sign-in is locked, and does the same work (an Argon2 verification, against a dummy hash
 * when there is no account), so nobody can find out which email addresses have accounts. Failures are counted per
 * account *and* client address: after 4 free failures from an address, each further one locks sign-in to that
 * account from that address for twice as long as the last (1, 2, 4 … minutes, up to an hour; see
 * `lockoutMinutes`). Someone guessing from elsewhere cannot lock the owner out. The lock is shown to
 * administrators (/admin/users) and recorded in the audit log (`account.locked`), never to the person signing in.
 *
 * The clock is a dependency (`now`), so tests can move time on to check lockouts and session timeouts.
 */
import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { lockoutMinutes } from '../domain/account-rules.ts'
import { MINIMUM_PASSWORD_LENGTH } from '../domain/password-policy.ts'
import { can, isRole, ROLES, type Action, type Role } from '../domain/permissions.ts'
import { ROLE_NAMES } from '../domain/roles.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import type { User } from '../store/account-repository.ts'
import type { DataAccess } from '../store/data-access.ts'
import { recordChange, type ChangeContext } from './change-record.ts'
import type { PasswordPolicy } from './password-policy.ts'

export type { User } from '../store/account-repository.ts'

/** A user as a request sees them: who they are and which session they are signed in with (its id, not its token). */
export interface SignedInUser extends User {
  sessionId: string
}

/** A problem with what someone entered, tied to the form field it is about (null: the form as a whole). */
export interface AccountProblem {
  field: 'email' | 'password' | 'name' | 'role' | null
  message: string
}

export { MINIMUM_PASSWORD_LENGTH }
export const SESSION_IDLE_MINUTES = 30
export const SESSION_ABSOLUTE_HOURS = 12

/**
 * The one answer to every failed sign-in. It cannot say the account is locked (that would tell a stranger the
 * account exists), so it says what to do if the details are right.
 */
export const SIGN_IN_FAILED =
  'Enter a correct email address and password. If you are sure they are right, wait a few minutes and try ' +
  'again, or ask an administrator'

/** Where a sign-in comes from when the request gave no address (the command line, tests). */
export const UNKNOWN_ADDRESS = 'unknown'

const MINUTE = 60 * 1000
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/
const ASSIGNABLE_ROLES = ROLES.filter((role) => role !== 'public')

/** Who did something, for the audit log. */
export type AccountContext = ChangeContext

/**
 * Lower-cases and trims an email address, so `Jo@Council.gov.uk` and `jo@council.gov.uk` are one account.
 * @example normaliseEmail(' Jo@Council.gov.uk ') // 'jo@council.gov.uk'
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/**
 * Checks a new account's details: an email address in the right format, a name, a role someone can hold and a
 * password the policy accepts (src/domain/password-policy.ts). Returns them tidied (email lower case, name
 * trimmed), or every problem.
 * @example checkNewUser({ email: 'Jo@Council.gov.uk', name: 'Jo', role: 'director', password: 'a long enough pass phrase' }, policy).ok // true
 */
export function checkNewUser(
  input: {
    email: string
    name: string
    role: string
    password: string
  },
  passwords: PasswordPolicy,
): Result<{ email: string; name: string; role: Exclude<Role, 'public'> }, AccountProblem> {
  const email = normaliseEmail(input.email)
  const name = input.name.trim()
  const problems: AccountProblem[] = []
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    problems.push({
      field: 'email',
      message: 'Enter an email address in the correct format, like name@example.gov.uk',
    })
  }
  if (name === '') problems.push({ field: 'name', message: "Enter the person's name" })
  const role = input.role.trim()
  if (!isRole(role) || role === 'public') {
    problems.push({ field: 'role', message: `Choose a role: ${ASSIGNABLE_ROLES.join(', ')}` })
  }
  problems.push(...passwords.problems(input.password, { email, name }))
  if (problems.length > 0 || !isRole(role) || role === 'public') return failed(problems)
  return ok({ email, name, role })
}

/** The session id stored for a token: SHA-256, hex. */
function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

// Verified against when the email is unknown, so an unknown address takes as long to refuse as a known one.
let dummyHash: Promise<string> | null = null
function timingDummy(): Promise<string> {
  dummyHash ??= hash(randomBytes(16).toString('hex'))
  return dummyHash
}

/**
 * The account service over the store.
 * @example
 * const accounts = accountService(data, { now: () => new Date() })
 * const result = await accounts.signIn('jo@council.gov.uk', 'correct horse battery', 'Firefox')
 * if (result.ok) reply.setCookie('scrutineer_session', result.value.token)
 */
/** An account as the rest of Scrutineer sees it: without its password hash or sign-in counts. */
function plainUser(user: User): User {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    createdAt: user.createdAt,
    disabledAt: user.disabledAt,
  }
}

export function accountService(data: DataAccess, clock: { now: () => Date }, passwords: PasswordPolicy) {
  const audit = (
    context: { correlationId?: string | null | undefined },
    actor: string,
    action: string,
    subjectId: string,
    details: Record<string, unknown>,
  ) =>
    recordChange(
      data.audit,
      { actor, correlationId: context.correlationId ?? null },
      action,
      { type: 'user', id: subjectId },
      details,
    )

  return {
    /** True once anyone has an account (a fresh install has none). */
    async hasUsers(): Promise<boolean> {
      return (await data.accounts.countUsers()) > 0
    },

    /**
     * Adds a person who can sign in. Refuses a malformed email, an unknown role, a blank name, a weak password,
     * or an email that already has an account.
     * @example await accounts.createUser({ email: 'jo@council.gov.uk', name: 'Jo', role: 'administrator', password }, { actor: 'cli:jo' })
     */
    async createUser(
      input: { email: string; name: string; role: string; password: string },
      context: AccountContext,
    ): Promise<Result<User, AccountProblem>> {
      const checked = checkNewUser(input, passwords)
      if (!checked.ok) return checked
      const { email, name, role } = checked.value

      const user = await data.accounts.insertUser({
        email,
        name,
        role,
        passwordHash: await hash(input.password),
        createdAt: clock.now().toISOString(),
      })
      if (user === null) return failed([{ field: 'email', message: `There is already an account for ${email}` }])
      await audit(context, context.actor, 'user.create', String(user.id), { email, name, role })
      return ok(user)
    },

    /**
     * Checks an email address and password and starts a session. Every failure gives the same words and does the
     * same work; failures are counted per account and `context.address` (the client's address), and back off
     * exponentially (`lockoutMinutes`). The token goes in the cookie and nowhere else.
     * @example const result = await accounts.signIn('jo@council.gov.uk', 'correct horse battery', 'Firefox', { address: request.ip })
     */
    async signIn(
      emailInput: string,
      password: string,
      userAgent: string | null,
      context: { correlationId?: string | null; address?: string } = {},
    ): Promise<Result<{ token: string; user: User }, AccountProblem>> {
      const email = normaliseEmail(emailInput)
      const blanks: AccountProblem[] = []
      if (email === '') blanks.push({ field: 'email', message: 'Enter your email address' })
      if (password === '') blanks.push({ field: 'password', message: 'Enter your password' })
      if (blanks.length > 0) return failed(blanks)

      const generic = failed<AccountProblem>([{ field: 'email', message: SIGN_IN_FAILED }])
      const address = (context.address ?? UNKNOWN_ADDRESS).slice(0, 100)
      const now = clock.now()
      const user = await data.accounts.findCredentials(email)
      if (user === null || user.disabledAt !== null) {
        await verify(await timingDummy(), password)
        await audit(context, `anonymous`, 'sign-in.failed', user === null ? 'unknown' : String(user.id), {
          email,
          address,
          reason: user === null ? 'no account' : 'account disabled',
        })
        return generic
      }
      const actor = `user:${user.id}`
      const before = await data.accounts.findFailures(user.id, address)
      // Verified even when locked, so a locked account takes as long to refuse as any other failure.
      const correct = await verify(user.passwordHash, password)
      if (before?.lockedUntil != null && Date.parse(before.lockedUntil) > now.getTime()) {
        await audit(context, actor, 'sign-in.refused-locked', String(user.id), {
          address,
          lockedUntil: before.lockedUntil,
        })
        return generic
      }
      if (!correct) {
        const attempts = await data.accounts.addFailure(user.id, address, now.toISOString())
        const minutes = lockoutMinutes(attempts)
        if (minutes > 0) {
          const lockedUntil = new Date(now.getTime() + minutes * MINUTE).toISOString()
          await data.accounts.lock(user.id, address, lockedUntil)
          await audit(context, actor, 'account.locked', String(user.id), { address, attempts, minutes, lockedUntil })
        } else {
          await audit(context, actor, 'sign-in.failed', String(user.id), {
            address,
            reason: 'wrong password',
            attempts,
          })
        }
        return generic
      }

      if (before !== null) await data.accounts.clearFailures(user.id, address)
      const token = randomBytes(32).toString('base64url')
      await data.accounts.insertSession({
        id: sessionId(token),
        userId: user.id,
        at: now.toISOString(),
        userAgent: userAgent === null ? null : userAgent.slice(0, 500),
      })
      await audit(context, actor, 'sign-in', String(user.id), { userAgent, address })
      return ok({ token, user: plainUser(user) })
    },

    /**
     * The user a session token belongs to, or null when the session is unknown, revoked, idle for over 30 minutes,
     * older than 12 hours, or its user is disabled. Records that the session was used.
     * @example const user = await accounts.sessionFor(request.cookies.scrutineer_session)
     */
    async sessionFor(token: string | undefined): Promise<SignedInUser | null> {
      if (token === undefined || !TOKEN_PATTERN.test(token)) return null
      const session = await data.accounts.findSession(sessionId(token))
      if (session === null || session.revokedAt !== null || session.user.disabledAt !== null) return null
      const now = clock.now()
      if (now.getTime() - Date.parse(session.lastSeenAt) > SESSION_IDLE_MINUTES * MINUTE) return null
      if (now.getTime() - Date.parse(session.createdAt) > SESSION_ABSOLUTE_HOURS * 60 * MINUTE) return null
      await data.accounts.touchSession(session.id, now.toISOString())
      return { ...session.user, sessionId: session.id }
    },

    /**
     * The account someone names to act as from the command line (`--as EMAIL`), when it may take `action`: it
     * exists, is not disabled, and its role may (the same rule as the web's). Otherwise a problem saying why.
     * @example await accounts.actingAccount('dana@council.gov.uk', 'publish-pack')
     */
    async actingAccount(emailInput: string, action: Action): Promise<Result<User, AccountProblem>> {
      const email = normaliseEmail(emailInput)
      const user = await data.accounts.findCredentials(email)
      if (user === null) return failed([{ field: 'email', message: `There is no account for ${email}` }])
      if (user.disabledAt !== null) {
        return failed([{ field: 'email', message: `The account for ${email} is disabled` }])
      }
      if (!can(user.role, action)) {
        const allowed = ROLES.filter((role) => role !== 'public' && can(role, action)).map((r) => ROLE_NAMES[r])
        return failed([
          {
            field: 'role',
            message:
              `${user.name} <${email}> has the role "${ROLE_NAMES[user.role]}"; only ` +
              `${allowed.map((name) => `"${name}"`).join(' or ')} accounts may do this`,
          },
        ])
      }
      return ok(plainUser(user))
    },

    /**
     * Ends a session so its token no longer works anywhere, even if someone copied the cookie.
     * @example await accounts.signOut(request.cookies.scrutineer_session, { correlationId: request.id })
     */
    async signOut(token: string | undefined, context: { correlationId?: string | null } = {}): Promise<void> {
      if (token === undefined || !TOKEN_PATTERN.test(token)) return
      const session = await data.accounts.findSession(sessionId(token))
      if (session === null) return
      if (await data.accounts.revokeSession(session.id, clock.now().toISOString())) {
        await audit(context, `user:${session.user.id}`, 'sign-out', String(session.user.id), {})
      }
    },
  }
}

export type AccountService = ReturnType<typeof accountService>
