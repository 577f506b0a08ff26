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

/** What sign-in needs to decide: the user, their password hash and their lockout state. */
export interface UserCredentials extends User {
  passwordHash: string
  failedAttempts: number
  lockedUntil: string | null
}

/** A user as an administrator manages them: with lockout state and when they last signed in. */
export interface ManagedAccount extends User {
  failedAttempts: number
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
      'u.failed_attempts',
      'u.locked_until',
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
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until,
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
      return {
        ...toUser(row),
        passwordHash: row.password_hash,
        failedAttempts: row.failed_attempts,
        lockedUntil: row.locked_until,
      }
    },

    /** Counts one more failed sign-in, in one statement so two at once both count; returns the new count. */
    async addFailedAttempt(userId: number): Promise<number> {
      const row = await db
        .updateTable('app_user')
        .set({ failed_attempts: sql<number>`failed_attempts + 1` })
        .where('id', '=', userId)
        .returning('failed_attempts')
        .executeTakeFirstOrThrow()
      return row.failed_attempts
    },

    /** Locks the account until `until` and starts the count again for when it unlocks. */
    async lock(userId: number, until: string): Promise<void> {
      await db
        .updateTable('app_user')
        .set({ locked_until: until, failed_attempts: 0 })
        .where('id', '=', userId)
        .execute()
    },

    async clearFailures(userId: number): Promise<void> {
      await db
        .updateTable('app_user')
        .set({ locked_until: null, failed_attempts: 0 })
        .where('id', '=', userId)
        .execute()
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
