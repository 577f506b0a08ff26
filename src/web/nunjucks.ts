/**
 * The Nunjucks environment every page is rendered with: our views first, then GOV.UK Frontend's templates and
 * macros (`govuk/template.njk`, `govuk/components/…/macro.njk`). Autoescaping is on, so text from spreadsheets
 * and the database is always shown as text, never run as HTML.
 *
 * Pages expect `model` (their view model), and the layout reads `councilName`, `cspNonce` and `currentPath`.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import nunjucks from 'nunjucks'
import { formatPeriodLong, formatPeriodShort, isPeriod } from '../domain/period.ts'
import { formatNumber } from './view-models/pack-page.ts'

const VIEWS_DIR = path.join(import.meta.dirname, 'views')

/** govuk-frontend's `dist` folder, resolved through Node so a hoisted or nested install both work. */
function govukDistDir(): string {
  const require = createRequire(import.meta.url)
  return path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist')
}

/**
 * Creates the view environment: loaders for `src/web/views` and govuk-frontend's `dist`, autoescape on, and the
 * filters `formatNumber` (thousands separators, half away from zero), `periodLong` ("April 2018"),
 * `periodShort` ("Apr-18") and `glossaryHref` (a glossary entry's address, "/glossary#early-help"). Acronyms are
 * marked up to the glossary by the `markedUp` macro in `partials/glossary.njk`.
 * @example
 * const env = createViewEnvironment()
 * env.render('pages/home.njk', { councilName: 'Southampton City Council', cspNonce: 'abc' })
 */
export function createViewEnvironment(options: { noCache?: boolean } = {}): nunjucks.Environment {
  // Compiled templates are cached for speed; `noCache` re-reads them on every render while editing views.
  const loader = new nunjucks.FileSystemLoader([VIEWS_DIR, govukDistDir()], { noCache: options.noCache ?? false })
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false })

  env.addFilter('formatNumber', (value: unknown, decimals: unknown = 0): string =>
    typeof value === 'number' && Number.isFinite(value)
      ? formatNumber(value, typeof decimals === 'number' ? decimals : 0)
      : '',
  )
  env.addFilter('periodLong', (value: unknown): string =>
    typeof value === 'string' && isPeriod(value) ? formatPeriodLong(value) : '',
  )
  env.addFilter('periodShort', (value: unknown): string =>
    typeof value === 'string' && isPeriod(value) ? formatPeriodShort(value) : '',
  )
  env.addFilter('glossaryHref', (slug: unknown): string =>
    typeof slug === 'string' && slug !== '' ? `/glossary#${encodeURIComponent(slug)}` : '/glossary',
  )
  return env
}
