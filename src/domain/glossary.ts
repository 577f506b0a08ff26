/**
 * The glossary: the terms and acronyms the council's papers use, with what they mean and where the definition
 * comes from; and the marking up of acronyms in any text (indicator titles, commentary, papers) to their entry.
 *
 * Marking up returns segments, never HTML: the template prints each segment's text with autoescaping on, so text
 * from a spreadsheet or a form can never become markup (XSS-safe by construction).
 */

/** One glossary entry. `slug` is the entry's address on the glossary page (`/glossary#slug`). */
export interface GlossaryEntry {
  /** "Initial Child Protection Conference". */
  term: string
  /** "ICPC", or null when the term has no short form. */
  acronym: string | null
  /** Plain text; paragraphs are separated by a blank line, list items start "- ". */
  definition: string
  /** Where the definition comes from, or null when not stated. */
  source: string | null
  slug: string
}

/** A run of text: either plain, or an acronym linked to its glossary entry. */
export type Segment =
  { kind: 'text'; text: string } | { kind: 'acronym'; text: string; slug: string; expansion: string }

/**
 * The slug of a term: lower case, letters and digits, words joined by hyphens; apostrophes vanish.
 * @example slugFor("Director of Children's Services") // 'director-of-childrens-services'
 * @example slugFor('Section 47 Enquiry') // 'section-47-enquiry'
 */
export function slugFor(term: string): string {
  return term
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/**
 * The A–Z letter a term is listed under: its first letter in upper case, or "0–9" for a term starting with a digit
 * or anything else.
 * @example letterOf('referral') // 'R'
 * @example letterOf('16+ service') // '0–9'
 */
export function letterOf(term: string): string {
  const first = term.trim().normalize('NFKD').charAt(0).toUpperCase()
  return /^[A-Z]$/.test(first) ? first : '0–9'
}

/**
 * Sorts entries A to Z by term, ignoring case.
 * @example sortEntries([{ term: 'b' }, { term: 'A' }]).map((e) => e.term) // ['A', 'b']
 */
export function sortEntries<T extends { term: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => a.term.localeCompare(b.term, 'en-GB', { sensitivity: 'base' }))
}

/**
 * Splits a glossary heading into term and acronym. The council writes both "Early Help / EH" and
 * "Local Safeguarding Children's Board (LSCB)".
 * @example splitHeading('Early Help / EH') // { term: 'Early Help', acronym: 'EH' }
 * @example splitHeading('Director of Children's Services (DCS)') // { term: "Director of Children's Services", acronym: 'DCS' }
 * @example splitHeading('Referral') // { term: 'Referral', acronym: null }
 */
export function splitHeading(heading: string): { term: string; acronym: string | null } {
  const text = heading.trim().replace(/\s+/g, ' ')
  const slash = /^(.+?)\s*\/\s*([A-Za-z0-9]{1,10})$/.exec(text)
  if (slash?.[1] !== undefined && slash[2] !== undefined) return { term: slash[1], acronym: slash[2] }
  const bracket = /^(.+?)\s*\(([A-Za-z0-9]{1,10})\)$/.exec(text)
  if (bracket?.[1] !== undefined && bracket[2] !== undefined) return { term: bracket[1], acronym: bracket[2] }
  return { term: text, acronym: null }
}

// Leftovers of the scan: bold (**…**) and underline (<u>…</u>) around words.
function cleanText(line: string): string {
  return line
    .replace(/\*\*/g, '')
    .replace(/<\/?u>/g, '')
    .replace(/[ \t]+$/g, '')
}

/** A heading: one short line that starts with a capital and does not end a sentence. */
function isHeading(paragraph: string): boolean {
  if (paragraph.includes('\n')) return false
  if (paragraph.length > 80 || /[.:;,]$/.test(paragraph)) return false
  if (paragraph.startsWith('- ') || /^See https?:/.test(paragraph)) return false
  return /^[A-Z]/.test(paragraph)
}

/** A letter heading of the A–Z: one character (the scan turned some into Greek or Cyrillic look-alikes). */
function isLetter(paragraph: string): boolean {
  return Array.from(paragraph).length === 1
}

/** Joins a definition's paragraphs; a paragraph the page break cut mid-sentence is joined back with a space. */
function joinParagraphs(paragraphs: readonly string[]): string {
  let text = ''
  for (const paragraph of paragraphs) {
    if (text === '') text = paragraph
    else if (/[.:;!?)]$/.test(text) || paragraph.startsWith('- ')) text += `\n\n${paragraph}`
    else text += ` ${paragraph}`
  }
  return text
}

/**
 * Reads the council's glossary as published in its papers: an A–Z of headings ("Early Help / EH"), each followed
 * by its definition, ending at "Sources:". A definition that names where it comes from ("The following definition
 * is taken from Working Together to Safeguard Children 2010, paragraph 1.23.:", "See http://… for …") gives that
 * entry its source; every other entry gets `defaultSource`. A heading with no definition of its own (a heading
 * over two sub-entries, like "Child Protection Conference") is left out.
 * @example
 * parseGlossary('Glossary\n\nR\n\nReferral\n\nThe referring of concerns.\n\nSources:\n\nTri.x', { defaultSource: null })
 * // [{ term: 'Referral', acronym: null, definition: 'The referring of concerns.', source: null, slug: 'referral' }]
 */
export function parseGlossary(text: string, options: { defaultSource: string | null }): GlossaryEntry[] {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map(cleanText)
        .filter((line) => line.trim() !== '')
        .join('\n')
        .trim(),
    )
    .filter((p) => p !== '')

  const start = paragraphs.findIndex((p) => p === 'Glossary')
  const entries: GlossaryEntry[] = []
  let current: { heading: string; paragraphs: string[]; source: string | null } | null = null
  const finish = () => {
    if (current === null || current.paragraphs.length === 0) return
    const { term, acronym } = splitHeading(current.heading)
    entries.push({
      term,
      acronym,
      definition: joinParagraphs(current.paragraphs),
      source: current.source ?? options.defaultSource,
      slug: slugFor(term),
    })
  }

  for (const paragraph of paragraphs.slice(start + 1)) {
    if (/^Sources?:$/i.test(paragraph)) break
    if (isLetter(paragraph)) continue
    if (isHeading(paragraph)) {
      finish()
      current = { heading: paragraph, paragraphs: [], source: null }
      continue
    }
    if (current === null) continue
    const taken = /^The following definition is taken from (.+?)\.?:$/.exec(paragraph)
    if (taken?.[1] !== undefined) {
      current.source = taken[1]
      continue
    }
    const see = /^See (https?:\/\/\S+)/.exec(paragraph)
    if (see?.[1] !== undefined) {
      current.source = see[1]
      continue
    }
    current.paragraphs.push(paragraph)
  }
  finish()
  return entries
}

/** The form an acronym is written in that should link to `entry`: as given, and in capitals ("CiN" and "CIN"). */
function spellings(acronym: string): string[] {
  const upper = acronym.toUpperCase()
  return upper === acronym ? [acronym] : [acronym, upper]
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The acronyms of a glossary, compiled once into one pattern. */
interface AcronymIndex {
  bySpelling: Map<string, { slug: string; expansion: string }>
  pattern: RegExp | null
}

function acronymIndex(
  entries: readonly Pick<GlossaryEntry, 'term' | 'acronym' | 'slug'>[],
  exceptSlug: string | undefined,
): AcronymIndex {
  const bySpelling = new Map<string, { slug: string; expansion: string }>()
  for (const entry of entries) {
    if (entry.acronym === null || entry.acronym.trim() === '' || entry.slug === exceptSlug) continue
    for (const spelling of spellings(entry.acronym.trim())) {
      // The first entry to claim a spelling keeps it; the service refuses duplicate acronyms anyway.
      if (!bySpelling.has(spelling)) bySpelling.set(spelling, { slug: entry.slug, expansion: entry.term })
    }
  }
  if (bySpelling.size === 0) return { bySpelling, pattern: null }
  const alternatives = [...bySpelling.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b))
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(${alternatives.map(escapeRegExp).join('|')})(s?)(?![\\p{L}\\p{N}])`,
    'gu',
  )
  return { bySpelling, pattern }
}

/** Splits one text; `marked` (null to mark every use) holds the slugs already marked, and gains those marked here. */
function markUpWith(text: string, index: AcronymIndex, marked: Set<string> | null): Segment[] {
  if (text === '') return []
  if (index.pattern === null) return [{ kind: 'text', text }]
  const segments: Segment[] = []
  let plain = ''
  let last = 0
  for (const match of text.matchAll(index.pattern)) {
    const spelling = match[1]
    const target = spelling === undefined ? undefined : index.bySpelling.get(spelling)
    if (spelling === undefined || target === undefined) continue
    if (marked !== null) {
      if (marked.has(target.slug)) continue
      marked.add(target.slug)
    }
    plain += text.slice(last, match.index)
    if (plain !== '') segments.push({ kind: 'text', text: plain })
    plain = ''
    const written = spelling + (match[2] ?? '')
    segments.push({ kind: 'acronym', text: written, slug: target.slug, expansion: target.expansion })
    last = match.index + written.length
  }
  plain += text.slice(last)
  if (plain !== '') segments.push({ kind: 'text', text: plain })
  return segments
}

/**
 * Splits `text` into plain text and acronyms linked to their glossary entries.
 *
 * Rules:
 * - whole words only: an acronym inside a longer word or code does not count ("CIN" in "CINDY", "CP" in "CP1");
 * - case-sensitive: "EH" is not "eh". An acronym the council writes in mixed case ("CiN") also matches its capitals
 *   ("CIN"), since the papers use both;
 * - a plural ("ICPCs") links to the singular entry, the "s" included in the link; a possessive ("LAC's") too, its
 *   apostrophe not being part of a word;
 * - the longest acronym wins where two could match ("CPP" before "CP");
 * - by default only the first use of each acronym in the text is marked (GOV.UK: explain an abbreviation the first
 *   time it is used); pass `every: true` to mark every use. `exceptSlug` leaves one entry's own acronym unmarked
 *   (an entry's definition need not link to itself).
 *
 * @example
 * markUpAcronyms('Number of S47 enquiries', [{ term: 'Section 47 Enquiry', acronym: 'S47', slug: 'section-47-enquiry', … }])
 * // [{ kind: 'text', text: 'Number of ' },
 * //  { kind: 'acronym', text: 'S47', slug: 'section-47-enquiry', expansion: 'Section 47 Enquiry' },
 * //  { kind: 'text', text: ' enquiries' }]
 */
export function markUpAcronyms(
  text: string,
  entries: readonly Pick<GlossaryEntry, 'term' | 'acronym' | 'slug'>[],
  options: { every?: boolean; exceptSlug?: string } = {},
): Segment[] {
  return markUpWith(text, acronymIndex(entries, options.exceptSlug), options.every === true ? null : new Set())
}

/**
 * Marks up the paragraphs of one section of a page — one commentary, one minute with its RESOLVED decision, one
 * section of a report's cover sheet — marking each acronym at its **first** use in the section only, whichever
 * paragraph that is in; later uses stay plain text. GOV.UK style explains an abbreviation the first time it is
 * used, and a page where every "LAC" is a link is noisy for everyone and tiring for screen-reader users. Each
 * section starts afresh, so a reader who jumps to a section still finds the acronym explained there.
 * Otherwise the rules are those of `markUpAcronyms`.
 * @example
 * markUpSection(['LAC numbers rose.', 'LAC placements and S47s.'], entries).map((p) => p.filter((s) => s.kind === 'acronym').map((s) => s.text))
 * // [['LAC'], ['S47s']]
 */
export function markUpSection(
  paragraphs: readonly string[],
  entries: readonly Pick<GlossaryEntry, 'term' | 'acronym' | 'slug'>[],
): Segment[][] {
  const index = acronymIndex(entries, undefined)
  const marked = new Set<string>()
  return paragraphs.map((text) => markUpWith(text, index, marked))
}

/** A term the council's papers spell out outside the glossary: an acronym for an existing term, or a new entry. */
export interface GlossaryAddition {
  term: string
  acronym: string
  /** Needed only when the glossary has no entry for `term`. */
  definition: string | null
  source: string
}

/**
 * Adds what the papers say elsewhere to the glossary: an acronym to an entry that has none ("Looked After Child"
 * gets "LAC"), or a new entry when the term is missing and the addition has a definition. An addition whose term
 * already has an acronym, or that has neither an entry nor a definition, changes nothing.
 * @example withAdditions([lookedAfterChild], [{ term: 'Looked After Child', acronym: 'LAC', definition: null, source: '…' }])[0].acronym // 'LAC'
 */
export function withAdditions(
  entries: readonly GlossaryEntry[],
  additions: readonly GlossaryAddition[],
): GlossaryEntry[] {
  const result = [...entries]
  for (const addition of additions) {
    const index = result.findIndex((e) => e.slug === slugFor(addition.term))
    const existing = result[index]
    if (existing !== undefined) {
      if (existing.acronym === null) result[index] = { ...existing, acronym: addition.acronym }
    } else if (addition.definition !== null && addition.definition.trim() !== '') {
      result.push({
        term: addition.term,
        acronym: addition.acronym,
        definition: addition.definition,
        source: addition.source,
        slug: slugFor(addition.term),
      })
    }
  }
  return result
}

/** A problem with a glossary entry as entered, tied to its form field. */
export interface GlossaryProblem {
  field: 'term' | 'acronym' | 'definition' | 'source'
  message: string
}

export const MAX_TERM_LENGTH = 120
const RESERVED_SLUG = /^(main-content|glossary-letter-.*)$/
export const MAX_ACRONYM_LENGTH = 12
export const MAX_DEFINITION_LENGTH = 5000
export const MAX_SOURCE_LENGTH = 500

/**
 * Checks and tidies a glossary entry as someone typed it: trims every field, an empty acronym or source becomes
 * null, the slug is made from the term. An acronym is letters and digits (and "&"), with at least one capital, so
 * that marking up stays case-sensitive. Duplicates are the service's to check.
 * @example glossaryEntryFrom({ term: ' Early Help ', acronym: 'EH', definition: 'Support as soon as a problem emerges.', source: '' })
 * // { ok: true, value: { term: 'Early Help', acronym: 'EH', definition: 'Support as soon as a problem emerges.', source: null, slug: 'early-help' } }
 */
export function glossaryEntryFrom(input: {
  term: string
  acronym: string
  definition: string
  source: string
}): { ok: true; value: GlossaryEntry } | { ok: false; problems: GlossaryProblem[] } {
  const term = input.term.trim().replace(/\s+/g, ' ')
  const acronym = input.acronym.trim()
  const definition = input.definition.replace(/\r\n?/g, '\n').trim()
  const source = input.source.trim()
  const problems: GlossaryProblem[] = []
  if (term === '') problems.push({ field: 'term', message: 'Enter the term' })
  else if (term.length > MAX_TERM_LENGTH) {
    problems.push({ field: 'term', message: `The term must be ${MAX_TERM_LENGTH} characters or fewer` })
  } else if (slugFor(term) === '') {
    problems.push({ field: 'term', message: 'The term must contain at least one letter or number' })
  } else if (RESERVED_SLUG.test(slugFor(term))) {
    // The glossary page already uses these addresses (the skip link's target, the A–Z headings).
    problems.push({ field: 'term', message: 'The glossary page already uses this term as an address: reword it' })
  }
  if (acronym !== '') {
    if (acronym.length > MAX_ACRONYM_LENGTH) {
      problems.push({ field: 'acronym', message: `The acronym must be ${MAX_ACRONYM_LENGTH} characters or fewer` })
    } else if (!/^[\p{L}\p{N}&]+$/u.test(acronym) || !/\p{Lu}/u.test(acronym)) {
      problems.push({
        field: 'acronym',
        message: 'The acronym must be letters and numbers only, with at least one capital letter, like ICPC or S47',
      })
    }
  }
  if (definition === '') problems.push({ field: 'definition', message: 'Enter the definition' })
  else if (definition.length > MAX_DEFINITION_LENGTH) {
    problems.push({
      field: 'definition',
      message: `The definition must be ${MAX_DEFINITION_LENGTH.toLocaleString('en-GB')} characters or fewer`,
    })
  }
  if (source.length > MAX_SOURCE_LENGTH) {
    problems.push({ field: 'source', message: `The source must be ${MAX_SOURCE_LENGTH} characters or fewer` })
  }
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    value: {
      term,
      acronym: acronym === '' ? null : acronym,
      definition,
      source: source === '' ? null : source,
      slug: slugFor(term),
    },
  }
}

/** A block of a definition: a paragraph, or a bulleted list. */
export type DefinitionBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] }

/**
 * Splits a definition into paragraphs (blank lines between) and bulleted lists (lines starting "- "), for display.
 * @example definitionBlocks('Intro:\n\n- one\n- two') // [{ kind: 'paragraph', text: 'Intro:' }, { kind: 'list', items: ['one', 'two'] }]
 */
export function definitionBlocks(definition: string): DefinitionBlock[] {
  const blocks: DefinitionBlock[] = []
  for (const paragraph of definition.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = paragraph.split('\n').filter((line) => line.trim() !== '')
    let text: string[] = []
    let items: string[] = []
    const flushText = () => {
      if (text.length > 0) blocks.push({ kind: 'paragraph', text: text.join(' ') })
      text = []
    }
    const flushItems = () => {
      if (items.length > 0) blocks.push({ kind: 'list', items })
      items = []
    }
    for (const line of lines) {
      const item = /^\s*[-•]\s+(.*)$/.exec(line)
      if (item?.[1] !== undefined) {
        flushText()
        items.push(item[1].trim())
      } else if (items.length > 0 && /^\s/.test(line)) {
        // A bullet's text carried on to the next line.
        items[items.length - 1] = `${items[items.length - 1] ?? ''} ${line.trim()}`
      } else {
        flushItems()
        text.push(line.trim())
      }
    }
    flushText()
    flushItems()
  }
  return blocks
}
