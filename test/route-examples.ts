/**
 * An example URL for every route with parameters, so tests that crawl every route (permissions, accessibility) can
 * open it in the demo council. A new route with parameters needs one here; the crawls fail until it has one.
 */
import assert from 'node:assert/strict'

/** A URL to open for each route with parameters (or whose bare URL is not the page, like wildcards). */
export const EXAMPLES: Record<string, string> = {
  '/datasets/:dataset': '/datasets/monthly',
  '/datasets/:dataset/:file': '/datasets/monthly/2018-04',
  '/datasets/:dataset/:period/publish': '/datasets/monthly/2018-04/publish',
  '/datasets/:dataset/:period/publications': '/datasets/monthly/2018-04/publications',
  '/datasets/:dataset/:period/cycle': '/datasets/monthly/2018-04/cycle',
  '/datasets/:dataset/:period/spc': '/datasets/monthly/2018-04/spc',
  '/indicators/:id': '/indicators/contacts-cin-referrals',
  // The crawl's demo has no Annex A import: officers get the page saying so (404), everyone else 403 or sign-in.
  // Process changes: an empty post is refused (400: no month, no reason), so the crawl records and removes nothing.
  '/indicators/:id/process-changes': '/indicators/contacts-cin-referrals/process-changes',
  '/indicators/:id/process-changes/remove': '/indicators/contacts-cin-referrals/process-changes/remove',
  '/indicators/:id/children': '/indicators/icpc-in-time/children?month=2018-04',
  '/indicators/:id/children.csv': '/indicators/icpc-in-time/children.csv?month=2018-04',
  '/imports/:id': '/imports/1',
  // The crawl's demo has run no job: officers get 404, everyone else 403 or sign-in.
  '/jobs/:id': '/jobs/1',
  '/meetings/:id': '/meetings/2',
  // An empty post is refused (no date), so the crawl changes nothing.
  '/meetings/:id/edit': '/meetings/2/edit',
  '/committees/:id': '/committees/1',
  '/committees/:id/feed.rss': '/committees/1/feed.rss',
  // Keeping the committee up to date: every empty post is refused (400: no name, or no `current` naming the member
  // or contact to change or remove), so the crawl changes nothing.
  '/committees/:id/edit': '/committees/1/edit',
  '/committees/:id/public-information': '/committees/1/public-information',
  '/committees/:id/members/new': '/committees/1/members/new',
  '/committees/:id/members/:position/edit': '/committees/1/members/2/edit',
  '/committees/:id/members/:position/remove': '/committees/1/members/2/remove',
  '/committees/:id/contacts/new': '/committees/1/contacts/new',
  '/committees/:id/contacts/:position/edit': '/committees/1/contacts/1/edit',
  '/committees/:id/contacts/:position/remove': '/committees/1/contacts/1/remove',
  '/api/meetings/:id': '/api/meetings/2',
  // Meeting 1 (22 March 2018) has the demo's approved minutes; report 1 is item 9 of 7 June 2018.
  '/api/meetings/:id/minutes': '/api/meetings/1/minutes',
  '/api/reports/:id': '/api/reports/1',
  '/recommendations/:id': '/recommendations/1',
  '/recommendations/:id/updates': '/recommendations/1/updates',
  '/meetings/:id/monitoring-report': '/meetings/2/monitoring-report',
  '/glossary/:slug/edit': '/glossary/child-protection/edit',
  '/glossary/:slug/remove': '/glossary/child-protection/remove',
  '/datasets/:dataset/:period/commentary': '/datasets/monthly/2018-04/commentary',
  // An indicator with no owner and no commentary: posting an empty form changes nothing, whoever sends it.
  '/datasets/:dataset/:period/commentary/:indicator': '/datasets/monthly/2018-04/commentary/uha-started',
  '/datasets/:dataset/:period/commentary/:indicator/submit': '/datasets/monthly/2018-04/commentary/uha-started/submit',
  '/datasets/:dataset/:period/commentary/:indicator/approve':
    '/datasets/monthly/2018-04/commentary/uha-started/approve',
  '/datasets/:dataset/:period/commentary/:indicator/return': '/datasets/monthly/2018-04/commentary/uha-started/return',
  // The demo overview for April 2018 is approved: posting an empty form changes nothing.
  '/datasets/:dataset/:period/overview': '/datasets/monthly/2018-04/overview',
  '/datasets/:dataset/:period/overview/draft-variations': '/datasets/monthly/2018-04/overview/draft-variations',
  '/datasets/:dataset/:period/overview/submit': '/datasets/monthly/2018-04/overview/submit',
  '/datasets/:dataset/:period/overview/approve': '/datasets/monthly/2018-04/overview/approve',
  '/datasets/:dataset/:period/overview/return': '/datasets/monthly/2018-04/overview/return',
  // User 1 is the crawl's administrator (the first account signedInAs makes): disabling or demoting themselves is
  // refused, so the crawl's empty posts change nothing that later requests depend on.
  '/admin/users/:id': '/admin/users/1',
  '/admin/users/:id/role': '/admin/users/1/role',
  '/admin/users/:id/disable': '/admin/users/1/disable',
  '/admin/users/:id/enable': '/admin/users/1/enable',
  '/admin/users/:id/unlock': '/admin/users/1/unlock',
  '/admin/users/:id/sign-out-everywhere': '/admin/users/1/sign-out-everywhere',
  '/admin/users/:id/password': '/admin/users/1/password',
  '/meetings/:id/pack': '/meetings/2/pack',
  '/meetings/:id/pack.pdf': '/meetings/2/pack.pdf',
  '/meetings/:id/members-pack.pdf': '/meetings/2/members-pack.pdf',
  // Meeting 1 (22 March 2018) has the demo's approved minutes: every form posted to them is refused (400) and
  // changes nothing; minute 29 has no resolution, so no recommendation is made from it.
  '/meetings/:id/minutes': '/meetings/1/minutes',
  '/meetings/:id/minutes/edit': '/meetings/1/minutes/edit',
  '/meetings/:id/minutes/items/new': '/meetings/1/minutes/items/new',
  '/meetings/:id/minutes/items/:number/edit': '/meetings/1/minutes/items/29/edit',
  '/meetings/:id/minutes/approve': '/meetings/1/minutes/approve',
  '/meetings/:id/minutes/items/:number/recommendation': '/meetings/1/minutes/items/29/recommendation',
  // The demo's members (fixtures/scrutiny/members.json).
  '/members/:slug': '/members/councillor-taggart',
  '/members/:slug/interests/new': '/members/councillor-taggart/interests/new',
  // Councillor Taggart's register entry, the first the demo loads.
  '/members/:slug/interests/:id': '/members/councillor-taggart/interests/1',
  '/members/:slug/interests/:id/remove': '/members/councillor-taggart/interests/1/remove',
  // The demo panel's work programme: item 1 is done, so moving it onto an agenda, changing, deferring, marking it
  // done or putting it back to planned is refused (400), and the crawl changes nothing.
  '/committees/:id/work-programme': '/committees/1/work-programme',
  '/committees/:id/attendance': '/committees/1/attendance',
  '/committees/:id/work-programme/new': '/committees/1/work-programme/new',
  '/committees/:id/work-programme/:item/agenda': '/committees/1/work-programme/1/agenda',
  '/committees/:id/work-programme/:item/edit': '/committees/1/work-programme/1/edit',
  '/committees/:id/work-programme/:item/defer': '/committees/1/work-programme/1/defer',
  '/committees/:id/work-programme/:item/done': '/committees/1/work-programme/1/done',
  '/committees/:id/work-programme/:item/planned': '/committees/1/work-programme/1/planned',
  // Reports: item 9 of 7 June 2018 has the demo report. Empty posts are refused (400); the crawl's remove posts name
  // an appendix and an agenda item that do not exist, so nothing the later requests read is removed.
  '/meetings/:id/items/:position': '/meetings/2/items/9',
  '/meetings/:id/items/:position/report': '/meetings/2/items/9/report',
  '/meetings/:id/items/:position/appendices': '/meetings/2/items/9/appendices',
  '/meetings/:id/items/:position/appendices/upload': '/meetings/2/items/9/appendices/upload',
  '/reports/appendices/:id': '/reports/appendices/1',
  '/reports/appendices/:id/remove': '/reports/appendices/999999/remove',
  '/meetings/:id/agenda': '/meetings/2/agenda',
  '/meetings/:id/agenda/items': '/meetings/2/agenda/items',
  '/meetings/:id/agenda/items/:item/move': '/meetings/2/agenda/items/1/move',
  '/meetings/:id/agenda/items/:item/remove': '/meetings/2/agenda/items/999999/remove',
  // The crawl's demo has no uploads: officers get 404 and everyone else 403 or sign-in; nothing is confirmed.
  '/load-data/:id': '/load-data/999999',
  '/load-data/:id/confirm': '/load-data/999999/confirm',
  '/load-data/:id/abandon': '/load-data/999999/abandon',
  '/load-data/:id/check': '/load-data/999999/check',
  // Search shows results (and their highlights) only when asked something: a word the demo's papers are full of.
  '/search': '/search?q=children',
  // A set-up link nobody was given (and the crawl's demo has accounts): 404 for everyone, and posting creates nobody.
  '/set-up/:token': `/set-up/${'A'.repeat(43)}`,
}

/** Routes whose POST ends the session it is sent with; crawled last, with a fresh session each. */
export const ENDS_SESSION = new Set(['/sign-out', '/admin/users/:id/sign-out-everywhere'])

export function exampleUrl(url: string): string {
  const example = EXAMPLES[url]
  if (example !== undefined) return example
  assert.ok(
    !url.includes(':') && !url.includes('*'),
    `Add an example URL for ${url} to EXAMPLES in test/route-examples.ts.`,
  )
  return url
}
