/**
 * `scrutineer …` run inside the test's own process: src/cli/main.ts's `main` with the command's output captured.
 * A spawned command pays for Node, tsx compiling the code and loading every module again (seconds each on a busy
 * machine); in-process, only the first command does. A few tests still spawn the real binary to prove it works end
 * to end (test/server-process.ts's runScrutineer; cli.db.test.ts's "the binary" tests).
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { Mutex } from '../src/store/pglite-dialect.ts'

export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

type Write = typeof process.stdout.write

// One command at a time: the capture and the environment are the process's own.
const turn = new Mutex()

// The command's own writes are those made in its asynchronous context: anything else written meanwhile (the test
// runner's report, which is text on stdout when a run file is started without --test) passes through.
const commandContext = new AsyncLocalStorage<true>()

/**
 * Runs `scrutineer ARGS` in this process with `env` added to process.env for its duration (NODE_ENV=test as well),
 * as a spawned command would see them. Text the command writes to stdout or stderr is captured; bytes (the test
 * runner's own reports to its parent) and writes made outside the command pass through. An error the command
 * throws is, as in its own process, exit code 1 with the error on stderr. Never rejects.
 */
export async function scrutineerInProcess(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CommandResult> {
  const release = await turn.lock()
  const { main } = await import('../src/cli/main.ts')
  const captured = { stdout: '', stderr: '' }
  const writes = {
    stdout: process.stdout.write.bind(process.stdout),
    stderr: process.stderr.write.bind(process.stderr),
  }
  const capture =
    (stream: 'stdout' | 'stderr'): Write =>
    (chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'string' || commandContext.getStore() !== true) {
        return (writes[stream] as (...a: unknown[]) => boolean)(chunk, ...rest)
      }
      captured[stream] += chunk
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined
      if (callback !== undefined) queueMicrotask(callback)
      return true
    }
  const saved = { ...process.env }
  Object.assign(process.env, { NODE_ENV: 'test', ...env })
  const exitCode = process.exitCode
  process.stdout.write = capture('stdout')
  process.stderr.write = capture('stderr')
  let code: number
  try {
    code = await commandContext.run(true, () => main([...args]))
  } catch (error) {
    captured.stderr += `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    code = 1
  } finally {
    process.stdout.write = writes.stdout
    process.stderr.write = writes.stderr
    process.exitCode = exitCode
    for (const key of Object.keys(process.env)) if (!(key in saved)) Reflect.deleteProperty(process.env, key)
    Object.assign(process.env, saved)
    release()
  }
  return { code, ...captured }
}
