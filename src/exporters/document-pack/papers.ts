/**
 * The papers Scrutineer can write today, before reports and minutes have their own pages: for each report and
 * the previous meeting's minutes, a short paper with the item's title and description, so every agenda item that
 * will carry a paper has its place and page numbers in the pack. Real reports, minutes and appendices replace
 * these (see docs/document-pack.md).
 */
import { escapeMarkup } from '../../domain/markup-text.ts'
import type { AgendaItem } from '../../domain/scrutiny/committee.ts'
import type { HtmlPaper } from './document-pack.ts'

/** The agenda items that carry papers: reports, the previous meeting's minutes and the monitoring report. */
export function itemHasPaper(item: AgendaItem): boolean {
  return item.kind === 'report' || item.kind === 'previous-minutes' || item.kind === 'monitoring-recommendations'
}

/**
 * A placeholder paper for an item: its description, until the real report or minutes exist.
 * @example generatedPaper({ id: 9, title: 'Performance', description: 'Report of…', … }) // { agendaItemId: 9, title: 'Performance', html: '<p …>Report of…</p>' }
 */
export function generatedPaper(item: AgendaItem): HtmlPaper {
  const description = item.description.trim() === '' ? 'The paper for this item will follow.' : item.description
  return {
    agendaItemId: item.id,
    title: item.title,
    html: `<p class="govuk-body">${escapeMarkup(description)}</p>`,
  }
}
