/**
 * The commentary pages: the month's list (/datasets/{dataset}/{period}/commentary), one indicator's commentary
 * (…/commentary/{indicator}) and the director's performance overview (…/overview). Pure: what each page shows
 * and which actions the signed-in person is offered.
 */
import {
  MAX_COMMENTARY_CHARACTERS,
  MAX_SECTION_CHARACTERS,
  textProblems,
  type WorkflowRecord,
  type WorkflowStatus,
} from '../../domain/commentary-workflow.ts'
import { markUpAcronyms, markUpSection, type GlossaryEntry } from '../../domain/glossary.ts'
import { formatPeriodLong, type Period } from '../../domain/period.ts'
import { can, type Role } from '../../domain/permissions.ts'
import type {
  CommentaryList,
  CommentaryProblem,
  IndicatorCommentary,
  OverviewPage,
} from '../../services/commentary-service.ts'
import type { RecordedAuditEvent } from '../../store/audit-repository.ts'
import { formatTimestamp } from './indicator-page.ts'
import { formatPercentChange, formatValueWithUnit, ragModel } from './pack-page.ts'

/** The signed-in person, as the pages need them. */
export interface Viewer {
  id: number
  name: string
  role: Role
}

export interface TagModel {
  text: string
  classes: string
}

const STATUS_TAGS: Record<WorkflowStatus | 'none', TagModel> = {
  none: { text: 'Not started', classes: 'govuk-tag--grey' },
  draft: { text: 'Draft', classes: 'govuk-tag--yellow' },
  submitted: { text: 'Submitted', classes: 'govuk-tag--blue' },
  approved: { text: 'Approved', classes: 'govuk-tag--green' },
  published: { text: 'Published', classes: 'govuk-tag--purple' },
}

/** A workflow status as a GOV.UK tag. */
export function statusTag(status: WorkflowStatus | null): TagModel {
  return STATUS_TAGS[status ?? 'none']
}

/**
 * The latest step taken, in words: "Approved by Phil Bullingham, 14 May 2018 at 17:00".
 * @example lastStep(null) // ''
 */
export function lastStep(record: WorkflowRecord | null): string {
  if (record === null) return ''
  const steps: Array<[string, string | null, string | null]> = [
    ['Written', record.author, record.createdAt],
    ['Edited', record.author, record.updatedAt],
    ['Submitted', record.submittedBy, record.submittedAt],
    ['Approved', record.approvedBy, record.approvedAt],
    ['Returned', record.returnedBy, record.returnedAt],
    ['Published', record.publishedBy, record.publishedAt],
  ]
  const taken = steps.filter((s): s is [string, string, string] => s[1] !== null && s[2] !== null)
  // The latest by time; a later step in the list wins a tie (an approval stamps `updatedAt` too).
  const latest = taken.reduce<[string, string, string] | null>(
    (best, s) => (best === null || s[2] >= best[2] ? s : best),
    null,
  )
  return latest === null ? '' : `${latest[0]} by ${latest[1]}, ${formatTimestamp(latest[2])}`
}

/** Text as paragraphs, split at blank lines (templates never mark up user text). */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
}

function base(datasetId: string, period: Period): string {
  return `/datasets/${encodeURIComponent(datasetId)}/${period}`
}

/**
 * The breadcrumbs of a month's commentary pages, naming the dataset by its title (the address only has its id).
 * `toList` adds the month's commentary list, for the pages below it.
 */
function monthBreadcrumbs(dataset: { id: string; title: string }, period: Period, toList: boolean) {
  const href = base(dataset.id, period)
  return [
    { text: 'Home', href: '/' },
    { text: 'Datasets', href: '/datasets' },
    { text: `${dataset.title}: ${formatPeriodLong(period)}`, href },
    ...(toList ? [{ text: 'Commentary', href: `${href}/commentary` }] : []),
  ]
}

const HISTORY_WORDS: Record<string, string> = {
  save: 'Saved a draft',
  submit: 'Submitted for sign-off',
  approve: 'Approved',
  return: 'Returned to the author',
  publish: 'Published',
  'draft-variations': 'Drafted the significant variations',
  demo: 'Loaded as the demo council’s approved words',
}

/** The audit events of one piece of writing as rows: when, who, what. */
export function historyRows(events: readonly RecordedAuditEvent[]): Array<{ when: string; who: string; what: string }> {
  return events.map((event) => {
    const step = event.action.slice(event.action.indexOf('.') + 1)
    const reason = typeof event.details.reason === 'string' ? `: “${event.details.reason}”` : ''
    return {
      when: formatTimestamp(event.at),
      who: typeof event.details.by === 'string' ? event.details.by : event.actor,
      what: `${HISTORY_WORDS[step] ?? step}${reason}`,
    }
  })
}

/** A GOV.UK error summary list and per-field messages from the service's problems. */
export function errorsModel(problems: readonly CommentaryProblem[], fieldIds: Partial<Record<string, string>>) {
  return {
    errorList: problems.map((p) => ({
      text: p.message,
      href: `#${fieldIds[p.field ?? ''] ?? fieldIds.form ?? 'main-content'}`,
    })),
    fieldError: (field: string) => {
      const problem = problems.find((p) => p.field === field)
      return problem === undefined ? null : { text: problem.message }
    },
  }
}

/**
 * Who owns an indicator, in words: the catalogue's label, and whether an account is linked to it.
 * @example ownerLabel('Jane White', null) // 'Jane White (not linked to an account)'
 */
export function ownerLabel(label: string, account: { name: string } | null): string {
  const name = label.trim()
  if (account === null) return name === '' ? 'No owner' : `${name} (not linked to an account)`
  return name === '' || name === account.name ? account.name : `${name} (account: ${account.name})`
}

export function commentaryListModel(list: CommentaryList, viewer: Viewer) {
  const { pack, dataset } = list.view
  const href = base(dataset.id, pack.period)
  const month = formatPeriodLong(pack.period)
  const owner = can(viewer.role, 'write-commentary')
  const director = can(viewer.role, 'sign-off-pack')
  return {
    pageTitle: `Commentary: ${dataset.title}, ${month}`,
    breadcrumbs: monthBreadcrumbs(dataset, pack.period, false),
    datasetTitle: dataset.title,
    month,
    packHref: href,
    overviewHref: `${href}/overview`,
    overviewTag: statusTag(list.overview?.status ?? null),
    overviewLastStep: lastStep(list.overview),
    rows: list.lines.map(({ indicator, owner: indicatorOwner, ownerAccount, commentary }) => {
      const status = commentary?.status ?? null
      const mine = owner && ownerAccount?.id === viewer.id
      const pageHref = `${href}/commentary/${encodeURIComponent(indicator.id)}`
      let action: { text: string; href: string } | null = null
      if (mine && status === null) action = { text: 'Write', href: pageHref }
      else if (mine && status === 'draft') action = { text: 'Edit', href: pageHref }
      else if (director && status === 'submitted') action = { text: 'Review', href: pageHref }
      else action = { text: 'View', href: pageHref }
      const value = indicator.values.find((v) => v.period === pack.period)?.value ?? null
      return {
        title: indicator.title,
        code: indicator.code,
        value: formatValueWithUnit(value, indicator.unit) || 'No figure',
        owner: ownerLabel(indicatorOwner, ownerAccount),
        tag: statusTag(status),
        author: commentary?.author ?? '',
        lastStep: lastStep(commentary),
        action,
      }
    }),
  }
}

export interface CommentaryForm {
  text?: string
  reason?: string
  problems?: readonly CommentaryProblem[]
}

/**
 * One indicator's commentary page. `glossary` marks up the acronyms in the title and in the commentary as shown
 * (first use in the commentary); the form's textarea keeps the text exactly as written.
 */
export function commentaryPageModel(
  page: IndicatorCommentary,
  viewer: Viewer,
  form: CommentaryForm = {},
  glossary: readonly GlossaryEntry[] = [],
) {
  const { pack, dataset } = page.view
  const { indicator, commentary } = page
  const href = `${base(dataset.id, pack.period)}/commentary/${encodeURIComponent(indicator.id)}`
  const status = commentary?.status ?? null
  const mine = can(viewer.role, 'write-commentary') && page.ownerAccount?.id === viewer.id
  const director = can(viewer.role, 'sign-off-pack')
  const problems = form.problems ?? []
  const errors = errorsModel(problems, { text: 'text', reason: 'reason' })
  const month = formatPeriodLong(pack.period)
  const value = indicator.values.find((v) => v.period === pack.period)?.value ?? null
  const rag = ragModel(indicator.rag, indicator.target)
  return {
    pageTitle: `${problems.length > 0 ? 'Error: ' : ''}Commentary: ${indicator.title}, ${month}`,
    breadcrumbs: monthBreadcrumbs(dataset, pack.period, true),
    title: indicator.title,
    titleSegments: markUpAcronyms(indicator.title, glossary),
    month,
    listHref: `${base(dataset.id, pack.period)}/commentary`,
    figures: [
      { key: 'Month', value: month },
      { key: 'Value', value: formatValueWithUnit(value, indicator.unit) || 'No figure' },
      { key: 'Change from the previous month', value: formatPercentChange(indicator.changeFromPreviousMonth.percent) },
      {
        key: 'Target',
        value:
          indicator.target === null
            ? 'No target'
            : `${formatValueWithUnit(indicator.target, indicator.unit)} (${rag.text})`,
      },
      { key: 'Owner', value: ownerLabel(page.owner, page.ownerAccount) },
    ],
    tag: statusTag(status),
    lastStep: lastStep(commentary),
    returned:
      status === 'draft' && commentary?.returnReason != null && commentary.returnedBy !== null
        ? { by: commentary.returnedBy, reason: commentary.returnReason }
        : null,
    paragraphs: markUpSection(paragraphs(commentary?.text ?? ''), glossary),
    canEdit: mine && (status === null || status === 'draft'),
    canSubmit: mine && status === 'draft',
    canApprove: director && status === 'submitted',
    canReturn: director && (status === 'submitted' || status === 'approved'),
    text: form.text ?? commentary?.text ?? '',
    reason: form.reason ?? '',
    maxLength: MAX_COMMENTARY_CHARACTERS,
    saveHref: href,
    submitHref: `${href}/submit`,
    approveHref: `${href}/approve`,
    returnHref: `${href}/return`,
    errorList: errors.errorList,
    textError: errors.fieldError('text'),
    reasonError: errors.fieldError('reason'),
    history: historyRows(page.history),
  }
}

export interface OverviewForm {
  sections?: ReadonlyArray<{ title: string; text: string }>
  reason?: string
  problems?: readonly CommentaryProblem[]
  /** The significant variations section has text: ask before replacing it. */
  confirmReplace?: boolean
}

/**
 * The performance overview page. `glossary` marks up the acronyms in each section as shown (first use in each
 * section); the form's textareas keep the text exactly as written.
 */
export function overviewPageModel(
  page: OverviewPage,
  viewer: Viewer,
  form: OverviewForm = {},
  glossary: readonly GlossaryEntry[] = [],
) {
  const { pack, dataset } = page.view
  const href = `${base(dataset.id, pack.period)}/overview`
  const status = page.overview?.status ?? null
  const writer = can(viewer.role, 'write-performance-overview')
  const director = can(viewer.role, 'sign-off-pack')
  const problems = form.problems ?? []
  const errors = errorsModel(problems, { text: 'section-0', reason: 'reason', form: 'sections' })
  const month = formatPeriodLong(pack.period)
  const sections = form.sections ?? page.sections
  // A section that is too long gets its own message, and the error summary links to that section, not the first.
  const sectionErrors = sections.map((s) => {
    const message = textProblems(s.text, MAX_SECTION_CHARACTERS, `The section "${s.title}"`)[0]?.message
    return message !== undefined && problems.some((p) => p.message === message) ? message : null
  })
  return {
    pageTitle: `${problems.length > 0 ? 'Error: ' : ''}Performance overview: ${dataset.title}, ${month}`,
    breadcrumbs: monthBreadcrumbs(dataset, pack.period, true),
    datasetTitle: dataset.title,
    month,
    listHref: `${base(dataset.id, pack.period)}/commentary`,
    tag: statusTag(status),
    lastStep: lastStep(page.overview),
    returned:
      status === 'draft' && page.overview?.returnReason != null && page.overview.returnedBy !== null
        ? { by: page.overview.returnedBy, reason: page.overview.returnReason }
        : null,
    canEdit: writer && (status === null || status === 'draft'),
    canSubmit: writer && status === 'draft',
    canApprove: director && status === 'submitted',
    canReturn: director && (status === 'submitted' || status === 'approved'),
    confirmReplace: form.confirmReplace === true,
    sections: sections.map((s, i) => ({
      id: `section-${i}`,
      index: i,
      title: s.title,
      text: s.text,
      error: sectionErrors[i] ?? null,
      paragraphs: paragraphs(s.text),
    })),
    shownSections: sections
      .filter((s) => s.text.trim() !== '')
      .map((s) => ({ title: s.title, paragraphs: markUpSection(paragraphs(s.text), glossary) })),
    maxLength: MAX_SECTION_CHARACTERS,
    reason: form.reason ?? '',
    saveHref: href,
    variationsHref: `${href}/draft-variations`,
    submitHref: `${href}/submit`,
    approveHref: `${href}/approve`,
    returnHref: `${href}/return`,
    errorList: errors.errorList.map((e, i) => {
      const message = problems[i]?.message
      const section = message === undefined ? -1 : sectionErrors.indexOf(message)
      return section === -1 ? e : { ...e, href: `#section-${section}` }
    }),
    reasonError: errors.fieldError('reason'),
    history: historyRows(page.history),
  }
}
