/**
 * Indicator owners in tests: an indicator owner's account, linked (as an administrator would link it) to every
 * indicator whose catalogue owner is exactly `label`. Ownership is never matched by name, so a test that writes
 * commentary needs this.
 */
import type { Services } from '../src/services/index.ts'
import { TEST_PASSWORD, testEmail } from './sign-in.ts'

/**
 * Creates (or finds) the indicator owner account named `label` and links it to that owner's indicators.
 * @example const jane = await linkedOwner(services, 'Jane White') // { id: 4, name: 'Jane White', role: 'indicator-owner', email: … }
 */
export async function linkedOwner(services: Pick<Services, 'accounts' | 'owners' | 'users'>, label: string) {
  const email = testEmail(label)
  await services.accounts.createUser(
    { email, name: label, role: 'indicator-owner', password: TEST_PASSWORD },
    { actor: 'test' },
  )
  const account = await services.users.findByEmail(email)
  if (account === null) throw new Error(`No account for ${email}.`)
  const linked = await services.owners.linkLabel(label, email, { actor: 'test' })
  if (!linked.ok) throw new Error(linked.problems[0]?.message)
  return { id: account.id, name: account.name, role: 'indicator-owner' as const, email }
}
