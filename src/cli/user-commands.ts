/**
 * `scrutineer users …`: accounts from the command line.
 * - `users add --email E --role R [--name N]` creates an account. The password comes from the SCRUTINEER_PASSWORD
 *   environment variable, or is asked for (twice, not shown) when run at a terminal; it is never a command-line
 *   option, so it does not end up in shell history or the process list.
 * - `users list`, `users disable|enable|unlock --email E`, `users role --email E --role R` do what the web's
 *   /admin/users does, through the same service: the same rules (the last active administrator is never disabled
 *   or demoted) and the same audit events, with the command line as the actor.
 */
import type { Config } from '../config.ts'
import { statusText } from '../domain/account-rules.ts'
import { ROLES } from '../domain/permissions.ts'
import { ROLE_NAMES } from '../domain/roles.ts'
import type { AccountProblem } from '../services/account-service.ts'
import type { Services } from '../services/index.ts'
import type { AccountOverview } from '../services/user-administration-service.ts'
import { cliActor, UsageError, withServices, type Values } from './shared.ts'

/** Reads a line from the terminal without echoing it. Ctrl-C cancels. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin
  return new Promise((resolve, reject) => {
    let input = ''
    const finish = (error: Error | null) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
      if (error === null) resolve(input)
      else reject(error)
    }
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n' || character === '\u0004') return finish(null)
        if (character === '\u0003') return finish(new UsageError('Cancelled: no account was created.'))
        if (character === '\u007f' || character === '\b') input = input.slice(0, -1)
        else input += character
      }
      return undefined
    }
    process.stderr.write(question)
    stdin.setEncoding('utf8')
    stdin.setRawMode(true)
    stdin.resume()
    stdin.on('data', onData)
  })
}

async function readPassword(env: NodeJS.ProcessEnv): Promise<string> {
  const fromEnv = env.SCRUTINEER_PASSWORD
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  if (!process.stdin.isTTY) {
    throw new UsageError('Set SCRUTINEER_PASSWORD, or run the command at a terminal to be asked for the password.')
  }
  const first = await promptHidden('Password (at least 12 characters): ')
  const second = await promptHidden('Password again: ')
  if (first !== second) throw new UsageError('The two passwords were different: no account was created.')
  return first
}

const USERS_USAGE =
  'Use "scrutineer users add --email E --role R [--name N]", "users list", "users disable --email E", ' +
  '"users enable --email E", "users unlock --email E" or "users role --email E --role R".'

/** `users add`: exit code 0 when created, 1 when refused (weak password, email taken). */
async function addUser(config: Config, values: Values, env: NodeJS.ProcessEnv): Promise<number> {
  if (values.email === undefined) throw new UsageError('users add needs --email.')
  if (values.role === undefined) {
    throw new UsageError(`users add needs --role, one of: ${ROLES.filter((r) => r !== 'public').join(', ')}.`)
  }
  const input = {
    email: values.email,
    role: values.role,
    name: values.name ?? values.email,
    password: await readPassword(env),
  }
  return withServices(config, async (services) => {
    const result = await services.accounts.createUser(input, { actor: cliActor() })
    if (!result.ok) {
      process.stderr.write('No account was created:\n')
      for (const problem of result.problems) process.stderr.write(`  ${problem.message}.\n`)
      return 1
    }
    process.stdout.write(`Created ${result.value.role} account for ${result.value.name} <${result.value.email}>.\n`)
    return 0
  })
}

/** Every account as an aligned table: name, email, role, status, last signed in. */
function accountTable(accounts: readonly AccountOverview[]): string {
  const rows = [
    ['Name', 'Email', 'Role', 'Status', 'Last signed in'],
    ...accounts.map((a) => [a.name, a.email, ROLE_NAMES[a.role], statusText(a.status), a.lastSignedInAt ?? 'never']),
  ]
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? []
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

type Change = (
  services: Services,
  id: number,
  context: { actor: string; actorUserId: null },
) => Promise<{ ok: true; value: AccountOverview } | { ok: false; problems: AccountProblem[] }>

/** Finds the account by --email, makes the change, and says what happened; 1 when refused or not found. */
async function changeAccount(config: Config, values: Values, verb: string, change: Change): Promise<number> {
  if (values.email === undefined) throw new UsageError(`users ${verb} needs --email.`)
  const email = values.email
  return withServices(config, async (services) => {
    const account = await services.users.findByEmail(email)
    if (account === null) {
      process.stderr.write(`There is no account for ${email.trim().toLowerCase()}.\n`)
      return 1
    }
    const result = await change(services, account.id, { actor: cliActor(), actorUserId: null })
    if (!result.ok) {
      process.stderr.write(`Nothing was changed:\n`)
      for (const problem of result.problems) process.stderr.write(`  ${problem.message}.\n`)
      return 1
    }
    const after = result.value
    process.stdout.write(`${after.name} <${after.email}>: ${ROLE_NAMES[after.role]}, ${statusText(after.status)}.\n`)
    return 0
  })
}

/**
 * `users add|list|disable|enable|unlock|role`: exit code 0 on success, 1 when refused (weak password, email
 * taken, no such account, the last administrator), 2 on a usage error.
 * @example await usersCommand(config, 'add', { email: 'jo@council.gov.uk', role: 'administrator' })
 * @example await usersCommand(config, 'role', { email: 'jo@council.gov.uk', role: 'director' })
 */
export async function usersCommand(
  config: Config,
  subcommand: string | undefined,
  values: Values,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  switch (subcommand) {
    case 'add':
      return addUser(config, values, env)
    case 'list':
      return withServices(config, async (services) => {
        process.stdout.write(`${accountTable(await services.users.list())}\n`)
        return 0
      })
    case 'disable':
      return changeAccount(config, values, 'disable', (services, id, context) => services.users.disable(id, context))
    case 'enable':
      return changeAccount(config, values, 'enable', (services, id, context) => services.users.enable(id, context))
    case 'unlock':
      return changeAccount(config, values, 'unlock', (services, id, context) => services.users.unlock(id, context))
    case 'role': {
      const role = values.role
      if (role === undefined) {
        throw new UsageError(`users role needs --role, one of: ${ROLES.filter((r) => r !== 'public').join(', ')}.`)
      }
      return changeAccount(config, values, 'role', (services, id, context) =>
        services.users.changeRole(id, role, context),
      )
    }
    default:
      throw new UsageError(USERS_USAGE)
  }
}

/**
 * `owners link --owner NAME --email E`: links every indicator whose catalogue owner is exactly NAME to the
 * indicator owner account E (audited as `indicator.owner-link`); /admin/indicator-owners does the same per
 * indicator. Exit code 0 when linked, 1 when refused, 2 on a usage error.
 */
export async function ownersCommand(config: Config, subcommand: string | undefined, values: Values): Promise<number> {
  if (subcommand !== 'link' || values.owner === undefined || values.email === undefined) {
    throw new UsageError('Use "scrutineer owners link --owner NAME --email E".')
  }
  const { owner, email } = values
  return withServices(config, async (services) => {
    const result = await services.owners.linkLabel(owner, email, { actor: cliActor() })
    if (!result.ok) {
      process.stderr.write(`Nothing was linked: ${result.problems[0]?.message ?? ''}.\n`)
      return 1
    }
    process.stdout.write(
      `Linked ${result.value.indicators} indicator${result.value.indicators === 1 ? '' : 's'} owned by "${owner}" to ${email.trim().toLowerCase()} (${result.value.changed} changed).\n`,
    )
    return 0
  })
}
