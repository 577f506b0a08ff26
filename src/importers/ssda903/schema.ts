/**
 * The SSDA903 column specification (reference/ssda903/SSDA903_schema_2024.yml, from liia-tools): each of the 11
 * tables of a children looked after return, its columns, their kind (date, code, whole number or text), the codes a
 * coded column allows and whether a column may be blank. Loaded once and turned into JavaScript values.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

/** The tables of a return, by the file name DfE gives each (`episodes.csv`…). */
export const SSDA903_TABLES = [
  'header',
  'episodes',
  'uasc',
  'oc2',
  'oc3',
  'ad1',
  'placed_for_adoption',
  'reviews',
  'missing',
  'sw_episodes',
  'previous_permanence',
] as const

export type Ssda903Table = (typeof SSDA903_TABLES)[number]

export type Ssda903ColumnKind = 'date' | 'code' | 'integer' | 'text'

export interface Ssda903Column {
  /** The column's name as DfE spells it, upper case (`DECOM`). */
  name: string
  kind: Ssda903ColumnKind
  /** The codes a coded column allows, upper case, and names that stand for them (`MALE` → `1`). */
  codes: ReadonlyMap<string, string>
  canBeBlank: boolean
}

export type Ssda903Schema = ReadonlyMap<Ssda903Table, readonly Ssda903Column[]>

/** The schema's own names for the tables. */
const SCHEMA_KEYS: Record<string, Ssda903Table> = {
  Header: 'header',
  Episodes: 'episodes',
  UASC: 'uasc',
  OC2: 'oc2',
  OC3: 'oc3',
  AD1: 'ad1',
  PlacedAdoption: 'placed_for_adoption',
  Reviews: 'reviews',
  Missing: 'missing',
  SocialWorker: 'sw_episodes',
  PrevPerm: 'previous_permanence',
}

const SCHEMA_FILE = fileURLToPath(new URL('../../../reference/ssda903/SSDA903_schema_2024.yml', import.meta.url))

/** Thrown when the schema shipped with Scrutineer is broken: a programmer error, not an officer's. */
export class Ssda903SchemaError extends Error {
  override name = 'Ssda903SchemaError'
}

let loaded: Ssda903Schema | null = null

/**
 * The SSDA903 schema, read on first use and kept.
 * @example loadSsda903Schema().get('episodes')?.map((c) => c.name) // ['CHILD', 'DECOM', 'RNE', …]
 */
export function loadSsda903Schema(): Ssda903Schema {
  loaded ??= buildSsda903Schema(readFileSync(SCHEMA_FILE, 'utf8'))
  return loaded
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Ssda903SchemaError(`Expected a mapping at ${where} in the SSDA903 schema`)
  return value as Record<string, unknown>
}

/** `canbeblank: yes` may arrive as the string "yes" (YAML 1.2) or as true (YAML 1.1). */
function isYes(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^(yes|true)$/i.test(value.trim()))
}

/**
 * Builds the schema from the YAML text.
 * @example buildSsda903Schema('column_map:\n  UASC:\n    CHILD:\n      string: "alphanumeric"\n      canbeblank: no\n')
 */
export function buildSsda903Schema(yamlText: string): Ssda903Schema {
  const map = record(record(parse(yamlText), 'the file').column_map, 'column_map')
  const schema = new Map<Ssda903Table, Ssda903Column[]>()
  for (const [key, columns] of Object.entries(map)) {
    const table = SCHEMA_KEYS[key]
    if (table === undefined) continue
    schema.set(
      table,
      Object.entries(record(columns, key)).map(([name, raw]) => {
        const column = record(raw, `${key} / ${name}`)
        const codes = new Map<string, string>()
        if (Array.isArray(column.category)) {
          for (const entry of column.category as unknown[]) {
            const raw = record(entry, `${key} / ${name}`).code
            const code = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : ''
            if (code !== '') codes.set(code.toUpperCase(), code)
          }
          if (typeof column.dictionary === 'object' && column.dictionary !== null) {
            for (const [word, code] of Object.entries(column.dictionary as Record<string, unknown>))
              if (typeof code === 'string') codes.set(word.trim().toUpperCase(), code)
          }
        }
        const kind: Ssda903ColumnKind =
          column.date !== undefined
            ? 'date'
            : codes.size > 0
              ? 'code'
              : column.numeric !== undefined
                ? 'integer'
                : 'text'
        return { name: name.trim().toUpperCase(), kind, codes, canBeBlank: isYes(column.canbeblank) }
      }),
    )
  }
  for (const table of SSDA903_TABLES)
    if (!schema.has(table)) throw new Ssda903SchemaError(`The SSDA903 schema has no ${table} table`)
  return schema
}
