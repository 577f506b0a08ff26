/**
 * `scrutineer users add --email E --role R [--name N]`: creates an account. The password comes from the
 * SCRUTINEER_PASSWORD environment variable, or is asked for (twice, not shown) when run at a terminal; it is never
 * a command-line option, so it does not end up in shell history or the process list.
 */
import type { Config } from '../config.ts'
import { ROLES } from '../domain/permissions.ts'
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

/**
 * `users add`: creates an account; exit code 0 when created, 1 when refused (weak password, email taken), 2 on a
 * usage error.
 * @example await usersCommand(config, 'add', { email: 'jo@council.gov.uk', role: 'administrator' })
 */
export async function usersCommand(
  config: Config,
  subcommand: string | undefined,
  values: Values,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (subcommand !== 'add') throw new UsageError('Use "scrutineer users add --email E --role R [--name N]".')
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
