/**
 * People who sign in and their sessions. Returns domain-shaped values (roles checked against the role table,
 * timestamps as ISO strings); never a password in anything but `findCredentials`.
 */
import { sql, type Kysely } from 'kysely'
import { isRole, type Role } from '../domain/permissions.ts'
import type { Database } from './schema.ts'

/** A person who can sign in, without their password hash. */
export interface User {
  id: number
  email: string
  name: string
  role: Exclude<Role, 'public'>
  createdAt: string
  disabledAt: string | null
}

/** What sign-in needs to decide: the user and their password hash. */
export interface UserCredentials extends User {
  passwordHash: string
}

/** Failed sign-ins of one account from one client address, and the back-off lock on that pair. */
export interface SignInFailures {
  address: string
  failures: number
  lockedUntil: string | null
}

/** A user as an administrator manages them: with lockout state and when they last signed in. */
export interface ManagedAccount extends User {
  /** Failed sign-ins since the last success, over every address. */
  failedAttempts: number
  /** The latest lock on any address (null when none was ever set). */
  lockedUntil: string | null
  /** When their most recent session began; null if they have never signed in. */
  lastSignedInAt: string | null
}

/** A session with the user it belongs to. */
export interface StoredSession {
  id: string
  createdAt: string
  lastSeenAt: string
  revokedAt: string | null
  user: User
}

export class AccountStoreError extends Error {
  override name = 'AccountStoreError'
}

function toRole(text: string): Exclude<Role, 'public'> {
  // The database's check constraint keeps this true; a failure here is a programming error.
  if (!isRole(text) || text === 'public') throw new AccountStoreError(`Unknown role "${text}" in app_user.`)
  return text
}

interface UserRow {
  id: number
  email: string
  name: string
  role: string
  created_at: string
  disabled_at: string | null
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: toRole(row.role),
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  }
}

export function accountRepository(db: Kysely<Database>) {
  const managedAccounts = () =>
    db.selectFrom('app_user as u').select((eb) => [
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.created_at',
      'u.disabled_at',
      eb
        .selectFrom('sign_in_failure as f')
        .whereRef('f.user_id', '=', 'u.id')
        .select((inner) => inner.fn.sum<number>('f.failures').as('n'))
        .as('failed_attempts'),
      eb
        .selectFrom('sign_in_failure as f')
        .whereRef('f.user_id', '=', 'u.id')
        .select((inner) => inner.fn.max('f.locked_until').as('until'))
        .as('locked_until'),
      eb
        .selectFrom('user_session as s')
        .whereRef('s.user_id', '=', 'u.id')
        .select((inner) => inner.fn.max('s.created_at').as('last'))
        .as('last_signed_in_at'),
    ])
  const toManagedAccount = (
    row: Awaited<ReturnType<ReturnType<typeof managedAccounts>['executeTakeFirstOrThrow']>>,
  ) => ({
    ...toUser(row),
    failedAttempts: row.failed_attempts ?? 0,
    lockedUntil: row.locked_until ?? null,
    lastSignedInAt: row.last_signed_in_at ?? null,
  })

  return {
    /** Every account, by name, with its lockout state and last sign-in. */
    async listAccounts(): Promise<ManagedAccount[]> {
      const rows = await managedAccounts().orderBy('u.name').orderBy('u.id').execute()
      return rows.map(toManagedAccount)
    },

    async findAccount(id: number): Promise<ManagedAccount | null> {
      const row = await managedAccounts().where('u.id', '=', id).executeTakeFirst()
      return row === undefined ? null : toManagedAccount(row)
    },

    /** `email` must already be lower case. */
    async findAccountByEmail(email: string): Promise<ManagedAccount | null> {
      const row = await managedAccounts().where('u.email', '=', email).executeTakeFirst()
      return row === undefined ? null : toManagedAccount(row)
    },

    /**
     * The ids of the enabled administrators, locking their rows until the transaction ends, so two administrators
     * demoting each other at once cannot both succeed and leave nobody.
     */
    async lockActiveAdministrators(): Promise<number[]> {
      const rows = await db
        .selectFrom('app_user')
        .select('id')
        .where('role', '=', 'administrator')
        .where('disabled_at', 'is', null)
        .orderBy('id')
        .forUpdate()
        .execute()
      return rows.map((r) => r.id)
    },

    async setRole(userId: number, role: Exclude<Role, 'public'>): Promise<void> {
      await db.updateTable('app_user').set({ role }).where('id', '=', userId).execute()
    },

    /** Disables the account at `at`, or re-enables it with null. */
    async setDisabled(userId: number, at: string | null): Promise<void> {
      await db.updateTable('app_user').set({ disabled_at: at }).where('id', '=', userId).execute()
    },

    async setPasswordHash(userId: number, passwordHash: string): Promise<void> {
      await db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', userId).execute()
    },

    /** Revokes every open session of a user; returns how many there were. */
    async revokeAllSessions(userId: number, at: string): Promise<number> {
      const result = await db
        .updateTable('user_session')
        .set({ revoked_at: at })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows)
    },

    async countUsers(): Promise<number> {
      const row = await db
        .selectFrom('app_user')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      // int8 arrives as a number: see type-parsers.ts.
      return row.n
    },

    /** Adds a user; null when the email address is taken. `email` must already be lower case. */
    async insertUser(user: {
      email: string
      name: string
      role: Exclude<Role, 'public'>
      passwordHash: string
      createdAt: string
    }): Promise<User | null> {
      const row = await db
        .insertInto('app_user')
        .values({
          email: user.email,
          name: user.name,
          role: user.role,
          password_hash: user.passwordHash,
          created_at: user.createdAt,
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning(['id', 'email', 'name', 'role', 'created_at', 'disabled_at'])
        .executeTakeFirst()
      return row === undefined ? null : toUser(row)
    },

    async findCredentials(email: string): Promise<UserCredentials | null> {
      const row = await db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst()
      if (row === undefined) return null
      return { ...toUser(row), passwordHash: row.password_hash }
    },

    /** The failed sign-ins of an account from one address, or null when there are none. */
    async findFailures(userId: number, address: string): Promise<SignInFailures | null> {
      const row = await db
        .selectFrom('sign_in_failure')
        .select(['address', 'failures', 'locked_until'])
        .where('user_id', '=', userId)
        .where('address', '=', address)
        .executeTakeFirst()
      return row === undefined ? null : { address: row.address, failures: row.failures, lockedUntil: row.locked_until }
    },

    /** Every address an account has failed to sign in from since its last success there, most recent first. */
    async listFailures(userId: number): Promise<SignInFailures[]> {
      const rows = await db
        .selectFrom('sign_in_failure')
        .select(['address', 'failures', 'locked_until'])
        .where('user_id', '=', userId)
        .orderBy('last_failed_at', 'desc')
        .execute()
      return rows.map((r) => ({ address: r.address, failures: r.failures, lockedUntil: r.locked_until }))
    },

    /**
     * Counts one more failed sign-in of the account from the address, in one statement so two at once both count;
     * returns the new count.
     */
    async addFailure(userId: number, address: string, at: string): Promise<number> {
      const row = await db
        .insertInto('sign_in_failure')
        .values({ user_id: userId, address, failures: 1, last_failed_at: at, locked_until: null })
        .onConflict((oc) =>
          oc.columns(['user_id', 'address']).doUpdateSet({
            failures: sql<number>`sign_in_failure.failures + 1`,
            last_failed_at: at,
          }),
        )
        .returning('failures')
        .executeTakeFirstOrThrow()
      return row.failures
    },

    /** Locks sign-in to the account from the address until `until` (the count goes on, for the next back-off). */
    async lock(userId: number, address: string, until: string): Promise<void> {
      await db
        .updateTable('sign_in_failure')
        .set({ locked_until: until })
        .where('user_id', '=', userId)
        .where('address', '=', address)
        .execute()
    },

    /** Forgets the account's failures from one address (a success there), or from every address (unlocking). */
    async clearFailures(userId: number, address: string | null = null): Promise<void> {
      let query = db.deleteFrom('sign_in_failure').where('user_id', '=', userId)
      if (address !== null) query = query.where('address', '=', address)
      await query.execute()
    },

    async insertSession(session: { id: string; userId: number; at: string; userAgent: string | null }): Promise<void> {
      await db
        .insertInto('user_session')
        .values({
          id: session.id,
          user_id: session.userId,
          created_at: session.at,
          last_seen_at: session.at,
          user_agent: session.userAgent,
        })
        .execute()
    },

    async findSession(id: string): Promise<StoredSession | null> {
      const row = await db
        .selectFrom('user_session as s')
        .innerJoin('app_user as u', 'u.id', 's.user_id')
        .select([
          's.id as session_id',
          's.created_at as session_created_at',
          's.last_seen_at',
          's.revoked_at',
          'u.id',
          'u.email',
          'u.name',
          'u.role',
          'u.created_at',
          'u.disabled_at',
        ])
        .where('s.id', '=', id)
        .executeTakeFirst()
      if (row === undefined) return null
      return {
        id: row.session_id,
        createdAt: row.session_created_at,
        lastSeenAt: row.last_seen_at,
        revokedAt: row.revoked_at,
        user: toUser(row),
      }
    },

    async touchSession(id: string, at: string): Promise<void> {
      await db.updateTable('user_session').set({ last_seen_at: at }).where('id', '=', id).execute()
    },

    /** Revokes a session; false when it did not exist or was already revoked. */
    async revokeSession(id: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('user_session')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },
  }
}

export type AccountRepository = ReturnType<typeof accountRepository>
