/**
 * The sections of the director's performance overview: configurable per council, with a default taken from the
 * council's own overview (Children & Families Performance Overview, Scrutiny Panel 26 September 2019:
 * "1. Demand", "2. Timescales", "3. Corporate Parenting") plus the significant variations Scrutineer drafts.
 */
import type { OverviewSection } from './commentary-workflow.ts'
import { failed, ok, type Result } from './result.ts'
import type { SignificantVariation } from './significant-variations.ts'

/** The section Scrutineer drafts from the month's pack. */
export const SIGNIFICANT_VARIATIONS_TITLE = 'Significant variations'

/** The sections a council starts with. */
export const DEFAULT_OVERVIEW_SECTIONS: readonly string[] = Object.freeze([
  'Demand',
  'Timescales',
  'Corporate Parenting',
  SIGNIFICANT_VARIATIONS_TITLE,
])

/** The longest section title, in characters. */
export const MAX_SECTION_TITLE_CHARACTERS = 100

/**
 * Reads a list of section titles as the CLI takes it: separated by semicolons, spaces trimmed, blanks dropped.
 * Refuses an empty list, a title over 100 characters, or the same title twice (ignoring capitals).
 * @example parseSectionTitles('Demand; Timescales ;Corporate Parenting') // { ok: true, value: ['Demand', 'Timescales', 'Corporate Parenting'] }
 */
export function parseSectionTitles(text: string): Result<string[], string> {
  const titles = text
    .split(';')
    .map((t) => t.trim())
    .filter((t) => t !== '')
  const problems: string[] = []
  if (titles.length === 0) problems.push('Give at least one section title, separated by semicolons.')
  for (const title of titles) {
    if (title.length > MAX_SECTION_TITLE_CHARACTERS)
      problems.push(`"${title.slice(0, 20)}…" is longer than ${MAX_SECTION_TITLE_CHARACTERS} characters.`)
  }
  const seen = new Set<string>()
  for (const title of titles) {
    const key = title.toLowerCase()
    if (seen.has(key)) problems.push(`"${title}" is listed twice.`)
    seen.add(key)
  }
  return problems.length > 0 ? failed(problems) : ok(titles)
}

/**
 * The sections to show in the editor: the configured titles in order, each with any text already written under
 * it, then any written section whose title is no longer configured (so no words are ever lost when the council
 * changes its list). Titles match ignoring capitals.
 * @example
 * sectionsToEdit(['Demand', 'Timescales'], [{ title: 'Old', text: 'kept' }, { title: 'demand', text: 'up' }])
 * // [{ title: 'Demand', text: 'up' }, { title: 'Timescales', text: '' }, { title: 'Old', text: 'kept' }]
 */
export function sectionsToEdit(configured: readonly string[], written: readonly OverviewSection[]): OverviewSection[] {
  const byTitle = new Map(written.map((s) => [s.title.toLowerCase(), s]))
  const sections = configured.map((title) => ({ title, text: byTitle.get(title.toLowerCase())?.text ?? '' }))
  const configuredKeys = new Set(configured.map((t) => t.toLowerCase()))
  for (const section of written) {
    if (!configuredKeys.has(section.title.toLowerCase())) sections.push(section)
  }
  return sections
}

/**
 * The draft text of the significant variations section: one sentence per indicator, each on its own line, or a
 * sentence saying there were none.
 * @example variationsText([]) // 'No indicator changed by 10% or more, missed its target, or reached its highest or lowest in the last 12 months.'
 */
export function variationsText(variations: readonly SignificantVariation[]): string {
  if (variations.length === 0) {
    return 'No indicator changed by 10% or more, missed its target, or reached its highest or lowest in the last 12 months.'
  }
  return variations.map((v) => v.sentence).join('\n\n')
}

/**
 * Puts drafted text into the significant variations section (adding the section at the end if the council's list
 * has none). Refuses, rather than overwriting, when the section already has text and `replace` is false.
 * @example fillSection([{ title: 'Significant variations', text: '' }], 'Section 47s rose.', false)
 * // { ok: true, value: [{ title: 'Significant variations', text: 'Section 47s rose.' }] }
 */
export function fillSection(
  sections: readonly OverviewSection[],
  text: string,
  replace: boolean,
  title = SIGNIFICANT_VARIATIONS_TITLE,
): Result<OverviewSection[], 'has-text'> {
  const index = sections.findIndex((s) => s.title.toLowerCase() === title.toLowerCase())
  if (index === -1) return ok([...sections, { title, text }])
  if ((sections[index]?.text ?? '').trim() !== '' && !replace) return failed(['has-text'])
  return ok(sections.map((s, i) => (i === index ? { title: s.title, text } : s)))
}
