/**
 * Scrutineer as separate processes, as a council runs it: `scrutineer serve` started as its own process and
 * `scrutineer …` commands run beside it, with a browser-like client (cookies, the sign-in form) over real HTTP.
 * For tests that kill or restart the server, or run commands in a second process.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { csrfTokenIn } from './sign-in.ts'

export const ROOT = fileURLToPath(new URL('../', import.meta.url))

/** Runs `scrutineer ARGS` as its own process, as in a second terminal; never rejects. */
export function runScrutineer(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run.ts', ...args],
      { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr })
      },
    )
  })
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}

/** The cookies a browser would send after these responses. */
export function cookieHeader(cookies: Map<string, string>, response: Response): string {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';')
    const at = pair.indexOf('=')
    const name = pair.slice(0, at)
    const value = pair.slice(at + 1)
    if (value === '') cookies.delete(name)
    else cookies.set(name, value)
  }
  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
}

export interface ServerProcess {
  base: string
  process: ChildProcess
  /** Everything it has written to stdout and stderr so far. */
  log: () => string
  /** Resolves when the process has ended. */
  exited: Promise<void>
}

/** Starts `scrutineer serve` on `db` (a folder or a PostgreSQL URL) and waits until /health answers. */
export async function startServer(db: string, env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/run.ts', 'serve', '--db', db, '--port', `${port}`],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let log = ''
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  for (;;) {
    const stopped = await Promise.race([exited.then(() => true), sleep(200).then(() => false)])
    if (stopped) throw new Error(`The server stopped before it answered:\n${log}`)
    const up = await fetch(`${base}/health`)
      .then((r) => r.ok)
      .catch(() => false)
    if (up) break
  }
  return { base, process: child, log: () => log, exited }
}

/** Ends a server process however the test went (SIGKILL unless told otherwise), and waits for it. */
export async function stopServer(server: ServerProcess | null, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (server === null) return
  if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill(signal)
  await server.exited
}

/** A browser's session with a running server: its cookies, signed in through the real form. */
export interface Session {
  base: string
  cookie: () => string
  get: (path: string) => Promise<Response>
  /** Posts a form (the CSRF token of `formPage` added), without following the redirect. */
  postForm: (path: string, fields: Record<string, string>, formPage: string) => Promise<Response>
  /** Posts multipart form data (the CSRF token of `formPage` added first), without following the redirect. */
  postMultipart: (path: string, form: FormData, formPage: string) => Promise<Response>
}

export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const cookies = new Map<string, string>()
  let cookie = ''
  const remember = (response: Response) => {
    cookie = cookieHeader(cookies, response)
    return response
  }
  const get = async (path: string) =>
    remember(await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' }))
  const tokenOf = async (page: string) => csrfTokenIn(await (await get(page)).text())
  const postForm = async (path: string, fields: Record<string, string>, formPage: string) => {
    const body = new URLSearchParams({ _csrf: await tokenOf(formPage), ...fields }).toString()
    return remember(
      await fetch(`${base}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      }),
    )
  }
  const signedIn = await postForm('/sign-in', { email, password }, '/sign-in')
  if (signedIn.status !== 303) throw new Error(`Signing in as ${email} answered ${signedIn.status}`)
  return {
    base,
    cookie: () => cookie,
    get,
    postForm,
    async postMultipart(path, form, formPage) {
      const withToken = new FormData()
      withToken.append('_csrf', await tokenOf(formPage))
      for (const [name, value] of form) withToken.append(name, value)
      return remember(
        await fetch(`${base}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: withToken }),
      )
    },
  }
}
