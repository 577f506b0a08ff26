/**
 * The form that creates a dataset (`/datasets/new`): an ID, a title and the indicators, chosen from the catalogue
 * with checkboxes. Pure: from what was sent, the catalogue and the problems to what the template shows.
 */
import type { Indicator } from '../../domain/catalogue.ts'
import type { DatasetProblem } from '../../domain/dataset-definition.ts'

/** What the form sent (or an empty form). */
export interface NewDatasetInput {
  id: string
  title: string
  indicatorIds: readonly string[]
}

/**
 * @example newDatasetModel({ id: '', title: '', indicatorIds: [] }, [], []).pageTitle // 'Create a dataset'
 */
export function newDatasetModel(
  input: NewDatasetInput,
  choices: readonly Indicator[],
  problems: readonly DatasetProblem[],
) {
  const ticked = new Set(input.indicatorIds)
  const error = (field: DatasetProblem['field']) => {
    const messages = problems.filter((p) => p.field === field).map((p) => p.message)
    return messages.length === 0 ? null : { text: messages.join('. ') }
  }
  return {
    pageTitle: `${problems.length > 0 ? 'Error: ' : ''}Create a dataset`,
    values: { id: input.id, title: input.title },
    // The checkboxes' first input has the id `indicators`, which the summary links to.
    errorList: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
    errors: { id: error('id'), title: error('title'), indicators: error('indicators') },
    indicatorItems: choices.map((indicator) => ({
      value: indicator.id,
      text: indicator.title,
      hint: { text: [indicator.code, indicator.serviceArea].filter((part) => part !== '').join(', ') || indicator.id },
      checked: ticked.has(indicator.id),
    })),
  }
}
