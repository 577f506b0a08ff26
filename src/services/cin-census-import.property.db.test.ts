/**
 * Property test of the census import, through the service into a database: the public CIN fixtures are mutated at
 * random (elements dropped, dates swapped, bytes corrupted, the file cut short) and each is imported. Never a
 * crash: the census is imported, or refused with reasons; and a refused census leaves the database exactly as it
 * was (no import row, no figures, no child rows, no problems, no audit event). Seeded (seededRandom), so a failure
 * names its seed and can be replayed.
 */
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { IMPORT_TABLES, storeTargets } from '../../test/databases.ts'
import { seededRandom } from '../domain/measures/testing.ts'
import { annexARepository } from '../store/annex-a-repository.ts'
import type { Store } from '../store/connect.ts'
import { services as buildServices, type Services } from './index.ts'

const FIXTURES = join(import.meta.dirname, '../../fixtures/cin-census')
const CENSUSES = ['CIN_Census_2024.xml', 'cin-2022.xml', 'CIN2rows.xml']
const RUNS = 36
/** Every table an import writes, or whose rows a refused import must leave as they were. */
const TABLES = [...IMPORT_TABLES, 'audit_event']

/**
 * Every row of `TABLES` as one digest per table, made by the database (test/databases.ts tablesSnapshot reads the
 * rows out, which for the demo council's tables took seconds a run): equal before and after, nothing changed.
 */
async function digest(store: Store): Promise<string> {
  const parts: string[] = []
  for (const table of TABLES) {
    const row = await sql<{ n: string; sum: string | null }>`select count(*) as n,
        md5(string_agg(t::text, '|' order by t::text)) as sum from ${sql.table(table)} as t`.execute(store.db)
    parts.push(`${table}: ${row.rows[0]?.n} rows, ${row.rows[0]?.sum ?? 'empty'}`)
  }
  return parts.join('\n')
}

/** An element with no element inside it, e.g. `<CINreferralDate>2018-04-03</CINreferralDate>`. */
const LEAF = /<([A-Za-z][\w:]*)>([^<]*)<\/\1>/g
const DATE = /<([A-Za-z][\w:]*Date)>([^<]*)<\/\1>/g

function mutate(text: string, random: () => number): { bytes: Buffer; how: string } {
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)]
  switch (Math.floor(random() * 5)) {
    case 0: {
      // Drop one to three elements (a date, an LAchildID, a whole module).
      let out = text
      for (let i = 0; i < 1 + Math.floor(random() * 3); i++) {
        const leaf = pick([...out.matchAll(LEAF)])
        if (leaf !== undefined) out = out.slice(0, leaf.index) + out.slice(leaf.index + leaf[0].length)
      }
      return { bytes: Buffer.from(out), how: 'elements dropped' }
    }
    case 1: {
      // Swap the values of two dates (a closure before its referral, an authorisation before its start…).
      const dates = [...text.matchAll(DATE)]
      const [a, b] = [pick(dates), pick(dates)]
      if (a === undefined || b === undefined || a.index === b.index) return { bytes: Buffer.from(text), how: 'as is' }
      const [first, second] = a.index < b.index ? [a, b] : [b, a]
      const swapped =
        text.slice(0, first.index) +
        `<${first[1]}>${second[2]}</${first[1]}>` +
        text.slice(first.index + first[0].length, second.index) +
        `<${second[1]}>${first[2]}</${second[1]}>` +
        text.slice(second.index + second[0].length)
      return { bytes: Buffer.from(swapped), how: 'dates swapped' }
    }
    case 2: {
      // Garble a value: letters in a date, a day that does not exist, an empty value.
      const leaf = pick([...text.matchAll(LEAF)])
      if (leaf === undefined) return { bytes: Buffer.from(text), how: 'as is' }
      const value = pick(['2018-02-30', 'soon', '', '31/13/2018', 'maybe', '-1', '2018-04-30T25:00'])
      const out =
        text.slice(0, leaf.index) + `<${leaf[1]}>${value}</${leaf[1]}>` + text.slice(leaf.index + leaf[0].length)
      return { bytes: Buffer.from(out), how: 'value garbled' }
    }
    case 3: {
      const bytes = Buffer.from(text)
      for (let i = 0; i < 1 + Math.floor(random() * 6); i++)
        bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256)
      return { bytes, how: 'bytes corrupted' }
    }
    default:
      return { bytes: Buffer.from(text).subarray(0, Math.floor(random() * text.length)), how: 'cut short' }
  }
}

for (const target of storeTargets()) {
  describe(`importing a mutated children in need census on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let dir: string
    const censuses = new Map<string, string>()

    before(async () => {
      if (!target.openDemo) return
      // The demo council: its catalogue links indicators to the census's measures, so an import writes figures too.
      store = await target.openDemo()
      services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Test council' })
      dir = await mkdtemp(join(tmpdir(), 'scrutineer-cin-property-'))
      for (const name of CENSUSES) censuses.set(name, await readFile(join(FIXTURES, name), 'utf8'))
    })
    after(async () => {
      await store?.close()
      if (dir !== undefined) await rm(dir, { recursive: true, force: true })
    })

    it('never crashes, and a census it refuses changes nothing in the database', async () => {
      const outcomes = { imported: 0, refused: 0 }
      // What the database holds before each import: taken again only after an import that changed it.
      let before = await digest(store)
      for (let seed = 1; seed <= RUNS; seed++) {
        const random = seededRandom(seed)
        const name = CENSUSES[seed % CENSUSES.length] as string
        const { bytes, how } = mutate(censuses.get(name) ?? '', random)
        const file = join(dir, `${seed}-${name}`)
        await writeFile(file, bytes)
        const label = `seed ${seed} (${name}, ${how})`
        const result = await services.annexA.importFile(file, { actor: 'test', months: 13 })
        if (result.ok) {
          outcomes.imported++
          // Imported: one new import, holding the rows it says it stored.
          const [latest] = await services.annexA.listImports()
          assert.equal(latest?.id, result.value.importId, label)
          assert.equal(latest?.layout, 'cin-census', label)
          const stored = await annexARepository(store.db).rowCounts(result.value.importId)
          for (const list of result.value.lists)
            assert.equal(stored[list.list], list.rows, `${label}: list ${list.list}`)
          before = await digest(store)
        } else {
          outcomes.refused++
          assert.ok(result.problems.length > 0, label)
          for (const problem of result.problems) {
            assert.equal(problem.file, `${seed}-${name}`, label)
            assert.ok(problem.reason.length > 10, `${label}: ${problem.reason}`)
          }
          assert.equal(await digest(store), before, `${label}: the database changed`)
        }
      }
      // Both outcomes happen, so both branches above were checked.
      assert.ok(outcomes.imported > 0 && outcomes.refused > 0, JSON.stringify(outcomes))
    })
  })
}
