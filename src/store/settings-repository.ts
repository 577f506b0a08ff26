/**
 * Council settings (child population, timescales) as named JSON values, and the bank holidays the working-day
 * calendar uses beyond the ones shipped with Scrutineer.
 */
import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

export function settingsRepository(db: Kysely<Database>) {
  return {
    async get(key: string): Promise<unknown> {
      const row = await db.selectFrom('council_setting').select('value').where('key', '=', key).executeTakeFirst()
      return row?.value ?? null
    },

    async set(key: string, value: unknown, actor: string): Promise<void> {
      const json = JSON.stringify(value)
      await db
        .insertInto('council_setting')
        .values({ key, value: json, updated_by: actor })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ value: json, updated_by: actor, updated_at: new Date().toISOString() }),
        )
        .execute()
    },

    async bankHolidays(): Promise<Array<{ date: string; title: string }>> {
      return db.selectFrom('bank_holiday').select(['date', 'title']).orderBy('date').execute()
    },

    /** Adds holidays not already known; returns how many were new. */
    async addBankHolidays(holidays: ReadonlyArray<{ date: string; title: string }>): Promise<number> {
      if (holidays.length === 0) return 0
      const result = await db
        .insertInto('bank_holiday')
        .values(holidays.map((h) => ({ date: h.date, title: h.title })))
        .onConflict((oc) => oc.column('date').doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0n)
    },
  }
}

export type SettingsRepository = ReturnType<typeof settingsRepository>
