/**
 * The glossary page (/glossary), its JSON (/glossary.json) and the add and edit forms. Definitions are split into
 * paragraphs and lists, and the acronyms of other entries in them are marked up to those entries.
 */
import {
  definitionBlocks,
  letterOf,
  markUpAcronyms,
  sortEntries,
  type GlossaryEntry,
  type GlossaryProblem,
  type Segment,
} from '../../domain/glossary.ts'

export type DefinitionBlockModel = { kind: 'paragraph'; segments: Segment[] } | { kind: 'list'; items: Segment[][] }

export interface GlossaryEntryModel {
  slug: string
  term: string
  acronym: string | null
  blocks: DefinitionBlockModel[]
  /** The source as text, and as a link when it is a web address. */
  source: { text: string; href: string | null } | null
  /** The edit form, for people who may manage the glossary; null otherwise. */
  editHref: string | null
}

export interface GlossaryPageModel {
  pageTitle: string
  /** The A–Z: only letters that have terms. */
  letters: Array<{ letter: string; href: string }>
  groups: Array<{ letter: string; id: string; entries: GlossaryEntryModel[] }>
  /** The add form's address, for people who may manage the glossary; null otherwise. */
  newHref: string | null
}

function letterId(letter: string): string {
  return `glossary-letter-${letter === '0–9' ? 'digits' : letter.toLowerCase()}`
}

/** A definition's blocks with other entries' acronyms marked up (each acronym's first use in the definition). */
export function definitionModel(entry: GlossaryEntry, entries: readonly GlossaryEntry[]): DefinitionBlockModel[] {
  const markUp = (text: string) => markUpAcronyms(text, entries, { exceptSlug: entry.slug })
  return definitionBlocks(entry.definition).map((block) =>
    block.kind === 'paragraph'
      ? { kind: 'paragraph', segments: markUp(block.text) }
      : { kind: 'list', items: block.items.map(markUp) },
  )
}

/**
 * Builds the glossary page: entries A to Z, grouped by letter, each with its anchor (its slug).
 * @example glossaryPageModel(entries, { canManage: false }).letters[0] // { letter: 'A', href: '#glossary-letter-a' }
 */
export function glossaryPageModel(
  entries: readonly GlossaryEntry[],
  options: { canManage: boolean },
): GlossaryPageModel {
  const groups: GlossaryPageModel['groups'] = []
  for (const entry of sortEntries(entries)) {
    const letter = letterOf(entry.term)
    let group = groups.find((g) => g.letter === letter)
    if (group === undefined) {
      group = { letter, id: letterId(letter), entries: [] }
      groups.push(group)
    }
    const source = entry.source?.trim() ?? ''
    group.entries.push({
      slug: entry.slug,
      term: entry.term,
      acronym: entry.acronym,
      blocks: definitionModel(entry, entries),
      source: source === '' ? null : { text: source, href: /^https?:\/\/\S+$/.test(source) ? source : null },
      editHref: options.canManage ? `/glossary/${encodeURIComponent(entry.slug)}/edit` : null,
    })
  }
  // Digits and symbols after Z, as in a printed index.
  groups.sort((a, b) => (a.letter === '0–9' ? 1 : b.letter === '0–9' ? -1 : a.letter.localeCompare(b.letter)))
  return {
    pageTitle: 'Glossary',
    letters: groups.map((g) => ({ letter: g.letter, href: `#${g.id}` })),
    groups,
    newHref: options.canManage ? '/glossary/new' : null,
  }
}

/** One entry as /glossary.json publishes it. */
export interface GlossaryJsonEntry {
  term: string
  acronym: string | null
  definition: string
  source: string | null
  slug: string
  /** The entry on the glossary page, relative to the site: "/glossary#early-help". */
  url: string
}

/**
 * The glossary as JSON, A to Z.
 * @example glossaryJson([earlyHelp]) // { entries: [{ term: 'Early Help', acronym: 'EH', …, url: '/glossary#early-help' }] }
 */
export function glossaryJson(entries: readonly GlossaryEntry[]): { entries: GlossaryJsonEntry[] } {
  return {
    entries: sortEntries(entries).map((e) => ({
      term: e.term,
      acronym: e.acronym,
      definition: e.definition,
      source: e.source,
      slug: e.slug,
      url: `/glossary#${encodeURIComponent(e.slug)}`,
    })),
  }
}

export interface GlossaryFormModel {
  pageTitle: string
  heading: string
  action: string
  /** The remove form's address (editing only). */
  removeAction: string | null
  values: { term: string; acronym: string; definition: string; source: string }
  errorList: Array<{ text: string; href: string }>
  errors: Record<GlossaryProblem['field'], { text: string } | null>
}

/**
 * The add form (`slug` null) or the edit form, with what was typed and any problems.
 * @example glossaryFormModel(null, { term: '', acronym: '', definition: '', source: '' }, []).heading // 'Add a term to the glossary'
 */
export function glossaryFormModel(
  slug: string | null,
  values: GlossaryFormModel['values'],
  problems: readonly GlossaryProblem[],
  currentTerm: string | null = null,
): GlossaryFormModel {
  const heading = slug === null ? 'Add a term to the glossary' : `Edit ${currentTerm ?? 'a term'}`
  const fieldError = (field: GlossaryProblem['field']) => {
    const problem = problems.find((p) => p.field === field)
    return problem === undefined ? null : { text: problem.message }
  }
  const path = slug === null ? null : `/glossary/${encodeURIComponent(slug)}`
  return {
    pageTitle: problems.length > 0 ? `Error: ${heading}` : heading,
    heading,
    action: path === null ? '/glossary/new' : `${path}/edit`,
    removeAction: path === null ? null : `${path}/remove`,
    values,
    errorList: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
    errors: {
      term: fieldError('term'),
      acronym: fieldError('acronym'),
      definition: fieldError('definition'),
      source: fieldError('source'),
    },
  }
}
