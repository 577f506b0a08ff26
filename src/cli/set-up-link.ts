/**
 * What `scrutineer serve` prints on a database with no accounts: a one-time link that creates the first
 * administrator in the browser (services/set-up-service.ts). The link appears in the server's log and nowhere else.
 */
import type { Services } from '../services/index.ts'
import { SET_UP_LINK_MINUTES } from '../services/set-up-service.ts'

/**
 * Issues a set-up link and writes it to `write` when nobody has an account yet; writes nothing otherwise.
 * @example await announceSetUpLink(services, 'http://localhost:3000')
 */
export async function announceSetUpLink(
  services: Pick<Services, 'setUp'>,
  baseUrl: string,
  write: (text: string) => void = (text) => process.stderr.write(text),
): Promise<void> {
  const link = await services.setUp.issueLink()
  if (link === null) return
  write(
    'Nobody has an account yet. The public pages work now; to create the first administrator, open this link\n' +
      `in your browser within ${SET_UP_LINK_MINUTES} minutes (it works once; restarting Scrutineer prints a new one):\n` +
      `  ${baseUrl}/set-up/${link.token}\n` +
      '(or, in another terminal: npx scrutineer users add --email you@council.gov.uk --role administrator)\n',
  )
}
