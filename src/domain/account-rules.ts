/**
 * The rules for managing accounts, pure: an account's status at a given moment, and which changes an
 * administrator may make. The service reads the database and the clock and asks these.
 */
import type { Role } from './permissions.ts'

/** An account's state as these rules need it. */
export interface AccountState {
  id: number
  role: Exclude<Role, 'public'>
  disabledAt: string | null
  lockedUntil: string | null
}

/** Whether someone can sign in: active, locked (until when) or disabled. */
export type AccountStatus = { kind: 'active' } | { kind: 'locked'; until: string } | { kind: 'disabled' }

/**
 * The account's status at `nowIso`. Disabled wins over locked; a lock whose time has passed is no lock.
 * @example accountStatus({ id: 1, role: 'director', disabledAt: null, lockedUntil: '2026-11-30T10:15:00Z' }, '2026-11-30T10:00:00Z') // { kind: 'locked', until: '2026-11-30T10:15:00Z' }
 */
export function accountStatus(account: AccountState, nowIso: string): AccountStatus {
  if (account.disabledAt !== null) return { kind: 'disabled' }
  if (account.lockedUntil !== null && Date.parse(account.lockedUntil) > Date.parse(nowIso)) {
    return { kind: 'locked', until: account.lockedUntil }
  }
  return { kind: 'active' }
}

/** Failed sign-ins from one address that cost nothing: the next failure after them starts the back-off. */
export const FREE_FAILED_ATTEMPTS = 4
/** The longest a back-off lock lasts. */
export const MAX_LOCKOUT_MINUTES = 60

/**
 * How long sign-in to an account from one address is locked after its `failures`-th failure in a row there: the
 * first 4 cost nothing, the 5th locks for 1 minute, each after it doubles the lock (2, 4, 8 … minutes) up to an
 * hour. Failures from other addresses do not count, so nobody elsewhere can keep the owner out.
 * @example lockoutMinutes(4) // 0
 * @example lockoutMinutes(5) // 1
 * @example lockoutMinutes(7) // 4
 * @example lockoutMinutes(40) // 60
 */
export function lockoutMinutes(failures: number): number {
  if (failures <= FREE_FAILED_ATTEMPTS) return 0
  return Math.min(2 ** Math.min(failures - FREE_FAILED_ATTEMPTS - 1, 30), MAX_LOCKOUT_MINUTES)
}

const LONDON_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/**
 * An account's status in words, with a lock's end in UK time.
 * @example statusText({ kind: 'locked', until: '2026-07-01T09:15:00Z' }) // 'Locked until 10:15'
 */
export function statusText(status: AccountStatus): string {
  if (status.kind === 'disabled') return 'Disabled'
  if (status.kind === 'locked') return `Locked until ${LONDON_CLOCK.format(Date.parse(status.until))}`
  return 'Active'
}

/** A change that could leave the council without an administrator. */
export type AdministratorChange = { kind: 'disable' } | { kind: 'change-role'; to: Exclude<Role, 'public'> }

/**
 * Why a change may not be made, or null when it may. An administrator cannot disable or demote themselves (another
 * administrator must), and the last active administrator can never be disabled or demoted, so someone can always
 * manage accounts. `activeAdministrators` counts enabled administrator accounts, including the target.
 * @example administratorChangeProblem({ actorUserId: 2, target: admin, change: { kind: 'disable' }, activeAdministrators: 1 }) // 'This is the only active administrator …'
 */
export function administratorChangeProblem(input: {
  actorUserId: number | null
  target: AccountState
  change: AdministratorChange
  activeAdministrators: number
}): string | null {
  const { target, change } = input
  const removesAdministrator =
    target.role === 'administrator' &&
    target.disabledAt === null &&
    (change.kind === 'disable' || change.to !== 'administrator')
  const self = input.actorUserId === target.id
  if (self && change.kind === 'disable') return 'You cannot disable your own account. Ask another administrator.'
  if (!removesAdministrator) return null
  if (self) return 'You cannot change your own role. Ask another administrator.'
  if (input.activeAdministrators <= 1) {
    return change.kind === 'disable'
      ? 'This is the only active administrator, so it cannot be disabled. Make someone else an administrator first.'
      : 'This is the only active administrator, so its role cannot be changed. Make someone else an administrator first.'
  }
  return null
}
