/**
 * The account pages for administrators: the list (/admin/users), the form to add one (/admin/users/new) and one
 * account with its actions (/admin/users/{id}). Pure functions from service values to what the templates show.
 */
import { statusText } from '../../domain/account-rules.ts'
import { ASSIGNABLE_ROLES, describeRole, ROLE_NAMES } from '../../domain/roles.ts'
import type { AccountProblem } from '../../services/account-service.ts'
import type { AccountOverview } from '../../services/user-administration-service.ts'
import { formatTimestamp } from './indicator-page.ts'

/** The confirmation shown after each action's redirect (`?done=…`). */
export const DONE_MESSAGES: Readonly<Record<string, string>> = Object.freeze({
  created: 'The account has been created. Tell the person their email address and initial password.',
  'first-administrator':
    "Your administrator account has been created and you are signed in. Add the council's other accounts here.",
  role: 'The role has been changed.',
  disabled: 'The account has been disabled and signed out everywhere.',
  enabled: 'The account has been re-enabled. The person can sign in again.',
  unlocked: 'The account has been unlocked. The person can sign in straight away.',
  'signed-out': 'The account has been signed out everywhere.',
  password: 'The password has been changed and the account signed out everywhere. Tell the person their new password.',
})

/** The banner message for a `done` flag; null for none or one we do not know. */
export function doneMessage(done: unknown): string | null {
  return typeof done === 'string' && Object.hasOwn(DONE_MESSAGES, done) ? (DONE_MESSAGES[done] ?? null) : null
}

interface FieldError {
  text: string
}

function errorsFor(problems: readonly AccountProblem[]) {
  const field = (name: AccountProblem['field']): FieldError | null => {
    const problem = problems.find((p) => p.field === name)
    return problem === undefined ? null : { text: problem.message }
  }
  return {
    errorList: problems.map((p) => ({ text: p.message, href: p.field === null ? '#actions' : `#${p.field}` })),
    field,
  }
}

/** The role radios: each role's name, with what it may do as its hint. */
export function roleItems(checked: string) {
  return ASSIGNABLE_ROLES.map((role) => ({
    value: role,
    text: ROLE_NAMES[role],
    hint: { text: describeRole(role) },
    checked: role === checked,
  }))
}

export function userListModel(accounts: readonly AccountOverview[], done: unknown) {
  return {
    pageTitle: 'Users',
    done: doneMessage(done),
    users: accounts.map((a) => ({
      href: `/admin/users/${a.id}`,
      name: a.name,
      email: a.email,
      role: ROLE_NAMES[a.role],
      status: statusText(a.status),
      statusKind: a.status.kind,
      created: formatTimestamp(a.createdAt),
      lastSignedIn: a.lastSignedInAt === null ? 'Never' : formatTimestamp(a.lastSignedInAt),
    })),
  }
}

/** What was typed into the new-account form (never the password, which is not sent back). */
export interface NewUserInput {
  name: string
  email: string
  role: string
}

export function newUserModel(input: NewUserInput, problems: readonly AccountProblem[]) {
  const { errorList, field } = errorsFor(problems)
  return {
    pageTitle: problems.length > 0 ? 'Error: Add a user' : 'Add a user',
    values: input,
    errorList,
    roleItems: roleItems(input.role),
    errors: { name: field('name'), email: field('email'), role: field('role'), password: field('password') },
  }
}

export function userPageModel(
  account: AccountOverview,
  options: { done?: unknown; problems?: readonly AccountProblem[]; currentUserId: number },
) {
  const self = account.id === options.currentUserId
  // One's own page has no role form: a refusal about the role points at the actions instead.
  const problems = (options.problems ?? []).map((p) => (self && p.field === 'role' ? { ...p, field: null } : p))
  const { errorList, field } = errorsFor(problems)
  const base = `/admin/users/${account.id}`
  return {
    pageTitle: `${problems.length > 0 ? 'Error: ' : ''}${account.name}`,
    name: account.name,
    self,
    done: doneMessage(options.done),
    errorList,
    errors: { role: field('role'), password: field('password'), actions: field(null) },
    rows: [
      { key: { text: 'Name' }, value: { text: account.name } },
      { key: { text: 'Email address' }, value: { text: account.email } },
      { key: { text: 'Role' }, value: { text: ROLE_NAMES[account.role] } },
      { key: { text: 'Status' }, value: { text: statusText(account.status) } },
      { key: { text: 'Failed sign-in attempts' }, value: { text: String(account.failedAttempts) } },
      { key: { text: 'Created' }, value: { text: formatTimestamp(account.createdAt) } },
      {
        key: { text: 'Last signed in' },
        value: { text: account.lastSignedInAt === null ? 'Never' : formatTimestamp(account.lastSignedInAt) },
      },
    ],
    roleItems: roleItems(account.role),
    disabled: account.status.kind === 'disabled',
    unlockable: account.failedAttempts > 0 || account.status.kind === 'locked',
    auditHref: `/admin/audit?${new URLSearchParams({ q: account.email }).toString()}`,
    actions: {
      role: `${base}/role`,
      disable: `${base}/disable`,
      enable: `${base}/enable`,
      unlock: `${base}/unlock`,
      signOut: `${base}/sign-out-everywhere`,
      password: `${base}/password`,
    },
  }
}
