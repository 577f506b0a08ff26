/**
 * The pack page as one self-contained HTML file (`scrutineer pack --format html`): the same template as the web
 * page, with the stylesheet inlined and no scripts, so it opens from disk, prints on A4 landscape and can be
 * e-mailed or attached to papers.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Dataset, Indicator } from '../domain/catalogue.ts'
import type { Pack } from '../domain/pack.ts'
import type { Period } from '../domain/period.ts'
import { buildAssets } from './assets/build.ts'
import { createViewEnvironment } from './nunjucks.ts'
import { packPageModel } from './view-models/pack-page.ts'

const STYLESHEET = fileURLToPath(new URL('../../public/stylesheets/application.css', import.meta.url))

export function renderPackDocument(input: {
  pack: Pack
  catalogue: ReadonlyMap<string, Indicator>
  dataset: Dataset
  availablePeriods: Period[]
  councilName: string
}): string {
  if (!existsSync(STYLESHEET)) buildAssets()
  const model = packPageModel(input.pack, input.catalogue, {
    datasetTitle: input.dataset.title,
    availablePeriods: input.availablePeriods,
    publicView: true,
  })
  return createViewEnvironment().render('pages/pack.njk', {
    model,
    councilName: input.councilName,
    currentPath: `/datasets/${input.dataset.id}/${input.pack.period}`,
    inlineStylesheet: readFileSync(STYLESHEET, 'utf8'),
    standalone: true,
  })
}
