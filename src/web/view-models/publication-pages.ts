/**
 * What the pack page says about publication (the notice above the table, the published overview and commentary)
 * and the pages for publishing a month: the confirmation page and the list of published versions.
 */
import { markUpAcronyms, type GlossaryEntry, type Segment } from '../../domain/glossary.ts'
import { formatPeriodLong, type Period } from '../../domain/period.ts'
import type { PackSnapshot, Publication, PublicationSummary } from '../../domain/publication.ts'
import type { DisclosureRule } from '../../domain/statistics/suppression.ts'
import { formatTimestamp } from './indicator-page.ts'
import { indicatorHref, type LinkModel } from './pack-page.ts'

/** The notice at the top of the pack page. */
export interface PublicationNoticeModel {
  /** `snapshot`: the page shows a published version; `live`: the officers' live figures. */
  showing: 'snapshot' | 'live'
  /** "Published on 15 May 2018 at 11:00 by Jo Director, version 1", or "Not published yet". */
  title: string
  /** The published version's SHA-256, for anyone checking a copy; null on an unpublished live pack. */
  contentHash: string | null
  /** For officers: the stored snapshot no longer matches its hash. */
  integrityFailed: boolean
  /** "3 figures have been revised since publication", or null. */
  revisedText: string | null
  links: LinkModel[]
  /** The director's "Publish this pack" button, or null. */
  publishHref: string | null
  publishText: string
  /** What `c` means, when the page applies disclosure control. */
  suppressionText: string | null
}

/** The published words of the month. */
export interface PublishedWordsModel {
  /** Each section's `segments`: its text with acronyms marked up to the glossary (first use in the section). */
  overview: { sections: Array<{ title: string; text: string; segments: Segment[] }>; byline: string } | null
  /** Each commentary's `segments`: its text with acronyms marked up (first use in the commentary). The title stays
   * plain: it is a link to the indicator already, and a link cannot hold another. */
  commentary: Array<{ id: string; title: string; href: string; text: string; segments: Segment[]; byline: string }>
}

function packHref(datasetId: string, period: Period, query = ''): string {
  return `/datasets/${encodeURIComponent(datasetId)}/${period}${query}`
}

/**
 * The plain-English statement of a disclosure rule.
 * @example suppressionText({ min: 1, max: 5, symbol: 'c' })
 * // 'c means the figure is withheld to protect children’s privacy: counts of 1 to 5 children, and any figure …'
 */
export function suppressionText(rule: DisclosureRule): string {
  return (
    `${rule.symbol} means the figure is withheld to protect children\u2019s privacy: counts of ${rule.min} to ${rule.max} ` +
    'children, and any percentage, change or average from which such a count could be worked out.'
  )
}

function publishedLine(summary: Pick<PublicationSummary, 'publishedAt' | 'publishedBy' | 'version'>): string {
  return `Published on ${formatTimestamp(summary.publishedAt)} by ${summary.publishedBy}, version ${summary.version}`
}

/**
 * The notice for a published version, as the public (or an officer opening a published version) sees it.
 * @example publishedNotice(publication, { officer: false }).title // 'Published on 15 May 2018 at 11:00 by demo, version 1'
 */
export function publishedNotice(
  publication: Publication,
  options: { officer: boolean; latestVersion: number },
): PublicationNoticeModel {
  const { datasetId, period } = publication
  const links: LinkModel[] = []
  if (options.officer) {
    links.push({ text: 'View the live figures', href: packHref(datasetId, period) })
    links.push({ text: 'All published versions', href: packHref(datasetId, period, '/publications') })
  }
  const superseded = publication.version < options.latestVersion
  return {
    showing: 'snapshot',
    title: `${publishedLine(publication)}${superseded ? ` (superseded by version ${options.latestVersion})` : ''}`,
    contentHash: publication.contentHash,
    // Everyone is told: a published record that may have been altered must not be read as the council's figures.
    integrityFailed: !publication.intact,
    revisedText: null,
    links,
    publishHref: null,
    publishText: '',
    suppressionText: suppressionText(publication.snapshot.disclosureRule),
  }
}

/**
 * The notice over the officers' live pack: published or not, how many figures were revised since, and for a
 * director the button to publish.
 * @example liveNotice('monthly', '2018-04', null, { revisedCount: 0, canPublish: true }).title // 'Not published yet'
 */
export function liveNotice(
  datasetId: string,
  period: Period,
  latest: Publication | null,
  options: { revisedCount: number; canPublish: boolean },
): PublicationNoticeModel {
  // The words that go out with the figures are prepared beside them; the month's cycle shows where everything is.
  const words: LinkModel[] = [
    { text: 'The month’s cycle at a glance', href: packHref(datasetId, period, '/cycle') },
    { text: 'Commentary on each indicator', href: packHref(datasetId, period, '/commentary') },
    { text: 'Performance overview', href: packHref(datasetId, period, '/overview') },
  ]
  const links: LinkModel[] =
    latest === null
      ? words
      : [
          ...words,
          {
            text: `View the published version (version ${latest.version})`,
            href: packHref(datasetId, period, `?version=${latest.version}`),
          },
          { text: 'All published versions', href: packHref(datasetId, period, '/publications') },
        ]
  const count = options.revisedCount
  return {
    showing: 'live',
    title:
      latest === null
        ? 'Not published yet'
        : `Published on ${formatTimestamp(latest.publishedAt)} (version ${latest.version})`,
    contentHash: latest?.contentHash ?? null,
    integrityFailed: latest !== null && !latest.intact,
    revisedText:
      count === 0
        ? null
        : `${count} ${count === 1 ? 'figure has' : 'figures have'} been revised since publication. The published version still shows the figures as they were.`,
    links,
    publishHref: options.canPublish ? packHref(datasetId, period, '/publish') : null,
    publishText: latest === null ? 'Publish this pack' : 'Publish a corrected version',
    suppressionText: null,
  }
}

/**
 * The overview and commentary frozen in a snapshot, commentary in pack order, with the acronyms of `glossary`
 * marked up (the glossary as it is today: it explains words, it is not part of the published figures).
 * @example publishedWords(snapshot).commentary[0]?.byline // 'Jane White, approved by Jo Director on 10 May 2018 at 10:00'
 */
export function publishedWords(snapshot: PackSnapshot, glossary: readonly GlossaryEntry[] = []): PublishedWordsModel {
  const markedUp = (text: string): Segment[] => markUpAcronyms(text, glossary)
  const byline = (author: string, approvedBy: string, approvedAt: string): string =>
    `${author}, approved by ${approvedBy} on ${formatTimestamp(approvedAt)}`
  const order = new Map(snapshot.pack.indicators.map((row, i) => [row.id, i]))
  const titles = new Map(snapshot.pack.indicators.map((row) => [row.id, row.title]))
  return {
    overview:
      snapshot.overview === null
        ? null
        : {
            sections: snapshot.overview.sections.map((s) => ({
              title: s.title,
              text: s.text,
              segments: markedUp(s.text),
            })),
            byline: byline(snapshot.overview.author, snapshot.overview.approvedBy, snapshot.overview.approvedAt),
          },
    commentary: snapshot.commentary
      .filter((c) => order.has(c.indicatorId))
      .sort((a, b) => (order.get(a.indicatorId) ?? 0) - (order.get(b.indicatorId) ?? 0))
      .map((c) => ({
        id: `commentary-${c.indicatorId}`,
        title: titles.get(c.indicatorId) ?? c.indicatorId,
        href: indicatorHref(c.indicatorId),
        text: c.text,
        segments: markedUp(c.text),
        byline: byline(c.author, c.approvedBy, c.approvedAt),
      })),
  }
}

/** The confirmation page for publishing a month. */
export interface PublishPageModel {
  pageTitle: string
  heading: string
  backHref: string
  formAction: string
  frozen: string[]
  warnings: string[]
  buttonText: string
  /** The version this page offers to publish, sent back with the form so a publication made meanwhile is noticed. */
  version: number
}

/**
 * The confirmation page: what publishing will freeze, and warnings about words not yet approved.
 * @example publishPageModel({ datasetId: 'monthly', datasetTitle: 'Monthly', period: '2018-04', … }).heading
 * // 'Publish Monthly – April 2018'
 */
export function publishPageModel(preview: {
  datasetId: string
  datasetTitle: string
  period: Period
  indicatorCount: number
  approvedCommentaryCount: number
  withoutApprovedCommentary: Array<{ id: string; title: string }>
  overviewApproved: boolean
  nextVersion: number
  disclosureRule: DisclosureRule
}): PublishPageModel {
  const month = formatPeriodLong(preview.period)
  const missing = preview.withoutApprovedCommentary.length
  const warnings: string[] = []
  if (!preview.overviewApproved)
    warnings.push('The performance overview has not been approved: the pack will be published without one.')
  if (missing > 0) {
    warnings.push(
      `${missing} of ${preview.indicatorCount} indicators have no approved commentary: they will be published without it. ` +
        'Commentary still in draft or awaiting approval is not published.',
    )
  }
  return {
    pageTitle: `Publish ${preview.datasetTitle} \u2013 ${month}`,
    heading: `Publish ${preview.datasetTitle} \u2013 ${month}`,
    backHref: packHref(preview.datasetId, preview.period),
    formAction: packHref(preview.datasetId, preview.period, '/publish'),
    frozen: [
      `The figures of all ${preview.indicatorCount} indicators for the 13 months to ${month}, with every derived column, benchmark and target as they are now.`,
      `${preview.approvedCommentaryCount} approved ${preview.approvedCommentaryCount === 1 ? 'commentary' : 'commentaries'}${preview.overviewApproved ? ' and the approved performance overview' : ''}.`,
      `This will be version ${preview.nextVersion}. Figures imported later will not change it; publishing again makes a new version and keeps this one.`,
      `The public will see it with disclosure control: ${suppressionText(preview.disclosureRule)}`,
    ],
    warnings,
    buttonText: preview.nextVersion === 1 ? 'Publish this pack' : `Publish version ${preview.nextVersion}`,
    version: preview.nextVersion,
  }
}

/** The list of published versions of a month. */
export interface PublicationsPageModel {
  pageTitle: string
  heading: string
  backHref: string
  rows: Array<{ version: string; href: string; published: string; by: string; hash: string }>
}

/**
 * Every published version of a month, newest first.
 * @example publicationsPageModel('Monthly', 'monthly', '2018-04', []).heading // 'Published versions of Monthly – April 2018'
 */
export function publicationsPageModel(
  datasetTitle: string,
  datasetId: string,
  period: Period,
  versions: readonly PublicationSummary[],
): PublicationsPageModel {
  const heading = `Published versions of ${datasetTitle} \u2013 ${formatPeriodLong(period)}`
  return {
    pageTitle: heading,
    heading,
    backHref: packHref(datasetId, period),
    rows: versions.map((v) => ({
      version: String(v.version),
      href: packHref(datasetId, period, `?version=${v.version}`),
      published: formatTimestamp(v.publishedAt),
      by: v.publishedBy,
      hash: v.contentHash,
    })),
  }
}
