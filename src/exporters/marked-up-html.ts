/**
 * Text with its acronyms marked up, as HTML for the printed papers (the Public Document Pack's minutes and cover
 * sheets). The one place the papers turn glossary segments into markup: every piece of text, and every expansion,
 * is escaped, so text from a form can never become markup.
 *
 * In print an acronym is an `<abbr>` with its expansion as the title, and no link: a PDF reader has no use for
 * `/glossary#…`, and the pack prints the glossary itself as an appendix when the report has one. The tagged PDF
 * keeps the `<abbr>` for assistive technology.
 */
import { markUpSection, type GlossaryEntry, type Segment } from '../domain/glossary.ts'
import { escapeMarkup } from '../domain/markup-text.ts'

/**
 * Segments as escaped HTML: plain text escaped, each acronym as `<abbr title="expansion">text</abbr>`.
 * @example markedUpHtml([{ kind: 'acronym', text: 'LAC', slug: 'looked-after-child', expansion: 'Looked After Child' }, { kind: 'text', text: ' & <b>' }])
 * // '<abbr title="Looked After Child">LAC</abbr> &amp; &lt;b&gt;'
 */
export function markedUpHtml(segments: readonly Segment[]): string {
  return segments
    .map((segment) =>
      segment.kind === 'acronym'
        ? `<abbr title="${escapeMarkup(segment.expansion)}">${escapeMarkup(segment.text)}</abbr>`
        : escapeMarkup(segment.text),
    )
    .join('')
}

/**
 * The paragraphs of one section of a paper as escaped HTML, each acronym marked at its first use in the section
 * (see `markUpSection`).
 * @example sectionHtml(['LAC rose.', 'LAC fell.'], glossary) // ['<abbr title="Looked After Child">LAC</abbr> rose.', 'LAC fell.']
 */
export function sectionHtml(paragraphs: readonly string[], glossary: readonly GlossaryEntry[]): string[] {
  return markUpSection(paragraphs, glossary).map(markedUpHtml)
}
