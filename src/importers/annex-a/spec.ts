/**
 * The Annex A column specification (reference/annex-a/annex-a-merge.yml: each list's columns, their header
 * patterns, types and whether they may be blank) and the allowed codes with the free-text patterns that map onto
 * them (reference/annex-a/data-map.yml), loaded once and turned into JavaScript values.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export type ColumnType = 'date' | 'integer' | 'text'

/** One column of an Annex A list as the specification describes it. */
export interface ColumnSpec {
  /** The column's name in the Ofsted template, e.g. `Date of Contact`. */
  name: string
  type: ColumnType
  /** Header patterns; when empty the header must equal the name (ignoring case, punctuation and spacing). */
  patterns: RegExp[]
  canBeBlank: boolean
}

/** One allowed value of a coded column, e.g. `{ code: 'E11', label: 'a) E11: Adopted - application unopposed' }`. */
export interface CodeSpec {
  /** The short code (`E11`) or, for lists without one, the full label (`a) Suitable`). */
  code: string
  label: string
  /** Free-text patterns that map onto this code. */
  patterns: RegExp[]
}

export interface AnnexASpec {
  /** Columns of lists 1–11, in template order. */
  lists: ReadonlyMap<number, ColumnSpec[]>
  /** Allowed codes per list and column name (as spelt in data-map.yml). */
  codes: ReadonlyMap<number, ReadonlyMap<string, CodeSpec[]>>
}

const MERGE_FILE = fileURLToPath(new URL('../../../reference/annex-a/annex-a-merge.yml', import.meta.url))
const DATA_MAP_FILE = fileURLToPath(new URL('../../../reference/annex-a/data-map.yml', import.meta.url))

/** Thrown when a reference file shipped with Scrutineer is broken: a programmer error, not an officer's. */
export class AnnexASpecError extends Error {
  override name = 'AnnexASpecError'
}

/**
 * The specification as JSON, written beside the compiled module by bin/compile.js (`writeCompiledSpec`): reading it
 * skips parsing the two YAML files, about 90 ms of every `scrutineer measures`. Read only when it is newer than both
 * (so an edited YAML is never ignored); the TypeScript sources have none and always parse the YAML.
 */
const COMPILED_SPEC_FILE = fileURLToPath(new URL('./annex-a-spec.json', import.meta.url))

let loaded: AnnexASpec | null = null

/**
 * The Annex A specification, read from the reference files on first use and kept.
 * @example
 * loadAnnexASpec().lists.get(1)?.map((column) => column.name) // ['Child Unique ID', 'Gender', …]
 */
export function loadAnnexASpec(): AnnexASpec {
  loaded ??= compiledSpec() ?? buildSpec(readFileSync(MERGE_FILE, 'utf8'), readFileSync(DATA_MAP_FILE, 'utf8'))
  return loaded
}

/** Writes the specification as JSON beside this module (run by bin/compile.js on the compiled module). */
export function writeCompiledSpec(): void {
  writeFileSync(COMPILED_SPEC_FILE, JSON.stringify(specToJson(loadAnnexASpec())))
}

function compiledSpec(): AnnexASpec | null {
  try {
    const written = statSync(COMPILED_SPEC_FILE).mtimeMs
    if (written < statSync(MERGE_FILE).mtimeMs || written < statSync(DATA_MAP_FILE).mtimeMs) return null
    return specFromJson(JSON.parse(readFileSync(COMPILED_SPEC_FILE, 'utf8')) as SpecJson)
  } catch {
    return null
  }
}

type PatternJson = [source: string, flags: string]
interface SpecJson {
  lists: Array<[number, Array<Omit<ColumnSpec, 'patterns'> & { patterns: PatternJson[] }>]>
  codes: Array<[number, Array<[string, Array<Omit<CodeSpec, 'patterns'> & { patterns: PatternJson[] }>]>]>
}

/** The specification as JSON (a RegExp as its source and flags). */
export function specToJson(spec: AnnexASpec): SpecJson {
  const patterns = (list: readonly RegExp[]): PatternJson[] => list.map((p) => [p.source, p.flags])
  return {
    lists: [...spec.lists].map(([list, columns]) => [
      list,
      columns.map((c) => ({ ...c, patterns: patterns(c.patterns) })),
    ]),
    codes: [...spec.codes].map(([list, byColumn]) => [
      list,
      [...byColumn].map(([column, codes]) => [column, codes.map((c) => ({ ...c, patterns: patterns(c.patterns) }))]),
    ]),
  }
}

/** The specification from its JSON (`specToJson`). */
export function specFromJson(json: SpecJson): AnnexASpec {
  const patterns = (list: readonly PatternJson[]): RegExp[] => list.map(([source, flags]) => new RegExp(source, flags))
  return {
    lists: new Map(
      json.lists.map(([list, columns]) => [list, columns.map((c) => ({ ...c, patterns: patterns(c.patterns) }))]),
    ),
    codes: new Map(
      json.codes.map(([list, byColumn]) => [
        list,
        new Map(
          byColumn.map(([column, codes]) => [column, codes.map((c) => ({ ...c, patterns: patterns(c.patterns) }))]),
        ),
      ]),
    ),
  }
}

/**
 * Builds the specification from the text of the two YAML files (aliases such as `*child-id` are resolved).
 * @example
 * buildSpec('datasources:\n  List 1:\n    Date of Contact:\n      type: date\n      canbeblank: false\n', 'data_config: {}')
 */
export function buildSpec(mergeYaml: string, dataMapYaml: string): AnnexASpec {
  const merge = asRecord(
    asRecord(parse(mergeYaml, { maxAliasCount: -1 }), 'annex-a-merge.yml').datasources,
    'datasources',
  )
  const lists = new Map<number, ColumnSpec[]>()
  for (const [listName, columns] of Object.entries(merge)) {
    const list = listNumberFromKey(listName)
    const specs: ColumnSpec[] = []
    for (const [name, raw] of Object.entries(asRecord(columns, listName))) {
      const column = asRecord(raw, `${listName} / ${name}`)
      const type = column.type === 'date' ? 'date' : column.type === 'integer' ? 'integer' : 'text'
      specs.push({
        name,
        type,
        patterns: toPatterns(column.regex, `${listName} / ${name}`, true),
        canBeBlank: column.canbeblank !== false,
      })
    }
    lists.set(list, specs)
  }

  const dataMap = asRecord(
    asRecord(parse(dataMapYaml, { maxAliasCount: -1 }), 'data-map.yml').data_config,
    'data_config',
  )
  const codes = new Map<number, Map<string, CodeSpec[]>>()
  for (const [listName, columns] of Object.entries(dataMap)) {
    const byColumn = new Map<string, CodeSpec[]>()
    for (const [name, entries] of Object.entries(asRecord(columns, listName))) {
      if (!Array.isArray(entries)) continue
      byColumn.set(
        name,
        entries.flatMap((entry: unknown) => {
          if (typeof entry !== 'object' || entry === null) return []
          const { code, regex } = entry as { code?: unknown; regex?: unknown }
          if (typeof code !== 'string') return []
          // data-map.yml has a few hand-typed slips (a pattern list missing its key): those patterns are skipped.
          return [{ code: shortCode(code), label: code, patterns: toPatterns(regex, `${listName} / ${name}`, false) }]
        }),
      )
    }
    codes.set(listNumberFromKey(listName), byColumn)
  }
  return { lists, codes }
}

function listNumberFromKey(key: string): number {
  const match = /^List (\d+)$/.exec(key)
  if (match === null) throw new AnnexASpecError(`Unexpected list name "${key}" in the Annex A specification`)
  return Number(match[1])
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AnnexASpecError(`Expected a mapping at ${where} in the Annex A specification`)
  }
  return value as Record<string, unknown>
}

/**
 * Converts the YAML's `/pattern/flags` strings to RegExps. In the column specification a malformed pattern is a
 * programmer error (strict); in the data map it is skipped.
 */
export function toPatterns(value: unknown, where: string, strict: boolean): RegExp[] {
  if (value === undefined || value === null) return []
  const items = Array.isArray(value) ? (value as unknown[]) : [value]
  const patterns: RegExp[] = []
  for (const item of items) {
    const pattern = typeof item === 'string' ? toRegExp(item) : null
    if (pattern !== null) patterns.push(pattern)
    else if (strict) throw new AnnexASpecError(`Malformed pattern ${JSON.stringify(item)} at ${where}`)
  }
  return patterns
}

/**
 * A pattern written as a JavaScript regular-expression literal in the YAML (slash, pattern, slash, flags) as a
 * RegExp; null when the text is not of that form or does not compile.
 * @example
 * toRegExp('/^age/i')?.test('Age of Child') // true
 */
export function toRegExp(text: string): RegExp | null {
  const trimmed = text.trim()
  const last = trimmed.lastIndexOf('/')
  if (!trimmed.startsWith('/') || last <= 0) return null
  const flags = trimmed.slice(last + 1)
  if (!/^[gimsuy]*$/.test(flags)) return null
  try {
    return new RegExp(trimmed.slice(1, last), flags.replace('g', ''))
  } catch {
    return null
  }
}

/** `a) E11: Adopted - application unopposed` → `E11`; `e) PR4: Private provision` → `PR4`; `a) Suitable` unchanged. */
function shortCode(label: string): string {
  const match = /^[a-z]{1,2}\)\s*([A-Z][A-Z0-9]*\d[A-Z0-9]*)\s*:/.exec(label) ?? /^([A-Z]+\d+[A-Z]?)\s*[-:]/.exec(label)
  return match?.[1] ?? label
}
