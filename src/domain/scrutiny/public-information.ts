/**
 * The committee's standing public information, kept by democratic services and printed in every Public Document
 * Pack after the role and terms of reference (seed 001: public representations, access, mobile telephones, use of
 * social media, business to be discussed, rules of procedure, smoking policy, Council Strategy, fire procedure,
 * and the disclosure of interests pages).
 *
 * Officers edit it as one text in which each section starts with a line `## Heading`; its text follows, with
 * paragraphs separated by blank lines and list items as lines starting "- ". It stays plain text: it is escaped
 * wherever it is printed.
 */
import { failed, ok, type Result } from '../result.ts'

export interface PublicInformationSection {
  heading: string
  /** Paragraphs separated by blank lines; list items are lines starting "- ". */
  text: string
}

export interface PublicInformation {
  /** Printed above the terms of reference, e.g. "Scrutiny of Children and Families Services in the City to include:". */
  leadIn: string | null
  sections: PublicInformationSection[]
}

export const NO_PUBLIC_INFORMATION: PublicInformation = { leadIn: null, sections: [] }

export const PUBLIC_INFORMATION_LIMITS = { heading: 120, text: 20_000, leadIn: 300 } as const

export interface PublicInformationProblem {
  field: 'sections' | 'leadIn'
  message: string
}

/** What an officer types: the sections as one text and the lead-in line. */
export interface PublicInformationInput {
  sections: string
  leadIn: string
}

/**
 * The sections in `text`, or what is wrong with it, naming the line.
 * @example parseSections('## Access\nAccess is available for the disabled.') // { ok: true, value: [{ heading: 'Access', text: 'Access is available for the disabled.' }] }
 * @example parseSections('Access is available') // { ok: false, problems: [{ field: 'sections', message: 'Line 1: start each section with a line like "## Access"' }] }
 */
export function parseSections(text: string): Result<PublicInformationSection[], PublicInformationProblem> {
  const problem = (message: string): PublicInformationProblem => ({ field: 'sections', message })
  if (text.length > PUBLIC_INFORMATION_LIMITS.text) {
    return failed([
      problem(
        `The public information must be ${PUBLIC_INFORMATION_LIMITS.text.toLocaleString('en-GB')} characters or fewer (it has ${text.length.toLocaleString('en-GB')})`,
      ),
    ])
  }
  const problems: PublicInformationProblem[] = []
  const drafts: Array<{ heading: string; line: number; lines: string[] }> = []
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  for (const [i, raw] of lines.entries()) {
    const line = raw.trimEnd()
    const heading = /^\s*##(.*)$/.exec(line)
    if (heading !== null) {
      const words = (heading[1] ?? '').trim().replace(/\s+/g, ' ')
      if (words === '') problems.push(problem(`Line ${i + 1}: write the section's heading after "##"`))
      else if (words.length > PUBLIC_INFORMATION_LIMITS.heading) {
        problems.push(
          problem(`Line ${i + 1}: the heading must be ${PUBLIC_INFORMATION_LIMITS.heading} characters or fewer`),
        )
      }
      drafts.push({ heading: words, line: i + 1, lines: [] })
      continue
    }
    const current = drafts.at(-1)
    if (current === undefined) {
      if (line.trim() !== '') problems.push(problem(`Line ${i + 1}: start each section with a line like "## Access"`))
      continue
    }
    current.lines.push(line)
  }
  const sections = drafts.map((d) => ({
    heading: d.heading,
    text: d.lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  }))
  for (const [i, section] of sections.entries()) {
    const draft = drafts[i]
    if (section.text === '' && draft !== undefined && section.heading !== '') {
      problems.push(
        problem(`Line ${draft.line}: write the text of "${section.heading}" under its heading, or remove the heading`),
      )
    }
  }
  return problems.length > 0 ? failed(problems) : ok(sections)
}

/**
 * The sections as the officer edits them: each under its `## Heading`, a blank line between sections.
 * @example sectionsText([{ heading: 'Access', text: 'Access is available.' }]) // '## Access\nAccess is available.'
 */
export function sectionsText(sections: readonly PublicInformationSection[]): string {
  return sections.map((s) => `## ${s.heading}\n${s.text}`).join('\n\n')
}

/**
 * The public information an officer entered, or what is wrong with it. An empty text is no sections; an empty
 * lead-in is none.
 */
export function publicInformation(input: PublicInformationInput): Result<PublicInformation, PublicInformationProblem> {
  const sections = parseSections(input.sections)
  const problems = sections.ok ? [] : [...sections.problems]
  const leadIn = input.leadIn.trim().replace(/\s+/g, ' ')
  if (leadIn.length > PUBLIC_INFORMATION_LIMITS.leadIn) {
    problems.push({
      field: 'leadIn',
      message: `The lead-in must be ${PUBLIC_INFORMATION_LIMITS.leadIn} characters or fewer`,
    })
  }
  if (!sections.ok || problems.length > 0) return failed(problems)
  return ok({ leadIn: leadIn === '' ? null : leadIn, sections: sections.value })
}

/** A section's text as printed: paragraphs, and lists of the lines that start "- ". */
export type TextBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] }

/**
 * The paragraphs and lists of a section's text. Lines of a paragraph run together; each line starting "- "
 * (indented or not) is a list item, and consecutive items make one list.
 * @example textBlocks('Lead in:\n- one\n- two\n\nAfter.') // [{ kind: 'paragraph', text: 'Lead in:' }, { kind: 'list', items: ['one', 'two'] }, { kind: 'paragraph', text: 'After.' }]
 */
export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = []
  let paragraph: string[] = []
  // Whether the line before was a list item (or continued one), so the next line without "- " continues it.
  let inItem = false
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') })
    paragraph = []
  }
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim()
    const last = blocks.at(-1)
    if (line === '') {
      endParagraph()
      inItem = false
    } else if (line.startsWith('- ')) {
      endParagraph()
      const item = line.slice(2).trim()
      if (last?.kind === 'list' && inItem) last.items.push(item)
      else blocks.push({ kind: 'list', items: [item] })
      inItem = true
    } else if (inItem && last?.kind === 'list') {
      last.items.push(`${last.items.pop() ?? ''} ${line}`)
    } else {
      paragraph.push(line)
    }
  }
  endParagraph()
  return blocks
}

/**
 * How the pack lays the sections out around the facts it prints itself (seed 001's order): the sections up to
 * and including "Business to be discussed", then the quorum, then the rest, then the dates of meetings; the
 * sections from "Disclosure of interests" on start a page of their own, after the dates.
 * @example packLayout([{ heading: 'Access', text: 'a' }, { heading: 'Disclosure of interests', text: 'd' }]) // { beforeQuorum: [Access], afterQuorum: [], interests: [Disclosure of interests] }
 */
export function packLayout(sections: readonly PublicInformationSection[]) {
  const key = (s: PublicInformationSection) => s.heading.toLowerCase()
  const interestsAt = sections.findIndex((s) => key(s).startsWith('disclosure of interests'))
  const general = interestsAt === -1 ? sections : sections.slice(0, interestsAt)
  const interests = interestsAt === -1 ? [] : sections.slice(interestsAt)
  const businessAt = general.findIndex((s) => key(s).startsWith('business to be discussed'))
  const split = businessAt === -1 ? general.length : businessAt + 1
  return { beforeQuorum: general.slice(0, split), afterQuorum: general.slice(split), interests }
}
