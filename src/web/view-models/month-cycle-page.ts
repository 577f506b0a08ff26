/**
 * The month's cycle at a glance (/datasets/{dataset}/{YYYY-MM}/cycle): a GOV.UK task list with a line per step of
 * the month — figures, Annex A data quality, commentary, overview, publication, the meeting's papers — each linking
 * to where the work is done, then the detail of each. Pure: the facts come from the month-cycle service.
 */
import { longDate } from '../../domain/calendar/days.ts'
import {
  earliestMeetingDay,
  isSignedOff,
  PROGRESS,
  type OwnerProgress,
  type Progress,
  type ProgressCounts,
} from '../../domain/month-cycle.ts'
import { formatPeriodLong } from '../../domain/period.ts'
import { meetingTime } from '../../domain/scrutiny/committee.ts'
import { REQUIRED_CLEAR_DAYS } from '../../domain/scrutiny/notice.ts'
import type { MonthCycle } from '../../services/month-cycle-service.ts'
import { lastStep, type TagModel } from './commentary-pages.ts'
import { formatTimestamp } from './indicator-page.ts'
import { formatValueWithUnit, indicatorHref, type LinkModel } from './pack-page.ts'

/** What the signed-in person may open from here (the page itself is for everyone who sees draft packs). */
export interface CycleViewer {
  /** `view-child-level-records`: the data-quality report quotes children's records. */
  seesImports: boolean
  /** `publish-pack`. */
  publishes: boolean
  /** `import-figures`: the figures line leads to Load data, where the month's figures are loaded. */
  loadsData?: boolean
}

/** A line of the GOV.UK task list, as `govukTaskList` takes it. */
export interface TaskModel {
  title: { text: string }
  href?: string
  hint: { text: string }
  status: { tag: TagModel } | { text: string; classes?: string }
}

const PROGRESS_WORDS: Record<Progress, string> = {
  'not-started': 'Not started',
  draft: 'Draft',
  returned: 'Returned',
  submitted: 'Submitted',
  approved: 'Approved',
  published: 'Published',
}

/** Each step as a tag: the commentary list's colours, with red for writing the director sent back. */
const PROGRESS_TAGS: Record<Progress, TagModel> = {
  'not-started': { text: 'Not started', classes: 'govuk-tag--grey' },
  draft: { text: 'Draft', classes: 'govuk-tag--yellow' },
  returned: { text: 'Returned', classes: 'govuk-tag--red' },
  submitted: { text: 'Submitted', classes: 'govuk-tag--blue' },
  approved: { text: 'Approved', classes: 'govuk-tag--green' },
  published: { text: 'Published', classes: 'govuk-tag--purple' },
}

const COMPLETED = (text = 'Completed'): TaskModel['status'] => ({ text })
const CANNOT_START: TaskModel['status'] = {
  text: 'Cannot start yet',
  classes: 'govuk-task-list__status--cannot-start-yet',
}
const tag = (text: string, colour: string): TaskModel['status'] => ({ tag: { text, classes: `govuk-tag--${colour}` } })

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
}

/**
 * The non-zero counts in words, in the order of the cycle.
 * @example progressWords({ 'not-started': 2, draft: 0, returned: 1, submitted: 0, approved: 3, published: 0 }) // '3 approved, 1 returned, 2 not started'
 */
export function progressWords(counts: ProgressCounts): string {
  const order: Progress[] = ['published', 'approved', 'submitted', 'returned', 'draft', 'not-started']
  const words = order.filter((p) => counts[p] > 0).map((p) => `${counts[p]} ${PROGRESS_WORDS[p].toLowerCase()}`)
  return words.length === 0 ? 'No indicators' : words.join(', ')
}

/**
 * The first characters of a SHA-256 content hash, enough to compare by eye (the publications page has it whole).
 * @example shortHash('3f2a9c0b7d1e4f5a6b…') // '3f2a9c0b7d1e'
 */
export function shortHash(hash: string): string {
  return hash.slice(0, 12)
}

/**
 * The warning for catalogue owners no account is linked to (nobody can write their commentary), or null.
 * @example unlinkedOwnersText([{ owner: 'Jane White', linked: false, indicatorIds: ['a'], counts }]) // 'Jane White is not linked …'
 */
export function unlinkedOwnersText(owners: readonly OwnerProgress[]): string | null {
  const names = owners.filter((o) => !o.linked && o.owner !== '').map((o) => o.owner)
  if (names.length === 0) return null
  const who = names.length === 1 ? `${names[0] ?? ''} is` : `${names.length} owners are`
  return `${who} not linked to an account, so nobody can write their commentary yet. An administrator links owners to accounts at Indicator owners.`
}

export function monthCyclePageModel(cycle: MonthCycle, viewer: CycleViewer) {
  const { dataset, period, figures, annexA, commentary, overview, publication, meeting } = cycle
  const month = formatPeriodLong(period)
  const base = `/datasets/${encodeURIComponent(dataset.id)}/${period}`
  const total = figures.indicators.length
  const loaded = total - figures.missing.length
  const hasFigures = loaded > 0

  // Figures.
  const figuresTask: TaskModel = {
    title: { text: 'Load the figures' },
    ...(viewer.loadsData === true ? { href: '/load-data' } : hasFigures ? { href: base } : {}),
    hint: {
      text: hasFigures
        ? `${loaded} of ${count(total, 'indicator has', 'indicators have')} a figure for ${month}`
        : `No figures are loaded for ${month} yet`,
    },
    status:
      figures.missing.length === 0 && total > 0
        ? COMPLETED()
        : hasFigures
          ? tag(`${figures.missing.length} missing`, 'blue')
          : tag('Not yet started', 'blue'),
  }

  // Annex A data quality: the latest import covering the month is the one whose problems stand.
  const latestImport = annexA.imports[0]
  const importHref = latestImport !== undefined && viewer.seesImports ? `/imports/${latestImport.id}` : null
  const problemWords =
    latestImport === undefined
      ? ''
      : `${count(latestImport.errors, 'error', 'errors')} and ${count(latestImport.warnings, 'warning', 'warnings')}`
  const qualityTask: TaskModel = {
    title: { text: 'Check the Annex A data quality' },
    ...(importHref === null ? {} : { href: importHref }),
    hint: {
      text:
        annexA.linkedIndicators === 0
          ? 'No indicator of this dataset is computed from Annex A'
          : latestImport === undefined
            ? `No Annex A import covers ${month}`
            : `Import ${latestImport.id} (${latestImport.sourceFile}, ${formatTimestamp(latestImport.importedAt)}): ${problemWords}`,
    },
    status:
      annexA.linkedIndicators === 0
        ? COMPLETED('Not needed')
        : latestImport === undefined
          ? tag('No import', 'grey')
          : latestImport.errors > 0
            ? tag(count(latestImport.errors, 'error', 'errors'), 'red')
            : latestImport.warnings > 0
              ? tag(count(latestImport.warnings, 'warning', 'warnings'), 'yellow')
              : COMPLETED('No problems'),
  }

  // Commentary.
  const signedOff = commentary.totals.approved + commentary.totals.published
  const commentaryTask: TaskModel = {
    title: { text: 'Write and approve the commentary' },
    ...(hasFigures ? { href: `${base}/commentary` } : {}),
    hint: { text: hasFigures ? progressWords(commentary.totals) : 'Commentary is written once the figures are in' },
    status: !hasFigures
      ? CANNOT_START
      : total > 0 && signedOff === total
        ? COMPLETED()
        : commentary.totals['not-started'] === total
          ? tag('Not yet started', 'blue')
          : commentary.totals.returned > 0
            ? tag(`${commentary.totals.returned} returned`, 'red')
            : tag('In progress', 'light-blue'),
  }

  // The performance overview.
  const overviewStep = lastStep(overview.record)
  const overviewTask: TaskModel = {
    title: { text: 'Write and approve the performance overview' },
    ...(hasFigures ? { href: `${base}/overview` } : {}),
    hint: {
      text: !hasFigures ? 'The overview is written once the figures are in' : overviewStep || 'Nothing written yet',
    },
    status: !hasFigures
      ? CANNOT_START
      : isSignedOff(overview.progress)
        ? COMPLETED(PROGRESS_WORDS[overview.progress])
        : { tag: PROGRESS_TAGS[overview.progress] },
  }

  // Publication.
  const latest = publication.latest
  const revisedCount = publication.revised.length
  const publishHref = viewer.publishes && hasFigures ? `${base}/publish` : null
  const publicationsHref = `${base}/publications`
  const publishTask: TaskModel = {
    title: { text: 'Publish the month' },
    ...(publishHref !== null ? { href: publishHref } : latest !== null ? { href: publicationsHref } : {}),
    hint: {
      text:
        latest === null
          ? viewer.publishes
            ? 'Not published yet'
            : 'Not published yet: the director publishes it'
          : `Version ${latest.version}, ${formatTimestamp(latest.publishedAt)} by ${latest.publishedBy} (hash ${shortHash(latest.contentHash)})`,
    },
    status: !hasFigures
      ? CANNOT_START
      : latest === null
        ? tag('Not yet published', 'blue')
        : !latest.intact
          ? tag('Integrity check failed', 'red')
          : revisedCount > 0
            ? tag(`${count(revisedCount, 'figure', 'figures')} revised`, 'yellow')
            : COMPLETED('Published'),
  }

  // The meeting and its papers.
  const meetingName =
    meeting === null
      ? ''
      : `${meeting.committee?.name ?? 'Meeting'}, ${longDate(meeting.choice.meeting.date)} at ${meetingTime(meeting.choice.meeting.startTime)}`
  const papersLate = meeting !== null && meeting.documentPack === null && cycle.today > meeting.papersDueBy
  const meetingTask: TaskModel =
    meeting === null
      ? {
          title: { text: 'Publish the papers for the meeting' },
          href: '/meetings',
          hint: { text: 'No meeting is scheduled for this month to go to' },
          status: CANNOT_START,
        }
      : {
          title: { text: 'Publish the papers for the meeting' },
          href: `/meetings/${meeting.choice.meeting.id}`,
          hint: {
            text: `${meetingName}: papers due by ${longDate(meeting.papersDueBy)}${meeting.choice.rule === 'next-scheduled' ? ' (the next meeting: no agenda carries this month yet)' : ''}`,
          },
          status:
            meeting.documentPack !== null
              ? COMPLETED('Papers published')
              : meeting.choice.meeting.status === 'held'
                ? COMPLETED('Meeting held')
                : papersLate
                  ? tag('Past the deadline', 'red')
                  : tag('Not yet published', 'blue'),
        }

  const ruleText =
    meeting === null
      ? ''
      : meeting.choice.rule === 'on-agenda'
        ? `Item ${meeting.choice.item.position} of its agenda, “${meeting.choice.item.title}”, has the ${month} pack or overview as an appendix.`
        : `No meeting's agenda has the ${month} pack or overview as an appendix yet. This is the next meeting scheduled after ${month} ended (and not before today): add the month to a report on its agenda to send it there.`

  return {
    pageTitle: `The month's cycle: ${dataset.title}, ${month}`,
    datasetTitle: dataset.title,
    month,
    todayText: `Today is ${longDate(cycle.today)}.`,
    packHref: hasFigures ? base : null,
    tasks: [figuresTask, qualityTask, commentaryTask, overviewTask, publishTask, meetingTask],

    figures: {
      text: hasFigures
        ? `${loaded} of ${count(total, 'indicator has', 'indicators have')} a figure for ${month}.`
        : `No figures are loaded for ${month} yet: none of its ${count(total, 'indicator', 'indicators')} has a figure.`,
      missingIntro:
        figures.missing.length === 0
          ? null
          : `${figures.missing.length === 1 ? 'This indicator has' : 'These indicators have'} no figure for ${month}:`,
      missing: hasFigures
        ? figures.missing.map((i): LinkModel => ({
            text: i.code === '' ? i.title : `${i.code}: ${i.title}`,
            href: indicatorHref(i.id),
          }))
        : [],
    },

    dataQuality: {
      paragraphs:
        annexA.linkedIndicators === 0
          ? ['No indicator of this dataset is computed from Annex A, so there is no return to check.']
          : latestImport === undefined
            ? [
                `No Annex A import covers ${month}. ${count(annexA.linkedIndicators, 'indicator', 'indicators')} of this dataset ${annexA.linkedIndicators === 1 ? 'is' : 'are'} computed from Annex A; import the return to check its data quality.`,
              ]
            : [
                `The latest Annex A import covering ${month} is import ${latestImport.id}, ${latestImport.sourceFile}, loaded ${formatTimestamp(latestImport.importedAt)} by ${latestImport.importedBy}. It has ${problemWords}${latestImport.errors + latestImport.warnings === 0 ? ': no data-quality problems are outstanding' : ''}.`,
                ...(latestImport.removedAt === null
                  ? []
                  : [
                      `Its children's records were removed ${formatTimestamp(latestImport.removedAt)}; the counts and its figures stay.`,
                    ]),
                ...(annexA.imports.length > 1
                  ? [
                      `${count(annexA.imports.length - 1, 'earlier import also covers', 'earlier imports also cover')} ${month}; the latest one's figures replaced theirs.`,
                    ]
                  : []),
                ...(viewer.seesImports
                  ? []
                  : [
                      "Its data-quality report quotes children's records, so only the officers who may see them can open it.",
                    ]),
              ],
      reportLink:
        importHref === null
          ? null
          : { text: `Data-quality report of import ${latestImport?.id ?? ''}`, href: importHref },
    },

    commentary: {
      href: hasFigures ? `${base}/commentary` : null,
      totalsText: hasFigures
        ? `${signedOff} of ${count(total, 'indicator has', 'indicators have')} approved commentary: ${progressWords(commentary.totals)}.`
        : 'Commentary is written once the figures are in.',
      headings: PROGRESS.map((p) => PROGRESS_WORDS[p]),
      unlinkedText: unlinkedOwnersText(hasFigures ? commentary.owners : []),
      // Before the figures are in, every count would be "not started": the line above says why instead.
      owners: (hasFigures ? commentary.owners : []).map((o) => ({
        owner: o.owner === '' ? 'No owner in the catalogue' : o.owner,
        // A catalogue owner no account is linked to: nobody can write these indicators' commentary yet.
        unlinked: !o.linked && o.owner !== '',
        indicators: o.indicatorIds.length,
        counts: PROGRESS.map((p) => o.counts[p]),
        done: o.indicatorIds.length > 0 && o.counts.approved + o.counts.published === o.indicatorIds.length,
      })),
    },

    overview: {
      href: hasFigures ? `${base}/overview` : null,
      tag: PROGRESS_TAGS[overview.progress],
      lastStep: overviewStep,
      returnReason: overview.progress === 'returned' ? (overview.record?.returnReason ?? null) : null,
    },

    publication: {
      rows:
        latest === null
          ? [{ key: 'Status', value: `${month} has not been published.` }]
          : [
              { key: 'Status', value: `Published, version ${latest.version}` },
              { key: 'Published', value: `${formatTimestamp(latest.publishedAt)} by ${latest.publishedBy}` },
              {
                key: 'Content hash',
                value: `${shortHash(latest.contentHash)}${latest.intact ? '' : ' — the stored copy no longer matches it'}`,
              },
              {
                key: 'Revised since',
                value:
                  revisedCount === 0
                    ? 'No figure has been revised since publication.'
                    : `${count(revisedCount, 'figure has', 'figures have')} been revised since publication. The published version still shows the figures as they were.`,
              },
            ],
      revised: publication.revised.map((r) => ({
        indicator: {
          text: r.indicator.code === '' ? r.indicator.title : `${r.indicator.code}: ${r.indicator.title}`,
          href: indicatorHref(r.indicator.id),
        },
        month: formatPeriodLong(r.period),
        published: formatValueWithUnit(r.published, r.indicator.unit) || 'No figure',
        live: formatValueWithUnit(r.live, r.indicator.unit) || 'No figure',
      })),
      links: [
        ...(publishHref === null
          ? []
          : [{ text: latest === null ? `Publish ${month}` : 'Publish a corrected version', href: publishHref }]),
        ...(latest === null ? [] : [{ text: 'All published versions', href: publicationsHref }]),
        ...(revisedCount > 0 && hasFigures ? [{ text: 'The pack, with the revised figures marked', href: base }] : []),
      ] satisfies LinkModel[],
      whoPublishes: viewer.publishes ? null : 'The director publishes the month.',
    },

    meeting:
      meeting === null
        ? {
            found: false as const,
            text: `No meeting's agenda has the ${month} pack, and no meeting is scheduled from ${longDate(earliestMeetingDay(period, cycle.today))} on.`,
            calendarHref: '/meetings',
          }
        : {
            found: true as const,
            rows: [
              {
                key: 'Meeting',
                value: meetingName,
                href: `/meetings/${meeting.choice.meeting.id}`,
              },
              {
                key: 'Why this meeting',
                value: ruleText,
                ...(meeting.choice.rule === 'on-agenda'
                  ? { href: `/meetings/${meeting.choice.meeting.id}/items/${meeting.choice.item.position}` }
                  : {}),
              },
              {
                key: 'Papers must be published by',
                value: `${longDate(meeting.papersDueBy)}: the last working day that gives ${REQUIRED_CLEAR_DAYS} clear days' notice (the day of publication, the day of the meeting, weekends and bank holidays do not count), as the Public Document Pack counts them.`,
              },
              {
                key: 'Public Document Pack',
                value:
                  meeting.documentPack === null
                    ? papersLate
                      ? `Not published, and ${longDate(meeting.papersDueBy)} has passed.`
                      : 'Not published yet.'
                    : `Version ${meeting.documentPack.version}, published ${formatTimestamp(meeting.documentPack.publishedAt)} with ${count(meeting.documentPack.clearDays, 'clear day', 'clear days')}' notice.`,
              },
            ],
          },
  }
}

export type MonthCyclePageModel = ReturnType<typeof monthCyclePageModel>
