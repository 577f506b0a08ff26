/**
 * The rules for defining a new dataset (a named, ordered collection of indicators, like the council's Early Help
 * dataset): an ID that works in its web address, a title, and at least one indicator from the catalogue.
 */
import type { Dataset } from './catalogue.ts'
import { failed, ok, type Result } from './result.ts'

/** A problem with a new dataset, tied to the form field it is about. */
export interface DatasetProblem {
  field: 'id' | 'title' | 'indicators'
  message: string
}

/** The longest ID and title a dataset may have. */
export const MAX_DATASET_ID_LENGTH = 40
export const MAX_DATASET_TITLE_LENGTH = 200

// `/datasets/new` is the form that creates a dataset, so no dataset can be called `new`.
const RESERVED_IDS: ReadonlySet<string> = new Set(['new'])
const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/

/**
 * Checks a new dataset against the datasets and indicators that exist. Returns it tidied (ID and title trimmed,
 * indicators without repeats in the order given), or every problem.
 * @example checkNewDataset({ id: 'early-help', title: 'Early Help Dataset', indicatorIds: ['uha-started'] }, { datasets: [], indicatorIds: new Set(['uha-started']) }).ok // true
 * @example checkNewDataset({ id: 'Early Help', title: '', indicatorIds: [] }, { datasets: [], indicatorIds: new Set() }).ok // false
 */
export function checkNewDataset(
  input: { id: string; title: string; indicatorIds: readonly string[] },
  existing: { datasets: readonly Pick<Dataset, 'id' | 'title'>[]; indicatorIds: ReadonlySet<string> },
): Result<Dataset, DatasetProblem> {
  const id = input.id.trim()
  const title = input.title.trim().replace(/\s+/g, ' ')
  const indicatorIds = [...new Set(input.indicatorIds)]
  const problems: DatasetProblem[] = []

  if (id === '') problems.push({ field: 'id', message: 'Enter an ID for the dataset, like early-help' })
  else if (id.length > MAX_DATASET_ID_LENGTH) {
    problems.push({ field: 'id', message: `The ID must be ${MAX_DATASET_ID_LENGTH} characters or fewer` })
  } else if (!SLUG.test(id)) {
    problems.push({
      field: 'id',
      message:
        'The ID must start with a letter and use only lower-case letters, numbers and single hyphens, like early-help',
    })
  } else if (RESERVED_IDS.has(id)) {
    problems.push({ field: 'id', message: `"${id}" cannot be a dataset ID: choose another, like early-help` })
  } else if (existing.datasets.some((d) => d.id === id)) {
    problems.push({ field: 'id', message: `There is already a dataset with the ID "${id}": choose another` })
  }

  if (title === '') problems.push({ field: 'title', message: 'Enter the title of the dataset' })
  else if (title.length > MAX_DATASET_TITLE_LENGTH) {
    problems.push({ field: 'title', message: `The title must be ${MAX_DATASET_TITLE_LENGTH} characters or fewer` })
  } else if (existing.datasets.some((d) => d.title.toLowerCase() === title.toLowerCase())) {
    problems.push({ field: 'title', message: `There is already a dataset called "${title}": choose another title` })
  }

  if (indicatorIds.length === 0) {
    problems.push({ field: 'indicators', message: 'Choose at least one indicator for the dataset' })
  }
  const unknown = indicatorIds.filter((i) => !existing.indicatorIds.has(i))
  if (unknown.length > 0) {
    problems.push({
      field: 'indicators',
      message: `${unknown.map((i) => `"${i}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the catalogue`,
    })
  }
  return problems.length > 0 ? failed(problems) : ok({ id, title, indicatorIds })
}
