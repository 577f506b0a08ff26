/**
 * Defining datasets in the browser: performance officers and administrators create a dataset (an ID, a title and
 * indicators chosen from the catalogue), like the council's Early Help dataset beside the monthly one. Its months
 * are those its indicators have figures for, so it has a pack as soon as it is created. Audited.
 */
import type { Dataset, Indicator } from '../domain/catalogue.ts'
import { checkNewDataset, type DatasetProblem } from '../domain/dataset-definition.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import type { DataAccess } from '../store/data-access.ts'
import { recordChange, type ChangeContext } from './change-record.ts'

export type { DatasetProblem } from '../domain/dataset-definition.ts'

export function datasetService(data: DataAccess) {
  return {
    /**
     * Every indicator in the catalogue, to choose a dataset's from: in the order the existing datasets list them
     * (the order the council knows them in), then any in no dataset, by ID.
     */
    async indicatorChoices(): Promise<Indicator[]> {
      const [datasets, indicators] = await Promise.all([data.catalogue.findDatasets(), data.catalogue.findIndicators()])
      const rank = new Map<string, number>()
      for (const id of datasets.flatMap((d) => d.indicatorIds)) if (!rank.has(id)) rank.set(id, rank.size)
      const last = rank.size
      return [...indicators].sort(
        (a, b) => (rank.get(a.id) ?? last) - (rank.get(b.id) ?? last) || a.id.localeCompare(b.id),
      )
    },

    /**
     * Creates a dataset, refusing an ID that is not a slug or is taken, a blank or taken title, and no (or unknown)
     * indicators; nothing is written then. The indicators keep the catalogue's order.
     * @example await datasets.create({ id: 'early-help', title: 'Early Help Dataset', indicatorIds: ['uha-started'] }, { actor: 'user:2' })
     */
    async create(
      input: { id: string; title: string; indicatorIds: readonly string[] },
      context: ChangeContext,
    ): Promise<Result<Dataset, DatasetProblem>> {
      return data.transaction(async (repos) => {
        const [datasets, indicatorIds] = await Promise.all([
          repos.catalogue.findDatasets(),
          repos.catalogue.indicatorIds(),
        ])
        const checked = checkNewDataset(input, { datasets, indicatorIds: new Set(indicatorIds) })
        if (!checked.ok) return checked
        const dataset = checked.value
        // Two officers creating the same ID at once: the second finds it taken.
        if (!(await repos.catalogue.createDataset(dataset))) {
          return failed([
            { field: 'id', message: `There is already a dataset with the ID "${dataset.id}": choose another` },
          ])
        }
        await recordChange(
          repos.audit,
          context,
          'dataset.create',
          { type: 'dataset', id: dataset.id },
          { after: dataset },
        )
        return ok(dataset)
      })
    },
  }
}

export type DatasetService = ReturnType<typeof datasetService>
