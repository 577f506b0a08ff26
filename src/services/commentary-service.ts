/**
 * Commentary and the performance overview: indicator owners write commentary on their own indicators for each
 * month; the director writes the overview in the council's sections; both go draft → submitted → approved →
 * published (src/domain/commentary-workflow.ts), with who and when at each step and every change in the audit log
 * as before → after.
 *
 * Ownership: an indicator owner may write only on indicators linked to their own account (the link an
 * administrator makes, src/services/indicator-owner-service.ts); the catalogue's `owner` is only a label, and no
 * name is ever matched. The route's permission (`write-commentary`) says they may write commentary at all; this
 * service says on which indicators.
 *
 * It also implements `PublishableContent` for the publication service: the approved words of a month, and
 * marking them published inside the publishing transaction.
 */
import type { Indicator } from '../domain/catalogue.ts'
import {
  MAX_COMMENTARY_CHARACTERS,
  MAX_SECTION_CHARACTERS,
  stepRefusal,
  takeStep,
  textProblems,
  type Commentary,
  type OverviewSection,
  type PerformanceOverview,
  type WorkflowProblem,
  type WorkflowRecord,
  type WorkflowStep,
} from '../domain/commentary-workflow.ts'
import {
  DEFAULT_OVERVIEW_SECTIONS,
  fillSection,
  MAX_SECTION_TITLE_CHARACTERS,
  parseSectionTitles,
  sectionsToEdit,
  variationsText,
} from '../domain/overview-sections.ts'
import type { PackIndicator } from '../domain/pack.ts'
import type { Period } from '../domain/period.ts'
import { can, type Role } from '../domain/permissions.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import { significantVariations } from '../domain/significant-variations.ts'
import type { RecordedAuditEvent } from '../store/audit-repository.ts'
import type { OwnerAccount } from '../store/catalogue-repository.ts'
import type { DataAccess, Repositories } from '../store/data-access.ts'
import type { PackService, PackView } from './pack-service.ts'
import type { ApprovedContent, PublishableContent } from './publishable-content.ts'
import { recordChange, type ChangeContext } from './change-record.ts'

/** The council setting holding the overview's section titles. */
export const OVERVIEW_SECTIONS_SETTING = 'performance-overview-sections'

/** Who is acting: the signed-in person. */
export interface Person {
  id: number
  name: string
  role: Role
}

/** A problem with a request, in words a council officer understands. */
export type CommentaryProblem =
  | WorkflowProblem
  | { kind: 'not-found' | 'not-owner' | 'not-permitted'; field: null; message: string }
  | { kind: 'has-text'; field: null; message: string }

/** The request a commentary step came from; the actor is the signed-in person taking the step. */
export type CommentaryContext = Pick<ChangeContext, 'correlationId'>

/** One indicator's line on the commentary list. */
export interface CommentaryLine {
  indicator: PackIndicator
  /** The catalogue's owner label. */
  owner: string
  /** The account linked as the indicator's owner; null until an administrator links one. */
  ownerAccount: OwnerAccount | null
  commentary: Commentary | null
}

export interface CommentaryList {
  view: PackView
  lines: CommentaryLine[]
  overview: PerformanceOverview | null
}

export interface IndicatorCommentary {
  view: PackView
  indicator: PackIndicator
  owner: string
  ownerAccount: OwnerAccount | null
  commentary: Commentary | null
  history: RecordedAuditEvent[]
}

export interface OverviewPage {
  view: PackView
  overview: PerformanceOverview | null
  /** The sections to edit or show: the council's configured ones in order, then any others already written. */
  sections: OverviewSection[]
  history: RecordedAuditEvent[]
}

const notFound = (message: string): CommentaryProblem => ({ kind: 'not-found', field: null, message })
const notPermitted = (message: string): CommentaryProblem => ({ kind: 'not-permitted', field: null, message })

function commentarySubject(datasetId: string, period: Period, indicatorId: string): string {
  return `${datasetId}/${period}/${indicatorId}`
}

function overviewSubject(datasetId: string, period: Period): string {
  return `${datasetId}/${period}`
}

function workflowOnly(record: WorkflowRecord): WorkflowRecord {
  return {
    status: record.status,
    author: record.author,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    submittedBy: record.submittedBy,
    submittedAt: record.submittedAt,
    approvedBy: record.approvedBy,
    approvedAt: record.approvedAt,
    returnedBy: record.returnedBy,
    returnedAt: record.returnedAt,
    returnReason: record.returnReason,
    publishedBy: record.publishedBy,
    publishedAt: record.publishedAt,
  }
}

/** What the audit log keeps of a commentary: enough to see each earlier version. */
function commentarySnapshot(c: Commentary | null) {
  return c === null ? null : { status: c.status, text: c.text, author: c.author }
}

function overviewSnapshot(o: PerformanceOverview | null) {
  return o === null ? null : { status: o.status, sections: o.sections, author: o.author }
}

/** The approved words of a month, for publication (drafts and submitted ones are left out). */
async function approvedContent(repos: Repositories, datasetId: string, period: Period): Promise<ApprovedContent> {
  const commentary = await repos.commentary.listCommentary(datasetId, period, 'approved')
  const overview = await repos.commentary.findOverview(datasetId, period)
  return {
    commentary: commentary.flatMap((c) =>
      c.approvedBy === null || c.approvedAt === null
        ? []
        : [
            {
              indicatorId: c.indicatorId,
              text: c.text,
              author: c.author,
              approvedBy: c.approvedBy,
              approvedAt: c.approvedAt,
            },
          ],
    ),
    overview:
      overview?.status === 'approved' && overview.approvedBy !== null && overview.approvedAt !== null
        ? {
            sections: overview.sections.filter((s) => s.text.trim() !== ''),
            author: overview.author,
            approvedBy: overview.approvedBy,
            approvedAt: overview.approvedAt,
          }
        : null,
  }
}

/** Moves the month's approved words to published, recording who and when, inside the caller's transaction. */
async function markPublished(
  repos: Repositories,
  datasetId: string,
  period: Period,
  actor: string,
  at: string,
): Promise<void> {
  for (const before of await repos.commentary.listCommentary(datasetId, period, 'approved')) {
    const step = takeStep(before, 'publish', actor, at)
    if (!step.ok) continue
    const after: Commentary = { ...before, ...step.value }
    await repos.commentary.saveCommentary(after)
    await recordChange(
      repos.audit,
      { actor },
      'commentary.publish',
      { type: 'commentary', id: commentarySubject(datasetId, period, before.indicatorId) },
      { by: actor, before: commentarySnapshot(before), after: commentarySnapshot(after) },
    )
  }
  const overview = await repos.commentary.findOverview(datasetId, period)
  if (overview?.status === 'approved') {
    const step = takeStep(overview, 'publish', actor, at)
    if (step.ok) {
      const after: PerformanceOverview = { ...overview, ...step.value }
      await repos.commentary.saveOverview(after)
      await recordChange(
        repos.audit,
        { actor },
        'performance-overview.publish',
        { type: 'performance-overview', id: overviewSubject(datasetId, period) },
        { by: actor, before: overviewSnapshot(overview), after: overviewSnapshot(after) },
      )
    }
  }
}

/** The commentary service's side of the seam with publication. */
export const commentaryContent: PublishableContent = { approvedContent, markPublished }

function cleanSections(sections: readonly OverviewSection[]): Result<OverviewSection[], CommentaryProblem> {
  const problems: CommentaryProblem[] = []
  const cleaned = sections.map((s) => ({ title: s.title.trim(), text: s.text.replace(/\r\n/g, '\n') }))
  for (const section of cleaned) {
    if (section.title === '' || section.title.length > MAX_SECTION_TITLE_CHARACTERS) {
      problems.push({ kind: 'invalid', field: null, message: 'Each section needs a title of 100 characters or fewer' })
    }
    problems.push(...textProblems(section.text, MAX_SECTION_CHARACTERS, `The section "${section.title}"`))
  }
  return problems.length > 0 ? failed(problems) : ok(cleaned)
}

/**
 * Why `person` may not take `step` on commentary of an indicator labelled `owner` and linked to `ownerAccount`, or
 * null when they may. Only the linked account writes; a name is never matched.
 */
function commentaryRefusal(
  step: WorkflowStep,
  person: Person,
  owner: string,
  ownerAccount: OwnerAccount | null,
): CommentaryProblem | null {
  if (step === 'save' || step === 'submit') {
    if (!can(person.role, 'write-commentary')) return notPermitted('Only indicator owners write commentary.')
    if (ownerAccount !== null && ownerAccount.id === person.id) return null
    const label = owner.trim()
    let message = `Only the indicator's owner, ${ownerAccount?.name ?? label}, can write its commentary.`
    if (ownerAccount === null) {
      message =
        label === ''
          ? 'This indicator has no owner in the catalogue, so nobody can write its commentary yet.'
          : `This indicator's owner, ${label}, has not been linked to an account yet, so nobody can write its ` +
            'commentary. An administrator links owners to accounts at Indicator owners.'
    }
    return { kind: 'not-owner', field: null, message }
  }
  return can(person.role, 'sign-off-pack') ? null : notPermitted('Only the director signs off commentary.')
}

export function commentaryService(data: DataAccess, packs: PackService, clock: { now: () => Date }) {
  const now = () => clock.now().toISOString()

  async function sectionTitles(): Promise<string[]> {
    const stored = await data.settings.get(OVERVIEW_SECTIONS_SETTING)
    if (Array.isArray(stored) && stored.length > 0 && stored.every((t) => typeof t === 'string')) return stored
    return [...DEFAULT_OVERVIEW_SECTIONS]
  }

  async function packFor(datasetId: string, period: Period): Promise<Result<PackView, CommentaryProblem>> {
    const result = await packs.getPack(datasetId, period)
    if (!result.ok) return failed([notFound('There are no figures for that month of that dataset.')])
    return ok(result.value)
  }

  async function indicatorIn(
    datasetId: string,
    period: Period,
    indicatorId: string,
  ): Promise<
    Result<{ view: PackView; indicator: PackIndicator; catalogue: Indicator | undefined }, CommentaryProblem>
  > {
    const view = await packFor(datasetId, period)
    if (!view.ok) return view
    const indicator = view.value.pack.indicators.find((i) => i.id === indicatorId)
    if (indicator === undefined) return failed([notFound('That indicator is not in this dataset.')])
    return ok({ view: view.value, indicator, catalogue: view.value.catalogue.get(indicatorId) })
  }

  /** Takes a workflow step on one indicator's commentary, writing the new record and its audit event together. */
  async function commentaryStep(
    datasetId: string,
    period: Period,
    indicatorId: string,
    step: WorkflowStep,
    person: Person,
    context: CommentaryContext,
    options: { text?: string; reason?: string } = {},
  ): Promise<Result<Commentary, CommentaryProblem>> {
    const found = await indicatorIn(datasetId, period, indicatorId)
    if (!found.ok) return found
    const owner = found.value.catalogue?.owner ?? ''
    const at = now()
    return data.transaction(async (repos) => {
      const before = await repos.commentary.findCommentary(datasetId, period, indicatorId)
      const [ownership] = await repos.catalogue.findOwnerships([indicatorId])
      // A step that cannot be taken from here is refused first, whoever asks: "nothing to submit" is not a secret.
      if (step !== 'save') {
        const refusal = stepRefusal(before?.status ?? null, step)
        if (refusal !== null) return failed([refusal])
      }
      const refused = commentaryRefusal(step, person, owner, ownership?.account ?? null)
      if (refused !== null) return failed([refused])
      let text = before?.text ?? ''
      if (step === 'save') {
        text = (options.text ?? '').replace(/\r\n/g, '\n')
        const problems = textProblems(text, MAX_COMMENTARY_CHARACTERS)
        if (problems.length > 0) return failed(problems)
      }
      const moved = takeStep(before === null ? null : workflowOnly(before), step, person.name, at, options.reason)
      if (!moved.ok) return moved
      if (step === 'submit' && text.trim() === '') {
        return failed([
          { kind: 'invalid', field: 'text', message: 'Write the commentary before submitting it' } as const,
        ])
      }
      const after: Commentary = { datasetId, period, indicatorId, text, ...moved.value }
      await repos.commentary.saveCommentary(after)
      await recordChange(
        repos.audit,
        { actor: `user:${person.id}`, correlationId: context.correlationId ?? null },
        `commentary.${step}`,
        { type: 'commentary', id: commentarySubject(datasetId, period, indicatorId) },
        {
          by: person.name,
          ...(step === 'return' ? { reason: after.returnReason } : {}),
          before: commentarySnapshot(before),
          after: commentarySnapshot(after),
        },
      )
      return ok(after)
    })
  }

  /** Takes a workflow step on the month's overview, writing the new record and its audit event together. */
  async function overviewStep(
    datasetId: string,
    period: Period,
    step: WorkflowStep,
    person: Person,
    context: CommentaryContext,
    options: { sections?: readonly OverviewSection[]; reason?: string; action?: string } = {},
  ): Promise<Result<PerformanceOverview, CommentaryProblem>> {
    const view = await packFor(datasetId, period)
    if (!view.ok) return view
    const needed = step === 'save' || step === 'submit' ? 'write-performance-overview' : 'sign-off-pack'
    if (!can(person.role, needed)) return failed([notPermitted('Only the director writes and signs off the overview.')])
    const at = now()
    return data.transaction(async (repos) => {
      const before = await repos.commentary.findOverview(datasetId, period)
      let sections = before?.sections ?? []
      if (step === 'save') {
        const cleaned = cleanSections(options.sections ?? [])
        if (!cleaned.ok) return cleaned
        sections = cleaned.value
      }
      const moved = takeStep(before === null ? null : workflowOnly(before), step, person.name, at, options.reason)
      if (!moved.ok) return moved
      if (step === 'submit' && sections.every((s) => s.text.trim() === '')) {
        return failed([
          {
            kind: 'invalid',
            field: 'text',
            message: 'Write at least one section before submitting the overview',
          } as const,
        ])
      }
      const after: PerformanceOverview = { datasetId, period, sections, ...moved.value }
      await repos.commentary.saveOverview(after)
      await recordChange(
        repos.audit,
        { actor: `user:${person.id}`, correlationId: context.correlationId ?? null },
        `performance-overview.${options.action ?? step}`,
        { type: 'performance-overview', id: overviewSubject(datasetId, period) },
        {
          by: person.name,
          ...(step === 'return' ? { reason: after.returnReason } : {}),
          before: overviewSnapshot(before),
          after: overviewSnapshot(after),
        },
      )
      return ok(after)
    })
  }

  /** The month's overview with its sections to edit or show, and the history of its steps (newest first). */
  async function overview(datasetId: string, period: Period): Promise<Result<OverviewPage, CommentaryProblem>> {
    const view = await packFor(datasetId, period)
    if (!view.ok) return view
    const [record, history, titles] = await Promise.all([
      data.commentary.findOverview(datasetId, period),
      data.audit.list({ subjectType: 'performance-overview', subjectId: overviewSubject(datasetId, period) }),
      sectionTitles(),
    ])
    return ok({ view: view.value, overview: record, sections: sectionsToEdit(titles, record?.sections ?? []), history })
  }

  return {
    ...commentaryContent,

    /** The overview's section titles for this council (the default list until the council sets its own). */
    sectionTitles,

    /** Sets the overview's section titles from `Demand;Timescales;…`, recorded in the audit log. */
    async saveSectionTitles(text: string, actor: string): Promise<Result<string[], string>> {
      const parsed = parseSectionTitles(text)
      if (!parsed.ok) return parsed
      const before = await sectionTitles()
      await data.transaction(async (repos) => {
        await repos.settings.set(OVERVIEW_SECTIONS_SETTING, parsed.value, actor)
        await recordChange(
          repos.audit,
          { actor },
          'settings.overview-sections',
          { type: 'settings', id: OVERVIEW_SECTIONS_SETTING },
          { before, after: parsed.value },
        )
      })
      return parsed
    },

    /** Every indicator of the month with its commentary (or none yet), and the month's overview. */
    async list(datasetId: string, period: Period): Promise<Result<CommentaryList, CommentaryProblem>> {
      const view = await packFor(datasetId, period)
      if (!view.ok) return view
      const commentary = new Map(
        (await data.commentary.listCommentary(datasetId, period)).map((c) => [c.indicatorId, c]),
      )
      const owners = new Map(
        (await data.catalogue.findOwnerships(view.value.pack.indicators.map((i) => i.id))).map((o) => [
          o.indicatorId,
          o.account,
        ]),
      )
      return ok({
        view: view.value,
        lines: view.value.pack.indicators.map((indicator) => ({
          indicator,
          owner: view.value.catalogue.get(indicator.id)?.owner ?? '',
          ownerAccount: owners.get(indicator.id) ?? null,
          commentary: commentary.get(indicator.id) ?? null,
        })),
        overview: await data.commentary.findOverview(datasetId, period),
      })
    },

    /** The indicator's latest approved or published commentary up to `upTo` (any dataset): the indicator page's story. */
    latestApproved(indicatorId: string, upTo: Period | null): Promise<Commentary | null> {
      return data.commentary.latestApproved(indicatorId, upTo)
    },

    /** One indicator's figures for the month, its commentary and the history of its steps (newest first). */
    async forIndicator(
      datasetId: string,
      period: Period,
      indicatorId: string,
    ): Promise<Result<IndicatorCommentary, CommentaryProblem>> {
      const found = await indicatorIn(datasetId, period, indicatorId)
      if (!found.ok) return found
      const [commentary, history, ownership] = await Promise.all([
        data.commentary.findCommentary(datasetId, period, indicatorId),
        data.audit.list({ subjectType: 'commentary', subjectId: commentarySubject(datasetId, period, indicatorId) }),
        data.catalogue.findOwnerships([indicatorId]),
      ])
      return ok({
        view: found.value.view,
        indicator: found.value.indicator,
        owner: found.value.catalogue?.owner ?? '',
        ownerAccount: ownership[0]?.account ?? null,
        commentary,
        history,
      })
    },

    /** Saves a draft (creating it if there is none). Own indicators only; drafts only. */
    saveCommentary: (
      datasetId: string,
      period: Period,
      indicatorId: string,
      text: string,
      person: Person,
      context: CommentaryContext = {},
    ) => commentaryStep(datasetId, period, indicatorId, 'save', person, context, { text }),
    submitCommentary: (
      datasetId: string,
      period: Period,
      indicatorId: string,
      person: Person,
      context: CommentaryContext = {},
    ) => commentaryStep(datasetId, period, indicatorId, 'submit', person, context),
    approveCommentary: (
      datasetId: string,
      period: Period,
      indicatorId: string,
      person: Person,
      context: CommentaryContext = {},
    ) => commentaryStep(datasetId, period, indicatorId, 'approve', person, context),
    returnCommentary: (
      datasetId: string,
      period: Period,
      indicatorId: string,
      reason: string,
      person: Person,
      context: CommentaryContext = {},
    ) => commentaryStep(datasetId, period, indicatorId, 'return', person, context, { reason }),

    overview,

    saveOverview: (
      datasetId: string,
      period: Period,
      sections: readonly OverviewSection[],
      person: Person,
      context: CommentaryContext = {},
    ) => overviewStep(datasetId, period, 'save', person, context, { sections }),
    submitOverview: (datasetId: string, period: Period, person: Person, context: CommentaryContext = {}) =>
      overviewStep(datasetId, period, 'submit', person, context),
    approveOverview: (datasetId: string, period: Period, person: Person, context: CommentaryContext = {}) =>
      overviewStep(datasetId, period, 'approve', person, context),
    returnOverview: (
      datasetId: string,
      period: Period,
      reason: string,
      person: Person,
      context: CommentaryContext = {},
    ) => overviewStep(datasetId, period, 'return', person, context, { reason }),

    /**
     * Drafts the "Significant variations" section from the month's pack, for the director to edit. Writes only
     * into an empty section unless `replace` is true (the page asks first); the overview must be a draft (or not
     * started).
     */
    async draftVariations(
      datasetId: string,
      period: Period,
      replace: boolean,
      person: Person,
      context: CommentaryContext = {},
    ): Promise<Result<PerformanceOverview, CommentaryProblem>> {
      const page = await overview(datasetId, period)
      if (!page.ok) return page
      const refusal = stepRefusal(page.value.overview?.status ?? null, 'save')
      if (refusal !== null) return failed([refusal])
      const { view, sections } = page.value
      const text = variationsText(significantVariations(view.pack, view.catalogue))
      const filled = fillSection(sections, text, replace)
      if (!filled.ok) {
        return failed([
          {
            kind: 'has-text',
            field: null,
            message: 'The significant variations section already has text. Replacing it loses what is there.',
          },
        ])
      }
      return overviewStep(datasetId, period, 'save', person, context, {
        sections: filled.value,
        action: 'draft-variations',
      })
    },
  }
}

export type CommentaryService = ReturnType<typeof commentaryService>
