/**
 * The sign-off workflow shared by indicator commentary and the director's performance overview: a piece of
 * writing is a draft, then submitted, then approved, then published, with who and when at every step.
 *
 * The transitions, as a table (`TRANSITIONS`):
 *
 * | step    | from                 | to        | who (checked by the service)                  |
 * |---------|----------------------|-----------|-----------------------------------------------|
 * | save    | (nothing yet), draft | draft     | the author (owner of the indicator / director) |
 * | submit  | draft                | submitted | the author                                    |
 * | approve | submitted            | approved  | the director (`sign-off-pack`)                |
 * | return  | submitted, approved  | draft     | the director, with a reason                   |
 * | publish | approved             | published | the publication service                       |
 *
 * Only drafts can be edited. Approved writing cannot be edited either: to correct it before publication the
 * director returns it (with the reason), which makes it a draft again for the author to edit and resubmit.
 * Published writing never changes: it is part of the published record.
 */
import { failed, ok, type Result } from './result.ts'

export const STATUSES = ['draft', 'submitted', 'approved', 'published'] as const
/** Where a piece of writing is in the workflow. */
export type WorkflowStatus = (typeof STATUSES)[number]

export const STEPS = ['save', 'submit', 'approve', 'return', 'publish'] as const
/** Something a person does to a piece of writing. */
export type WorkflowStep = (typeof STEPS)[number]

/** The longest commentary on one indicator, in characters. */
export const MAX_COMMENTARY_CHARACTERS = 4000
/** The longest section of the performance overview, in characters. */
export const MAX_SECTION_CHARACTERS = 10000
/** The longest reason for returning something to its author. */
export const MAX_REASON_CHARACTERS = 1000

/**
 * The transition table: for each step, the statuses it may start from (`null`: nothing written yet) and the
 * status it leads to.
 * @example TRANSITIONS.approve // { from: ['submitted'], to: 'approved' }
 */
export const TRANSITIONS: Readonly<
  Record<WorkflowStep, { from: ReadonlyArray<WorkflowStatus | null>; to: WorkflowStatus }>
> = Object.freeze({
  save: { from: [null, 'draft'], to: 'draft' },
  submit: { from: ['draft'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted', 'approved'], to: 'draft' },
  publish: { from: ['approved'], to: 'published' },
})

/** Who did each step and when; null where a step has not happened (or was undone by a return). */
export interface WorkflowRecord {
  status: WorkflowStatus
  /** Who last wrote the text. */
  author: string
  createdAt: string
  updatedAt: string
  submittedBy: string | null
  submittedAt: string | null
  approvedBy: string | null
  approvedAt: string | null
  returnedBy: string | null
  returnedAt: string | null
  returnReason: string | null
  publishedBy: string | null
  publishedAt: string | null
}

/** A problem with a step, in words a council officer understands. `field` is the form field it is about. */
export interface WorkflowProblem {
  kind: 'not-allowed-now' | 'invalid'
  field: 'text' | 'reason' | null
  message: string
}

const STATUS_WORDS: Record<WorkflowStatus, string> = {
  draft: 'a draft',
  submitted: 'submitted for sign-off',
  approved: 'approved',
  published: 'published',
}

const STEP_WORDS: Record<WorkflowStep, string> = {
  save: 'edited',
  submit: 'submitted',
  approve: 'approved',
  return: 'returned',
  publish: 'published',
}

/**
 * Whether `step` may be taken from `status` (`null`: nothing written yet).
 * @example canTake('submitted', 'approve') // true
 * @example canTake('approved', 'save') // false
 */
export function canTake(status: WorkflowStatus | null, step: WorkflowStep): boolean {
  return TRANSITIONS[step].from.includes(status)
}

/**
 * Why `step` cannot be taken from `status`, or null when it can.
 * @example stepRefusal('published', 'save') // { kind: 'not-allowed-now', message: 'It cannot be edited: it is published. …' }
 */
export function stepRefusal(status: WorkflowStatus | null, step: WorkflowStep): WorkflowProblem | null {
  if (canTake(status, step)) return null
  if (status === null) {
    return {
      kind: 'not-allowed-now',
      field: null,
      message: `Nothing has been written yet, so it cannot be ${STEP_WORDS[step]}.`,
    }
  }
  const hint =
    status === 'approved' && step === 'save'
      ? ' To correct it, the director returns it to the author first.'
      : status === 'submitted' && step === 'save'
        ? ' The director can return it to you if it needs changing.'
        : status === 'published'
          ? ' Published words are part of the record and do not change.'
          : ''
  return {
    kind: 'not-allowed-now',
    field: null,
    message: `It cannot be ${STEP_WORDS[step]}: it is ${STATUS_WORDS[status]}.${hint}`,
  }
}

/**
 * What is wrong with commentary or section text: too long (over `limit` characters). Empty text may be saved as a
 * draft but not submitted (see `submitProblems`).
 * @example textProblems('x'.repeat(4001), 4000) // [{ kind: 'invalid', field: 'text', message: 'The commentary must be 4,000 characters or fewer (it is 4,001)' }]
 */
export function textProblems(text: string, limit: number, what = 'The commentary'): WorkflowProblem[] {
  if (text.length > limit) {
    return [
      {
        kind: 'invalid',
        field: 'text',
        message: `${what} must be ${limit.toLocaleString('en-GB')} characters or fewer (it is ${text.length.toLocaleString('en-GB')})`,
      },
    ]
  }
  return []
}

/**
 * A reason for returning something must be given, and be at most 1,000 characters.
 * @example reasonProblems('  ') // [{ kind: 'invalid', field: 'reason', message: 'Enter the reason for returning it, so the author knows what to change' }]
 */
export function reasonProblems(reason: string): WorkflowProblem[] {
  if (reason.trim() === '') {
    return [
      {
        kind: 'invalid',
        field: 'reason',
        message: 'Enter the reason for returning it, so the author knows what to change',
      },
    ]
  }
  if (reason.length > MAX_REASON_CHARACTERS) {
    return [
      {
        kind: 'invalid',
        field: 'reason',
        message: `The reason must be ${MAX_REASON_CHARACTERS.toLocaleString('en-GB')} characters or fewer`,
      },
    ]
  }
  return []
}

/**
 * Takes `step` on `record` (null: nothing written yet) by `who` at `at` (an ISO timestamp), returning the record
 * as it is afterwards, or why the step is refused. The text itself is the caller's; this keeps the who/when.
 * A return clears the submission and approval (they no longer stand) and records who returned it, when and why.
 * @example
 * takeStep(draft, 'submit', 'Jane White', '2018-05-10T09:00:00Z')
 * // { ok: true, value: { ...draft, status: 'submitted', submittedBy: 'Jane White', submittedAt: '2018-05-10T09:00:00Z' } }
 */
export function takeStep(
  record: WorkflowRecord | null,
  step: WorkflowStep,
  who: string,
  at: string,
  reason = '',
): Result<WorkflowRecord, WorkflowProblem> {
  const refusal = stepRefusal(record?.status ?? null, step)
  if (refusal !== null) return failed([refusal])
  const to = TRANSITIONS[step].to
  if (record === null) {
    // Only `save` starts from nothing.
    return ok({ ...emptyRecord(who, at), status: to })
  }
  const base = { ...record, status: to, updatedAt: at }
  switch (step) {
    case 'save':
      return ok({ ...base, author: who })
    case 'submit':
      return ok({ ...base, submittedBy: who, submittedAt: at })
    case 'approve':
      return ok({ ...base, approvedBy: who, approvedAt: at })
    case 'return': {
      const problems = reasonProblems(reason)
      if (problems.length > 0) return failed(problems)
      return ok({
        ...base,
        submittedBy: null,
        submittedAt: null,
        approvedBy: null,
        approvedAt: null,
        returnedBy: who,
        returnedAt: at,
        returnReason: reason.trim(),
      })
    }
    case 'publish':
      return ok({ ...base, publishedBy: who, publishedAt: at })
  }
}

/** A record with nothing done yet but its creation. */
export function emptyRecord(author: string, at: string): WorkflowRecord {
  return {
    status: 'draft',
    author,
    createdAt: at,
    updatedAt: at,
    submittedBy: null,
    submittedAt: null,
    approvedBy: null,
    approvedAt: null,
    returnedBy: null,
    returnedAt: null,
    returnReason: null,
    publishedBy: null,
    publishedAt: null,
  }
}

/** One indicator's commentary for one month. */
export interface Commentary extends WorkflowRecord {
  datasetId: string
  period: string
  indicatorId: string
  text: string
}

/** One section of the performance overview. */
export interface OverviewSection {
  title: string
  text: string
}

/** The director's performance overview for one month of one dataset. */
export interface PerformanceOverview extends WorkflowRecord {
  datasetId: string
  period: string
  sections: OverviewSection[]
}
