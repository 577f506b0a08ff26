/**
 * Who may do what: one declared table, read by the web shell and the services. Least privilege throughout —
 * each action is given to the fewest roles that still let the monthly cycle and the panel's work happen.
 *
 * The decisions the table encodes, and why:
 * - **Child-level records and drill-downs** (Annex A rows, the list of children behind a figure) are
 *   need-to-know personal data. Only performance officers, who import and check them, and administrators, who
 *   support imports and carry out retention and deletion, may see them. Directors sign off the published,
 *   aggregate figures and commentary; that does not need children's records, and a director who wants to query a
 *   figure asks the performance officer (or opens the council's case management system, where their access is
 *   governed). Indicator owners write about aggregate figures too.
 * - **Draft packs** are seen by the people who prepare, comment on and sign them off (performance officers,
 *   indicator owners, directors, administrators). Democratic services and panel members get the pack once it is
 *   published, as the public does, so nobody outside the preparation works from unconfirmed figures.
 * - **Publishing a month's pack** is the director's act, the same accountable decision as signing it off (the
 *   council's performance overview goes out over the Service Director's name). The performance officer prepares
 *   the pack but cannot release figures the director has not seen.
 * - **Commentary** is written by indicator owners, for their own indicators only. The table grants the action;
 *   the service checks ownership against the catalogue's `owner`, since a role table cannot know who owns what.
 * - **The glossary** is kept by democratic services, who write the panel's papers and field councillors' questions
 *   about terms, and by performance officers, who write the indicator titles and definitions the glossary explains.
 *   Everyone, signed in or not, may read it: a published pack is only understood with its acronyms explained.
 * - **Unsuppressed figures**: disclosure control (small counts shown as `c`) protects children from the public. The
 *   council's staff and its councillors are entitled to its own figures, so every signed-in role sees published
 *   packs unsuppressed, marked "not for publication"; only a person who is not signed in sees the public version.
 * - **Administrators** run the system (users, audit log, imports and catalogue as cover for the performance
 *   officer) but do not write commentary, sign off or publish: separating duties keeps the published record
 *   attributable to the officers accountable for it.
 */

/** Every role. `public` is anyone who is not signed in; signed-in roles may also do everything public can. */
export const ROLES = [
  'administrator',
  'performance-officer',
  'indicator-owner',
  'director',
  'democratic-services',
  'panel-member',
  'public',
] as const

/** A role a person holds (or `public` for anyone not signed in). */
export type Role = (typeof ROLES)[number]

/** Every action the table decides. */
export const ACTIONS = [
  'view-published-packs',
  'view-published-papers',
  'view-glossary',
  'view-meeting-calendar',
  'view-unsuppressed-figures',
  'view-draft-packs',
  'view-child-level-records',
  'view-drill-downs',
  'import-figures',
  'import-annex-a',
  'manage-catalogue',
  'import-bank-holidays',
  'view-jobs',
  'write-commentary',
  'write-performance-overview',
  'sign-off-pack',
  'publish-pack',
  'manage-meetings',
  'manage-agendas',
  'manage-minutes',
  'manage-recommendations',
  'publish-document-packs',
  'view-members-room-papers',
  'manage-glossary',
  'manage-users',
  'view-audit-log',
] as const

/** Something a person may or may not do. */
export type Action = (typeof ACTIONS)[number]

const EVERYONE: readonly Role[] = ROLES
const SIGNED_IN: readonly Role[] = ROLES.filter((role) => role !== 'public')
const PREPARERS: readonly Role[] = ['administrator', 'performance-officer', 'indicator-owner', 'director']
const DATA_OFFICERS: readonly Role[] = ['administrator', 'performance-officer']
const DEMOCRATIC_SERVICES: readonly Role[] = ['democratic-services']

/**
 * The permission table: for each action, the roles that may do it. A `Record` over every action, so adding an
 * action without deciding who may do it does not compile. See the module comment for the reasoning.
 * @example PERMISSIONS['publish-pack'] // ['director']
 */
export const PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = Object.freeze({
  'view-published-packs': EVERYONE,
  'view-published-papers': EVERYONE,
  'view-glossary': EVERYONE,
  'view-meeting-calendar': EVERYONE,
  // The council's own figures, without disclosure control: every account (staff and councillors) is entitled to
  // them for its work; only the public, who are not signed in, see small counts as `c`.
  'view-unsuppressed-figures': SIGNED_IN,
  'view-draft-packs': PREPARERS,
  'view-child-level-records': DATA_OFFICERS,
  'view-drill-downs': DATA_OFFICERS,
  'import-figures': DATA_OFFICERS,
  'import-annex-a': DATA_OFFICERS,
  'manage-catalogue': DATA_OFFICERS,
  // The working-day calendar decides timeliness measures computed from Annex A: those who import Annex A keep it.
  'import-bank-holidays': DATA_OFFICERS,
  // Own indicators only: the service checks the catalogue's owner.
  'write-commentary': ['indicator-owner'],
  'write-performance-overview': ['director'],
  'sign-off-pack': ['director'],
  'publish-pack': ['director'],
  'manage-meetings': DEMOCRATIC_SERVICES,
  'manage-agendas': DEMOCRATIC_SERVICES,
  'manage-minutes': DEMOCRATIC_SERVICES,
  'manage-recommendations': DEMOCRATIC_SERVICES,
  'publish-document-packs': DEMOCRATIC_SERVICES,
  'view-members-room-papers': ['panel-member', 'democratic-services', 'administrator'],
  'manage-glossary': ['democratic-services', 'performance-officer'],
  'manage-users': ['administrator'],
  'view-audit-log': ['administrator'],
  // Jobs are loads and document packs: the people who start them follow them. Titles name files, never children.
  'view-jobs': ['administrator', 'performance-officer', 'democratic-services'],
})

/**
 * True when `text` is one of the roles (for reading a role from a session or the database).
 * @example isRole('director') // true
 * @example isRole('Director') // false
 */
export function isRole(text: string): text is Role {
  return (ROLES as readonly string[]).includes(text)
}

/**
 * True when `text` is one of the actions.
 * @example isAction('publish-pack') // true
 */
export function isAction(text: string): text is Action {
  return (ACTIONS as readonly string[]).includes(text)
}

/**
 * Whether `role` may do `action`. Fails closed: a role or action not in the table (say, a stale value read from
 * a session) may do nothing. Ownership of an indicator, for `write-commentary`, is checked by the service.
 * @example can('public', 'view-published-packs') // true
 * @example can('director', 'view-child-level-records') // false
 */
export function can(role: Role, action: Action): boolean {
  if (!isAction(action)) return false
  return PERMISSIONS[action].includes(role)
}

/**
 * Every action `role` may do, in the table's order.
 * @example actionsFor('public') // ['view-published-packs', 'view-published-papers', 'view-glossary', 'view-meeting-calendar']
 */
export function actionsFor(role: Role): Action[] {
  return ACTIONS.filter((action) => can(role, action))
}

/**
 * What anyone may do without signing in.
 * @example PUBLIC_ACTIONS.includes('view-glossary') // true
 */
export const PUBLIC_ACTIONS: readonly Action[] = Object.freeze(actionsFor('public'))
