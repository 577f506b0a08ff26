/**
 * Administrators managing accounts, from the web (/admin/users) and the command line (`scrutineer users …`):
 * listing accounts, changing a role, disabling and re-enabling, unlocking, signing someone out everywhere and
 * setting a new password. Each change and its audit event (before → after, never a password or hash) commit
 * together. The rules that keep someone able to manage accounts are in src/domain/account-rules.ts.
 */
import { hash } from '@node-rs/argon2'
import {
  accountStatus,
  administratorChangeProblem,
  type AccountStatus,
  type AdministratorChange,
} from '../domain/account-rules.ts'
import { ASSIGNABLE_ROLES, isAssignableRole } from '../domain/roles.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import type { ManagedAccount } from '../store/account-repository.ts'
import type { DataAccess, Repositories } from '../store/data-access.ts'
import { normaliseEmail, type AccountProblem } from './account-service.ts'
import { recordChange, type ChangeContext } from './change-record.ts'
import type { PasswordPolicy } from './password-policy.ts'

export type { ManagedAccount } from '../store/account-repository.ts'

/** An account with whether it can sign in now. */
export interface AccountOverview extends ManagedAccount {
  status: AccountStatus
}

/** Who is making the change: the audit actor, and their account id (null from the command line). */
export interface AdministratorContext extends ChangeContext {
  actorUserId: number | null
}

const NO_SUCH_ACCOUNT: AccountProblem = { field: null, message: 'There is no such account' }

export function userAdministrationService(data: DataAccess, clock: { now: () => Date }, passwords: PasswordPolicy) {
  const overview = (account: ManagedAccount): AccountOverview => ({
    ...account,
    status: accountStatus(account, clock.now().toISOString()),
  })

  const audit = (
    repos: Repositories,
    context: AdministratorContext,
    action: string,
    account: ManagedAccount,
    details: Record<string, unknown>,
  ) =>
    recordChange(repos.audit, context, action, { type: 'user', id: account.id }, { email: account.email, ...details })

  /** Finds the account and checks the administrator rules, with the administrators' rows locked. */
  async function guarded(
    repos: Repositories,
    id: number,
    change: AdministratorChange,
    context: AdministratorContext,
  ): Promise<Result<ManagedAccount, AccountProblem>> {
    const administrators = await repos.accounts.lockActiveAdministrators()
    const account = await repos.accounts.findAccount(id)
    if (account === null) return failed([NO_SUCH_ACCOUNT])
    const problem = administratorChangeProblem({
      actorUserId: context.actorUserId,
      target: account,
      change,
      activeAdministrators: administrators.length,
    })
    return problem === null
      ? ok(account)
      : failed([{ field: change.kind === 'disable' ? null : 'role', message: problem }])
  }

  /** Runs `work` on the account in one transaction; a missing account is a problem, not an exception. */
  function withAccount<T>(
    id: number,
    work: (repos: Repositories, account: ManagedAccount) => Promise<Result<T, AccountProblem>>,
  ): Promise<Result<T, AccountProblem>> {
    return data.transaction(async (repos) => {
      const account = await repos.accounts.findAccount(id)
      if (account === null) return failed([NO_SUCH_ACCOUNT])
      return work(repos, account)
    })
  }

  const reread = async (repos: Repositories, id: number) => {
    const account = await repos.accounts.findAccount(id)
    if (account === null) throw new Error(`Account ${id} vanished inside its own transaction.`)
    return overview(account)
  }

  return {
    /** Every account, by name, with its status and when it last signed in. */
    async list(): Promise<AccountOverview[]> {
      return (await data.accounts.listAccounts()).map(overview)
    },

    async find(id: number): Promise<AccountOverview | null> {
      const account = await data.accounts.findAccount(id)
      return account === null ? null : overview(account)
    },

    async findByEmail(email: string): Promise<AccountOverview | null> {
      const account = await data.accounts.findAccountByEmail(normaliseEmail(email))
      return account === null ? null : overview(account)
    },

    /**
     * Gives the account another role. Refused for an unknown role, for an administrator demoting themselves, and
     * for the last active administrator.
     * @example await users.changeRole(7, 'director', { actor: 'user:1', actorUserId: 1 })
     */
    async changeRole(
      id: number,
      roleInput: string,
      context: AdministratorContext,
    ): Promise<Result<AccountOverview, AccountProblem>> {
      const role = roleInput.trim()
      if (!isAssignableRole(role)) {
        return failed([{ field: 'role', message: `Choose a role: ${ASSIGNABLE_ROLES.join(', ')}` }])
      }
      return data.transaction(async (repos) => {
        const checked = await guarded(repos, id, { kind: 'change-role', to: role }, context)
        if (!checked.ok) return checked
        const account = checked.value
        if (account.role !== role) {
          await repos.accounts.setRole(id, role)
          await audit(repos, context, 'user.role-changed', account, {
            before: { role: account.role },
            after: { role },
          })
        }
        return ok(await reread(repos, id))
      })
    },

    /**
     * Disables the account and ends all its sessions at once. Refused for one's own account and for the last active
     * administrator.
     */
    async disable(id: number, context: AdministratorContext): Promise<Result<AccountOverview, AccountProblem>> {
      return data.transaction(async (repos) => {
        const checked = await guarded(repos, id, { kind: 'disable' }, context)
        if (!checked.ok) return checked
        const account = checked.value
        if (account.disabledAt === null) {
          const at = clock.now().toISOString()
          await repos.accounts.setDisabled(id, at)
          const sessionsEnded = await repos.accounts.revokeAllSessions(id, at)
          await audit(repos, context, 'user.disabled', account, {
            before: { status: 'active' },
            after: { status: 'disabled' },
            sessionsEnded,
          })
        }
        return ok(await reread(repos, id))
      })
    },

    /** Lets a disabled account sign in again. */
    async enable(id: number, context: AdministratorContext): Promise<Result<AccountOverview, AccountProblem>> {
      return withAccount(id, async (repos, account) => {
        if (account.disabledAt !== null) {
          await repos.accounts.setDisabled(id, null)
          await audit(repos, context, 'user.enabled', account, {
            before: { status: 'disabled' },
            after: { status: 'active' },
          })
        }
        return ok(await reread(repos, id))
      })
    },

    /** Clears failed sign-in attempts and any lock, from every address, so the person can sign in straight away. */
    async unlock(id: number, context: AdministratorContext): Promise<Result<AccountOverview, AccountProblem>> {
      return withAccount(id, async (repos, account) => {
        if (account.failedAttempts > 0 || account.lockedUntil !== null) {
          await repos.accounts.clearFailures(id)
          await audit(repos, context, 'user.unlocked', account, {
            before: { failedAttempts: account.failedAttempts, lockedUntil: account.lockedUntil },
            after: { failedAttempts: 0, lockedUntil: null },
          })
        }
        return ok(await reread(repos, id))
      })
    },

    /** Ends every session of the account, wherever it is signed in. */
    async signOutEverywhere(
      id: number,
      context: AdministratorContext,
    ): Promise<Result<{ account: AccountOverview; sessionsEnded: number }, AccountProblem>> {
      return withAccount(id, async (repos, account) => {
        const sessionsEnded = await repos.accounts.revokeAllSessions(id, clock.now().toISOString())
        await audit(repos, context, 'user.signed-out-everywhere', account, { sessionsEnded })
        return ok({ account: await reread(repos, id), sessionsEnded })
      })
    },

    /**
     * Sets a new password (checked like any other) and ends the account's sessions, so anyone using the old one
     * is signed out. The audit event says the password changed, never what it is.
     */
    async setPassword(
      id: number,
      password: string,
      context: AdministratorContext,
    ): Promise<Result<AccountOverview, AccountProblem>> {
      const existing = await data.accounts.findAccount(id)
      if (existing === null) return failed([NO_SUCH_ACCOUNT])
      const problems = passwords.problems(password, { email: existing.email, name: existing.name })
      if (problems.length > 0) return failed(problems)
      const passwordHash = await hash(password)
      return withAccount(id, async (repos, account) => {
        const at = clock.now().toISOString()
        await repos.accounts.setPasswordHash(id, passwordHash)
        const sessionsEnded = await repos.accounts.revokeAllSessions(id, at)
        await audit(repos, context, 'user.password-set', account, {
          before: { password: 'previous password' },
          after: { password: 'new password set by an administrator' },
          sessionsEnded,
        })
        return ok(await reread(repos, id))
      })
    },
  }
}

export type UserAdministrationService = ReturnType<typeof userAdministrationService>
