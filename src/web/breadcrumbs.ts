/**
 * Breadcrumbs for every page below the top level, worked out in one place from the page's address: the layout
 * (views/layout.njk) shows `breadcrumbsFor(currentPath)` above the page, so no page builds its own. A page may set
 * `model.breadcrumbs` to say better (a name the address does not carry), and a page with a back link (a form, one
 * step of a task) replaces them, as GOV.UK advises using one or the other.
 *
 * The trail is Home, then each shorter address above this one that is a page of its own, named by the table below;
 * the page itself is not repeated (its heading says where you are). Addresses that are not pages (`/indicators`,
 * `/datasets/monthly`, which only redirects to the newest month) are left out.
 */
import { formatPeriodLong, isPeriod } from '../domain/period.ts'

/** One step of the trail, as govukBreadcrumbs takes it. */
export interface Crumb {
  text: string
  href: string
}

/** The pages reached from the header: top level, so no breadcrumbs. */
const TOP_LEVEL = new Set(['/', '/admin/users', '/admin/audit', '/admin/indicator-owners'])

const humanised = (segment: string): string => {
  const words = decodeURIComponent(segment).replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** How each page above another is named, by its address's segments; null: not a page, or not one we name. */
function placeName(segments: readonly string[]): string | null {
  const [first, second, third, fourth, fifth] = segments
  switch (segments.length) {
    case 1: {
      const names: Record<string, string> = {
        datasets: 'Datasets',
        meetings: 'Meetings',
        committees: 'Committees',
        recommendations: 'Recommendations',
        glossary: 'Glossary',
        'load-data': 'Load data',
        imports: 'Imports',
        jobs: 'Jobs',
      }
      return first !== undefined && Object.hasOwn(names, first) ? (names[first] ?? null) : null
    }
    case 2:
      if (second === 'new') return null
      if (first === 'meetings') return 'Meeting'
      if (first === 'committees') return 'Committee'
      if (first === 'recommendations') return 'Recommendation'
      if (first === 'indicators') return 'Indicator'
      if (first === 'imports') return 'Import'
      if (first === 'load-data') return 'Upload'
      if (first === 'jobs') return 'Job'
      if (first === 'admin' && second === 'users') return 'Users'
      return null
    case 3:
      if (first === 'datasets' && second !== undefined && third !== undefined && isPeriod(third)) {
        return `${humanised(second)}: ${formatPeriodLong(third)}`
      }
      if (first === 'meetings' && third === 'minutes') return 'Minutes'
      if (first === 'meetings' && third === 'agenda') return 'Agenda'
      if (first === 'admin' && second === 'users' && third !== 'new') return 'User'
      return null
    case 4:
      if (first === 'datasets' && fourth === 'commentary') return 'Commentary'
      if (first === 'meetings' && third === 'items' && fourth !== undefined) return `Item ${fourth}`
      return null
    case 5:
      if (first === 'meetings' && third === 'items' && fifth === 'report') return 'Report'
      return null
    default:
      return null
  }
}

/**
 * The breadcrumbs for the page at `path` (no query): empty for a top-level page.
 * @example breadcrumbsFor('/datasets/monthly/2018-06/commentary/cpp-count')
 * // [{ text: 'Home', href: '/' }, { text: 'Datasets', href: '/datasets' },
 * //  { text: 'Monthly: June 2018', href: '/datasets/monthly/2018-06' }, { text: 'Commentary', href: '/datasets/monthly/2018-06/commentary' }]
 */
export function breadcrumbsFor(path: string): Crumb[] {
  const clean = path.split(/[?#]/)[0] ?? ''
  const segments = clean.split('/').filter((s) => s !== '')
  if (segments.length <= 1 || TOP_LEVEL.has(clean) || TOP_LEVEL.has(clean.replace(/\/+$/, ''))) return []
  const crumbs: Crumb[] = [{ text: 'Home', href: '/' }]
  for (let end = 1; end < segments.length; end++) {
    const above = segments.slice(0, end)
    const text = placeName(above)
    if (text !== null) crumbs.push({ text, href: `/${above.join('/')}` })
  }
  return crumbs
}
