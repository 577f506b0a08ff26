/**
 * The set-up links that create the first administrator (see services/set-up-service.ts): each stored as the
 * SHA-256 of its token, with its expiry and when it was used.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from './schema.ts'

/** A stored set-up link, without its token (which is never stored). */
export interface SetUpToken {
  tokenHash: string
  createdAt: string
  expiresAt: string
  usedAt: string | null
}

export function setUpRepository(db: Kysely<Database>) {
  return {
    async insert(token: { tokenHash: string; createdAt: string; expiresAt: string }): Promise<void> {
      await db
        .insertInto('set_up_token')
        .values({ token_hash: token.tokenHash, created_at: token.createdAt, expires_at: token.expiresAt })
        .execute()
    },

    async find(tokenHash: string): Promise<SetUpToken | null> {
      const row = await db.selectFrom('set_up_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
      return row === undefined
        ? null
        : { tokenHash: row.token_hash, createdAt: row.created_at, expiresAt: row.expires_at, usedAt: row.used_at }
    },

    /**
     * Makes every other set-up attempt wait until this transaction ends (call inside one), so two browsers racing
     * with the same link, or with two links, cannot both create an administrator.
     */
    async lockAll(): Promise<void> {
      await sql`lock table set_up_token in exclusive mode`.execute(db)
    },

    /** Marks every link not yet used as used at `at`; returns how many there were. */
    async useAll(at: string): Promise<number> {
      const result = await db
        .updateTable('set_up_token')
        .set({ used_at: at })
        .where('used_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows)
    },
  }
}

export type SetUpRepository = ReturnType<typeof setUpRepository>
