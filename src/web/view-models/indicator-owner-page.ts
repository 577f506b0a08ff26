/**
 * `/admin/indicator-owners`: each indicator with the catalogue's owner label and the account linked to it, as one
 * form of selects. Unlinked owners come first and are tagged, so an administrator sees at once whose commentary
 * nobody can write yet.
 */
import type { OwnerLinkProblem, OwnershipOverview } from '../../services/indicator-owner-service.ts'

/** The form field of one indicator's select. */
export function ownerField(indicatorId: string): string {
  return `owner-${indicatorId}`
}

const DONE: Readonly<Record<string, string>> = { saved: 'The indicator owners have been saved.' }

export function indicatorOwnersModel(
  overview: OwnershipOverview,
  options: { done?: string | undefined; problems?: readonly OwnerLinkProblem[] } = {},
) {
  const problems = options.problems ?? []
  const rows = overview.indicators.map((o) => {
    const linkedId = o.account?.id ?? null
    return {
      id: ownerField(o.indicatorId),
      name: ownerField(o.indicatorId),
      label: o.code === '' ? o.title : `${o.code} ${o.title}`,
      owner: o.label.trim() === '' ? 'No owner in the catalogue' : o.label,
      linked: o.account !== null,
      unlinkedOwner: o.account === null && o.label.trim() !== '',
      error: problems.find((p) => p.indicatorId === o.indicatorId)?.message ?? null,
      items: [
        { value: '', text: 'Not linked', selected: linkedId === null },
        ...overview.accounts.map((a) => ({
          value: String(a.id),
          text: `${a.name} (${a.email})`,
          selected: a.id === linkedId,
        })),
      ],
    }
  })
  const unlinkedOwners = [...new Set(rows.filter((r) => r.unlinkedOwner).map((r) => r.owner))]
  return {
    pageTitle: `${problems.length > 0 ? 'Error: ' : ''}Indicator owners`,
    done: options.done === undefined ? null : (DONE[options.done] ?? null),
    errorList: problems.map((p) => ({
      text: p.message,
      href: p.indicatorId === null ? '#owners' : `#${ownerField(p.indicatorId)}`,
    })),
    unlinkedOwners,
    noAccounts: overview.accounts.length === 0,
    // Unlinked owners first: they are the ones to act on.
    rows: [...rows.filter((r) => r.unlinkedOwner), ...rows.filter((r) => !r.unlinkedOwner)],
  }
}
