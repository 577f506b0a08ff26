/**
 * Roles in plain English: the name a person sees for each role, and a one-line account of what it may do, built
 * from the permission table (src/domain/permissions.ts) so the two can never disagree.
 */
import { actionsFor, PUBLIC_ACTIONS, ROLES, type Action, type Role } from './permissions.ts'

/** A role a person can be given (everyone but `public`). */
export type AssignableRole = Exclude<Role, 'public'>

/** Every role a person can be given, in the table's order. */
export const ASSIGNABLE_ROLES: readonly AssignableRole[] = ROLES.filter(
  (role): role is AssignableRole => role !== 'public',
)

/** What each role is called on screen. */
export const ROLE_NAMES: Readonly<Record<Role, string>> = Object.freeze({
  administrator: 'Administrator',
  'performance-officer': 'Performance officer',
  'indicator-owner': 'Indicator owner',
  director: 'Director',
  'democratic-services': 'Democratic services',
  'panel-member': 'Panel member',
  public: 'Public',
})

/**
 * Each action as a short phrase, for describing a role. A `Record` over every action, so a new action needs a
 * phrase before it compiles.
 */
const ACTION_PHRASES: Readonly<Record<Action, string>> = Object.freeze({
  'view-published-packs': 'see published packs',
  'view-published-papers': 'see published papers',
  'view-glossary': 'see the glossary',
  'view-meeting-calendar': 'see the meeting calendar',
  'view-unsuppressed-figures': 'see figures withheld from the public',
  'view-draft-packs': 'see draft packs',
  'view-child-level-records': "see children's records",
  'view-drill-downs': 'see the children behind a figure',
  'import-figures': 'import figures',
  'import-annex-a': 'import Annex A returns',
  'manage-catalogue': 'manage the indicator catalogue',
  'import-bank-holidays': 'load bank holidays',
  'write-commentary': 'write commentary on their own indicators',
  'write-performance-overview': 'write the performance overview',
  'sign-off-pack': 'sign off the pack',
  'publish-pack': 'publish the pack',
  'manage-meetings': 'manage meetings',
  'manage-agendas': 'manage agendas',
  'manage-minutes': 'manage minutes',
  'manage-recommendations': 'manage recommendations',
  'publish-document-packs': 'publish document packs',
  'view-members-room-papers': "see the members' room papers",
  'manage-users': 'manage accounts',
  'view-audit-log': 'search the audit log',
  'manage-glossary': 'edit the glossary',
  'view-jobs': 'follow loads and document packs as they run',
})

/**
 * One sentence saying what a role may do beyond what the public may, from the permission table.
 * @example describeRole('director') // 'Can see draft packs, write the performance overview, sign off the pack and publish the pack.'
 */
export function describeRole(role: AssignableRole): string {
  const phrases = actionsFor(role)
    .filter((action) => !PUBLIC_ACTIONS.includes(action))
    .map((action) => ACTION_PHRASES[action])
  if (phrases.length === 0) return 'Can see only what the public can.'
  const last = phrases.pop() ?? ''
  return `Can ${phrases.length === 0 ? last : `${phrases.join(', ')} and ${last}`}.`
}

/**
 * True when `text` is a role a person can be given.
 * @example isAssignableRole('director') // true
 * @example isAssignableRole('public') // false
 */
export function isAssignableRole(text: string): text is AssignableRole {
  return (ASSIGNABLE_ROLES as readonly string[]).includes(text)
}
