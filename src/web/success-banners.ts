/**
 * Success banners after a form is done: the route redirects (303) to the page to show next with `?done=KEY`, and the
 * layout shows KEY's fixed message in a GOV.UK success notification banner (`role="alert"`, so a screen reader
 * announces it). Nothing is remembered between the two requests, so any instance can serve the page after the
 * redirect; the message is fixed text chosen by the key, never words from the address, so a crafted link can show
 * only one of these messages. Banners are shown to signed-in people only: every action here needs signing in, and
 * the public's pages are made once and kept (src/web/published-responses.ts), which must not keep a banner.
 *
 * A few pages kept a `?done=` of their own before this (user accounts, indicator owners, benchmarks); their keys are
 * not in this table, so they never get two banners.
 */

/** Every message, by the key a route redirects with. */
export const SUCCESS_MESSAGES = {
  'commentary-saved': 'Your commentary has been saved as a draft',
  'commentary-submitted': 'The commentary has been submitted to the director for sign-off',
  'commentary-approved': 'The commentary has been approved',
  'commentary-returned': 'The commentary has been returned to its author with your reason',
  'overview-saved': 'The performance overview has been saved as a draft',
  'overview-drafted': 'The significant variations have been drafted from the pack: check and edit them',
  'overview-submitted': 'The performance overview has been submitted for sign-off',
  'overview-approved': 'The performance overview has been approved',
  'overview-returned': 'The performance overview has been returned with your reason',
  'pack-published': 'The month has been published: the public now sees this version',
  'meeting-scheduled': 'The meeting has been scheduled',
  'meeting-saved': 'The meeting’s details have been saved',
  'papers-published': 'The Public Document Pack has been published',
  'recommendation-recorded': 'The recommendation has been recorded',
  'recommendation-updated': 'The update has been recorded',
  'work-programme-added': 'The item has been added to the work programme',
  'work-programme-saved': 'The item’s changes have been saved',
  'work-programme-deferred': 'The item has been deferred',
  'work-programme-done': 'The item has been marked done',
  'work-programme-replanned': 'The item has been put back to planned',
} as const

export type Done = keyof typeof SUCCESS_MESSAGES

/**
 * `path` with `?done=KEY` added (before any `#fragment`, after any query it already has).
 * @example doneUrl('/recommendations/4#updates', 'recommendation-updated') // '/recommendations/4?done=recommendation-updated#updates'
 */
export function doneUrl(path: string, done: Done): string {
  const hash = path.indexOf('#')
  const [base, fragment] = hash === -1 ? [path, ''] : [path.slice(0, hash), path.slice(hash)]
  return `${base}${base.includes('?') ? '&' : '?'}done=${done}${fragment}`
}

/**
 * The message for a request's query (`request.query`), or null when it names none of ours.
 * @example successMessage({ done: 'meeting-scheduled' }) // 'The meeting has been scheduled'
 * @example successMessage({ done: '<script>' }) // null
 */
export function successMessage(query: unknown): string | null {
  if (typeof query !== 'object' || query === null) return null
  const done: unknown = (query as Record<string, unknown>).done
  if (typeof done !== 'string' || !Object.hasOwn(SUCCESS_MESSAGES, done)) return null
  return SUCCESS_MESSAGES[done as Done]
}
