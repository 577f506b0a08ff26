/**
 * The first administrator, without a shell: on a database with no accounts, `npm start` issues a one-time set-up
 * link (a random token valid for an hour, printed only in the server's log) that opens a page to create the first
 * administrator. Only the token's SHA-256 is stored, so every web process sharing the database knows the link and
 * a copy of the database cannot be used to create an administrator. Creating the administrator uses up every
 * outstanding link in the same transaction; once anyone has an account, no link works.
 *
 * The clock is a dependency (`now`), so tests can let a link expire.
 */
import { createHash, randomBytes } from 'node:crypto'
import { hash } from '@node-rs/argon2'
import { failed, ok, type Result } from '../domain/result.ts'
import type { User } from '../store/account-repository.ts'
import type { DataAccess } from '../store/data-access.ts'
import type { SetUpToken } from '../store/set-up-repository.ts'
import { checkNewUser, type AccountProblem } from './account-service.ts'
import { recordChange } from './change-record.ts'
import type { PasswordPolicy } from './password-policy.ts'

/** How long a set-up link works. */
export const SET_UP_LINK_MINUTES = 60

/** Who the audit log says acted: nobody is signed in when the link is used. */
export const SET_UP_ACTOR = 'set-up link'

/** Whether a link can create the first administrator, and if not why: never issued, expired, or used up. */
export type SetUpLinkState = 'valid' | 'unknown' | 'expired' | 'used'

/** A dead link, as a problem: its state says which page to show. */
export interface SetUpLinkProblem {
  field: 'link'
  state: Exclude<SetUpLinkState, 'valid'>
  message: string
}

export type SetUpProblem = AccountProblem | SetUpLinkProblem

/** What each dead link's page says. */
export const DEAD_LINK_MESSAGES: Readonly<Record<SetUpLinkProblem['state'], string>> = Object.freeze({
  unknown: 'This set-up link is not a link Scrutineer made. Check that you copied the whole link from the log.',
  expired:
    'This set-up link has expired: each one works for an hour. Restart Scrutineer (npm start) to print a new one, ' +
    'or create the administrator with npx scrutineer users add.',
  used: 'The first administrator has already been created, so this set-up link no longer works. Sign in, or ask an administrator for an account.',
})

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/
const MINUTE = 60 * 1000

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The state of a stored link (or none) at `now`, given how many accounts there are. */
function stateOf(stored: SetUpToken | null, users: number, now: Date): SetUpLinkState {
  if (stored === null) return 'unknown'
  if (stored.usedAt !== null || users > 0) return 'used'
  if (Date.parse(stored.expiresAt) <= now.getTime()) return 'expired'
  return 'valid'
}

/** The problem for a link that cannot be used, with the words its page shows. */
export function deadLink(state: Exclude<SetUpLinkState, 'valid'>): SetUpLinkProblem {
  return { field: 'link', state, message: DEAD_LINK_MESSAGES[state] }
}

export function setUpService(data: DataAccess, clock: { now: () => Date }, passwords: PasswordPolicy) {
  async function stateOfToken(token: string): Promise<SetUpLinkState> {
    if (!TOKEN_PATTERN.test(token)) return 'unknown'
    const [stored, users] = await Promise.all([data.setUp.find(tokenHash(token)), data.accounts.countUsers()])
    return stateOf(stored, users, clock.now())
  }

  return {
    /**
     * Issues a new set-up link when nobody has an account yet: returns its token (to print, never to store) and
     * when it expires; null once anyone has an account. Audited (without the token).
     * @example const link = await setUp.issueLink(); if (link) log(`http://localhost:3000/set-up/${link.token}`)
     */
    async issueLink(): Promise<{ token: string; expiresAt: string } | null> {
      if ((await data.accounts.countUsers()) > 0) return null
      const token = randomBytes(32).toString('base64url')
      const now = clock.now()
      const expiresAt = new Date(now.getTime() + SET_UP_LINK_MINUTES * MINUTE).toISOString()
      const stored = tokenHash(token)
      await data.transaction(async (repos) => {
        await repos.setUp.insert({ tokenHash: stored, createdAt: now.toISOString(), expiresAt })
        await recordChange(
          repos.audit,
          { actor: 'system' },
          'set-up-link.issue',
          // The first characters of the hash tell links apart in the log; the token cannot be found from them.
          { type: 'set-up-link', id: stored.slice(0, 12) },
          { expiresAt },
        )
      })
      return { token, expiresAt }
    },

    /** Whether a link's token can still create the first administrator. */
    linkState: stateOfToken,

    /**
     * Creates the first administrator with a set-up link, and uses up that link and every other outstanding one, in
     * one transaction: of two browsers racing (with one link or two), one creates the administrator and the other
     * is told the link is used. Refuses a dead link, or details that break the account rules (nothing is stored).
     * @example await setUp.createAdministrator(token, { name: 'Jo', email: 'jo@council.gov.uk', password }, { correlationId: request.id })
     */
    async createAdministrator(
      token: string,
      input: { name: string; email: string; password: string },
      context: { correlationId?: string | null } = {},
    ): Promise<Result<User, SetUpProblem>> {
      const before = await stateOfToken(token)
      if (before !== 'valid') return failed([deadLink(before)])
      const checked = checkNewUser({ ...input, role: 'administrator' }, passwords)
      if (!checked.ok) return checked
      // Hashed before the transaction, so the lock below is held for milliseconds, not the hash's hundreds.
      const passwordHash = await hash(input.password)
      return data.transaction(async (repos): Promise<Result<User, SetUpProblem>> => {
        await repos.setUp.lockAll()
        const now = clock.now()
        const state = stateOf(await repos.setUp.find(tokenHash(token)), await repos.accounts.countUsers(), now)
        if (state !== 'valid') return failed([deadLink(state)])
        const user = await repos.accounts.insertUser({ ...checked.value, passwordHash, createdAt: now.toISOString() })
        // Nobody has an account, so the address cannot be taken; a null here means the database changed under us.
        if (user === null) return failed([deadLink('used')])
        const used = await repos.setUp.useAll(now.toISOString())
        await recordChange(
          repos.audit,
          { actor: SET_UP_ACTOR, correlationId: context.correlationId ?? null },
          'user.create',
          { type: 'user', id: user.id },
          { email: user.email, name: user.name, role: user.role, via: 'set-up link', linksUsedUp: used },
        )
        return ok(user)
      })
    },
  }
}

export type SetUpService = ReturnType<typeof setUpService>
