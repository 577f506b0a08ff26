/**
 * Indicator owners: the link from each indicator to the account that writes its commentary. The catalogue's
 * `owner` column is only a label (it names a person; a catalogue import sets it); who may write is decided by
 * the link, which an administrator makes at /admin/indicator-owners (or `scrutineer owners link`). Nothing is
 * ever matched by name: an account called "jane  WHITE" owns nothing until an administrator links it.
 *
 * A catalogue import that gives an indicator a different owner label unlinks it, so the new owner waits to be
 * linked rather than the old account keeping it. Each link and unlink is audited (`indicator.owner-link`) as
 * before → after.
 */
import { can } from '../domain/permissions.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import type { IndicatorOwnership, OwnerAccount } from '../store/catalogue-repository.ts'
import type { DataAccess, Repositories } from '../store/data-access.ts'
import { recordChange, type ChangeContext } from './change-record.ts'

export type { IndicatorOwnership, OwnerAccount } from '../store/catalogue-repository.ts'

/** A problem with a link, in words an administrator understands. */
export interface OwnerLinkProblem {
  indicatorId: string | null
  message: string
}

/** Every indicator's owner and the accounts that may be linked. */
export interface OwnershipOverview {
  indicators: IndicatorOwnership[]
  /** Enabled accounts whose role writes commentary, by name. */
  accounts: OwnerAccount[]
}

/** One link to make: the indicator, and the account (null: no account). */
export interface OwnerLink {
  indicatorId: string
  userId: number | null
}

export function indicatorOwnerService(data: DataAccess) {
  /** Accounts that may own indicators: enabled, with a role that writes commentary. */
  async function ownerAccounts(repos: Pick<Repositories, 'accounts'>): Promise<OwnerAccount[]> {
    return (await repos.accounts.listAccounts())
      .filter((a) => a.disabledAt === null && can(a.role, 'write-commentary'))
      .map((a) => ({ id: a.id, name: a.name, email: a.email }))
  }

  /** Makes the links in one transaction, auditing each that changes; refuses them all if any is wrong. */
  async function link(
    links: readonly OwnerLink[],
    context: ChangeContext,
  ): Promise<Result<{ changed: number }, OwnerLinkProblem>> {
    return data.transaction(async (repos) => {
      const current = new Map((await repos.catalogue.findOwnerships()).map((o) => [o.indicatorId, o]))
      const accounts = new Map((await ownerAccounts(repos)).map((a) => [a.id, a]))
      const problems: OwnerLinkProblem[] = []
      for (const { indicatorId, userId } of links) {
        if (!current.has(indicatorId)) problems.push({ indicatorId, message: `There is no indicator "${indicatorId}"` })
        else if (userId !== null && !accounts.has(userId)) {
          problems.push({
            indicatorId,
            message: `Account ${userId} cannot own indicators: choose an enabled indicator owner's account`,
          })
        }
      }
      if (problems.length > 0) return failed(problems)
      let changed = 0
      for (const { indicatorId, userId } of links) {
        const before = current.get(indicatorId)
        if (before === undefined || (before.account?.id ?? null) === userId) continue
        await repos.catalogue.setOwnerAccount(indicatorId, userId)
        const after = userId === null ? null : (accounts.get(userId) ?? null)
        const shown = (account: OwnerAccount | null) =>
          account === null ? null : { userId: account.id, name: account.name, email: account.email }
        await recordChange(
          repos.audit,
          context,
          'indicator.owner-link',
          { type: 'indicator', id: indicatorId },
          { label: before.label, before: shown(before.account), after: shown(after) },
        )
        changed += 1
      }
      return ok({ changed })
    })
  }

  return {
    /** Every indicator with its owner label and linked account, and the accounts that may be linked. */
    async overview(): Promise<OwnershipOverview> {
      const [indicators, accounts] = await Promise.all([data.catalogue.findOwnerships(), ownerAccounts(data)])
      return { indicators, accounts }
    },

    /** The owner of these indicators (or all): label and linked account, by indicator id. */
    async ownersOf(ids?: readonly string[]): Promise<Map<string, IndicatorOwnership>> {
      return new Map((await data.catalogue.findOwnerships(ids)).map((o) => [o.indicatorId, o]))
    },

    link,

    /**
     * Links every indicator whose catalogue owner label is exactly `label` to the account with this email (the
     * command line's `scrutineer owners link`, and the demo).
     * @example await owners.linkLabel('Jane White', 'jane.white@council.gov.uk', { actor: 'cli:jo' })
     */
    async linkLabel(
      label: string,
      email: string,
      context: ChangeContext,
    ): Promise<Result<{ changed: number; indicators: number }, OwnerLinkProblem>> {
      const account = (await ownerAccounts(data)).find((a) => a.email === email.trim().toLowerCase())
      if (account === undefined) {
        return failed([{ indicatorId: null, message: `${email} is not an enabled indicator owner's account` }])
      }
      const ids = (await data.catalogue.findOwnerships()).filter((o) => o.label === label).map((o) => o.indicatorId)
      if (ids.length === 0) return failed([{ indicatorId: null, message: `No indicator's owner is "${label}"` }])
      const result = await link(
        ids.map((indicatorId) => ({ indicatorId, userId: account.id })),
        context,
      )
      return result.ok ? ok({ changed: result.value.changed, indicators: ids.length }) : result
    },
  }
}

export type IndicatorOwnerService = ReturnType<typeof indicatorOwnerService>
