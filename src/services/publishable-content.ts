/**
 * The seam between the words and the figures of a month's pack. The commentary service (indicator owners'
 * commentary, the director's performance overview) implements it; the publication service reads it when a pack
 * is published, freezing the approved words into the snapshot next to the figures, and marks them published in
 * the same transaction.
 */
import type { Period } from '../domain/period.ts'
import type { Repositories } from '../store/data-access.ts'

/** One indicator's approved commentary, as frozen into a published pack. */
export interface ApprovedCommentary {
  indicatorId: string
  text: string
  author: string
  approvedBy: string
  approvedAt: string
}

/** The approved performance overview, section by section in the council's configured order. */
export interface ApprovedOverview {
  sections: Array<{ title: string; text: string }>
  author: string
  approvedBy: string
  approvedAt: string
}

export interface ApprovedContent {
  commentary: ApprovedCommentary[]
  overview: ApprovedOverview | null
}

export interface PublishableContent {
  /** The approved commentary and overview of one month of one dataset (drafts and submitted ones are left out). */
  approvedContent(repos: Repositories, datasetId: string, period: Period): Promise<ApprovedContent>
  /** Moves what `approvedContent` returned to `published`, recording who and when; inside the publishing transaction. */
  markPublished(repos: Repositories, datasetId: string, period: Period, actor: string, at: string): Promise<void>
}

/** No words yet: what a dataset without commentary publishes. */
export const NO_CONTENT: PublishableContent = {
  approvedContent: () => Promise.resolve({ commentary: [], overview: null }),
  markPublished: () => Promise.resolve(),
}
