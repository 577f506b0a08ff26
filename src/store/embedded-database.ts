/**
 * The embedded PGlite database, run in a worker thread. PGlite is PostgreSQL compiled to WebAssembly: a statement
 * runs to its end on the thread that called it. On the main thread, every statement of a long import (a million
 * Annex A rows is a minute of inserts) stopped the web server answering anyone; in a worker, the main thread keeps
 * serving pages (and rendering them) while the database works, and only waits its turn for the database itself.
 *
 * This is the one way the rest of the store reaches PGlite: the kysely dialect (pglite-dialect.ts) and the
 * server for local commands (database-server.ts) both take an `EmbeddedDatabase`.
 */
import { setFlagsFromString } from 'node:v8'
import { Worker } from 'node:worker_threads'

/**
 * PGlite's WebAssembly is compiled by V8's baseline compiler only (Liftoff), never again by its optimising one:
 * optimised copies of PostgreSQL's hot functions took about 60 MB more memory at start-up and about 180 MB after
 * a million-row import and its drill-downs, and compiling them took CPU the import needed, while the pages, imports
 * and drill-downs measured no slower (docs/adr/0005). Set before the first worker compiles PGlite; the flag is the
 * process's, and PGlite is its only WebAssembly.
 */
function baselineWebAssembly(): void {
  setFlagsFromString('--liftoff-only')
}

export interface EmbeddedDatabase {
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: unknown[]; affectedRows: number | null }>
  exec(sql: string): Promise<void>
  /** One message of PostgreSQL's wire protocol in, PGlite's reply out (the server for local commands). */
  execProtocolRaw(message: Uint8Array): Promise<Uint8Array>
  isInTransaction(): Promise<boolean>
  /** The whole database folder as PGlite's gzipped tar (a backup). */
  dumpDataDir(): Promise<Uint8Array>
  close(): Promise<void>
  readonly closed: boolean
}

/** A request to the worker (embedded-database-worker.ts). */
export type EmbeddedRequest = { id: number } & (
  | { op: 'query'; sql: string; params: unknown[] }
  | { op: 'exec'; sql: string }
  | { op: 'protocol'; message: Uint8Array }
  | { op: 'in-transaction' }
  | { op: 'dump' }
  | { op: 'close' }
)

/** What the worker answers a request with. */
export type EmbeddedValue = { rows: unknown[]; affectedRows: number | null } | Uint8Array | boolean | null

export type EmbeddedReply =
  | { id: number; ok: true; value: EmbeddedValue }
  | { id: number; ok: false; error: { message: string; fields: Record<string, unknown> } }

export type WorkerStarted = { started: true } | { started: false; error: string }

/** Opens a database in a worker that has none open (a new worker, or an idle one whose database was closed). */
export interface OpenRequest {
  op: 'open'
  dataDir: string | null
  loadDataDir: Uint8Array | null
}

/**
 * Workers whose database was closed, kept to open the next one: a new worker costs about a third of a second of CPU
 * (a thread, tsx in it when run as TypeScript, PGlite's code loaded), which a process opening many databases —
 * the test suites open hundreds, a backup's check opens a second — need pay only once. Idle workers never keep the
 * process alive.
 */
const idleWorkers: Worker[] = []
const IDLE_WORKERS_KEPT = 2

/** An idle worker leaving the pool (taken, or ended) stops being watched as idle. */
function watchIdle(worker: Worker): void {
  const gone = () => {
    const at = idleWorkers.indexOf(worker)
    if (at >= 0) idleWorkers.splice(at, 1)
  }
  worker.once('exit', gone)
  // An idle worker has nothing to report; an error event with no listener would end this process.
  worker.once('error', gone)
}

function takeWorker(): Worker {
  const idle = idleWorkers.pop()
  if (idle !== undefined) {
    idle.removeAllListeners('exit').removeAllListeners('error')
    return idle
  }
  baselineWebAssembly()
  return new Worker(workerEntry(), { execArgv: [] })
}

/** A request before it is given its id (Omit over each member of the union, not the union's common keys). */
type RequestBody = EmbeddedRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void }

/** An error from the database, with PostgreSQL's fields (`code`, `detail`, …) as PGlite gave them. */
function databaseError(error: { message: string; fields: Record<string, unknown> }): Error {
  return Object.assign(new Error(error.message), error.fields)
}

/** The error every request gets once the worker has gone: the database is broken for this process. */
function workerStopped(message: string): Error {
  return Object.assign(new Error(message), { name: EMBEDDED_DATABASE_STOPPED })
}

/** The name of the error a request gets when PGlite's worker has stopped (database-faults.ts: broken). */
export const EMBEDDED_DATABASE_STOPPED = 'EmbeddedDatabaseStopped'

/**
 * What the worker thread runs. Compiled (dist/, `npm start`), this module is JavaScript and so is the worker beside
 * it. Run as TypeScript, the worker is TypeScript too: it registers tsx before loading it, however this process
 * loaded tsx (`--import tsx`, or the CLI's register()); Node 20 does not apply a loader given in a worker's execArgv
 * to its entry.
 */
function workerEntry(): URL {
  if (import.meta.url.endsWith('.js')) return new URL('./embedded-database-worker.js', import.meta.url)
  const bootstrap =
    `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register(); ` +
    `await import(${JSON.stringify(new URL('./embedded-database-worker.ts', import.meta.url).href)});`
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`)
}

/**
 * Starts PGlite on `dataDir` (null: in memory) in a worker thread. Rejects with PGlite's own message if it cannot
 * open the folder. `loadDataDir` (a `dumpDataDir` tar) starts an empty database as a copy of that one instead of
 * running initdb: the tests start every database from one already migrated (test/databases.ts).
 */
export async function openEmbeddedDatabase(
  dataDir: string | null,
  options: { loadDataDir?: Uint8Array } = {},
): Promise<EmbeddedDatabase> {
  const worker = takeWorker()
  const pending = new Map<number, Pending>()
  let nextId = 1
  let closed = false
  let failure: Error | null = null

  // The worker keeps this process alive only while it owes an answer, as PGlite on the main thread never did.
  worker.unref()
  const settle = (id: number) => {
    const waiting = pending.get(id)
    pending.delete(id)
    if (pending.size === 0) worker.unref()
    return waiting
  }
  const stopped = (error: Error) => {
    closed = true
    failure ??= error
    for (const [id, waiting] of pending) {
      pending.delete(id)
      waiting.reject(error)
    }
    worker.unref()
  }

  try {
    await new Promise<void>((resolve, reject) => {
      worker.ref()
      const onStart = (message: WorkerStarted) => {
        worker.off('error', onError)
        worker.unref()
        if (message.started) resolve()
        else reject(new Error(message.error))
      }
      const onError = (error: Error) => {
        worker.off('message', onStart)
        reject(error)
      }
      worker.once('message', onStart)
      worker.once('error', onError)
      worker.postMessage({
        op: 'open',
        dataDir,
        loadDataDir: options.loadDataDir ?? null,
      } satisfies OpenRequest)
    })
  } catch (error) {
    // A worker that could not open a database is not given another.
    await worker.terminate()
    throw error
  }

  const onReply = (reply: EmbeddedReply) => {
    const waiting = settle(reply.id)
    if (waiting === undefined) return
    if (reply.ok) waiting.resolve(reply.value)
    else waiting.reject(databaseError(reply.error))
  }
  // PGlite aborting (a PANIC, such as a full disk) ends the worker: every request waiting is told, in words.
  const onError = (error: Error) => stopped(workerStopped(`The embedded database stopped: ${error.message}`))
  const onExit = (code: number) => stopped(workerStopped(`The embedded database stopped (worker exit code ${code}).`))
  worker.on('message', onReply)
  worker.on('error', onError)
  worker.on('exit', onExit)

  function request<T>(body: RequestBody): Promise<T> {
    if (closed) return Promise.reject(failure ?? new Error('The embedded database is closed.'))
    const id = nextId++
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.ref()
      worker.postMessage({ ...body, id })
    })
  }

  return {
    query: (sql: string, params: readonly unknown[] = []) =>
      request<{ rows: unknown[]; affectedRows: number | null }>({ op: 'query', sql, params: [...params] }),
    exec: (sql) => request<null>({ op: 'exec', sql }).then(() => undefined),
    execProtocolRaw: (message) => request<Uint8Array>({ op: 'protocol', message }),
    isInTransaction: () => request<boolean>({ op: 'in-transaction' }),
    dumpDataDir: () => request<Uint8Array>({ op: 'dump' }),
    async close() {
      if (closed) return
      await request<null>({ op: 'close' })
      closed = true
      worker.off('message', onReply).off('error', onError).off('exit', onExit)
      if (failure === null && idleWorkers.length < IDLE_WORKERS_KEPT) {
        worker.unref()
        watchIdle(worker)
        idleWorkers.push(worker)
      } else {
        await worker.terminate()
      }
    },
    get closed() {
      return closed
    },
  }
}
