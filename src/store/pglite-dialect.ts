/**
 * A kysely dialect for the embedded PGlite database. PGlite has a single connection, so every kysely connection
 * (and every transaction) takes a mutex for its whole life: without it, interleaved queries from concurrent
 * requests would run inside each other's transactions — the failure that makes `kysely-pglite` lose rows.
 * The database server for local commands (database-server.ts) takes the same mutex, so their turns and the web's
 * never overlap either.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { performance } from 'node:perf_hooks'
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely'
import type { EmbeddedDatabase } from './embedded-database.ts'

const background = new AsyncLocalStorage<true>()

/**
 * Runs `work` as background work (a job): on the embedded database its statements give way to the web's, so a
 * page asked for during a long import waits for one statement of it at most, not for the import.
 */
export function asBackgroundWork<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work)
}

export interface MutexOptions {
  /** After an interactive holder lets go, background work waits this long for the next interactive query. */
  quietMs?: number
  /** …but never longer than this in all, so a busy site still lets its jobs move. */
  backgroundMaxWaitMs?: number
  now?: () => number
}

interface Waiter {
  since: number
  grant: () => void
}

/**
 * The database's one turn. Interactive holders (web requests, local commands) are served first come, first
 * served. Background holders (jobs, see `asBackgroundWork`) are served only when no interactive holder waits and
 * none has let go in the last `quietMs` (a page asks for its data in several queries, with a little work between),
 * unless one has waited `backgroundMaxWaitMs`.
 */
export class Mutex {
  private held = false
  private lastInteractiveRelease = Number.NEGATIVE_INFINITY
  private readonly interactive: Waiter[] = []
  private readonly background: Waiter[] = []
  private timer: NodeJS.Timeout | null = null
  private readonly quietMs: number
  private readonly backgroundMaxWaitMs: number
  private readonly now: () => number

  constructor(options: MutexOptions = {}) {
    this.quietMs = options.quietMs ?? 15
    this.backgroundMaxWaitMs = options.backgroundMaxWaitMs ?? 500
    this.now = options.now ?? (() => performance.now())
  }

  /** Resolves with the function that gives the turn back. Background if called inside `asBackgroundWork`. */
  lock(): Promise<() => void> {
    const isBackground = background.getStore() === true
    return new Promise((resolve) => {
      const waiter: Waiter = {
        since: this.now(),
        grant: () => {
          this.held = true
          let released = false
          resolve(() => {
            if (released) return
            released = true
            this.held = false
            if (!isBackground) this.lastInteractiveRelease = this.now()
            this.handOn()
          })
        },
      }
      ;(isBackground ? this.background : this.interactive).push(waiter)
      if (!this.held) this.handOn()
    })
  }

  private handOn(): void {
    if (this.held) return
    if (this.timer !== null) {
      clearTimeout(this.timer)
      this.timer = null
    }
    const waiting = this.background[0]
    const now = this.now()
    const starving = waiting !== undefined && now - waiting.since >= this.backgroundMaxWaitMs
    const next = starving ? undefined : this.interactive.shift()
    if (next !== undefined) {
      next.grant()
      return
    }
    if (waiting === undefined) return
    const quietFor = now - this.lastInteractiveRelease
    if (starving || quietFor >= this.quietMs) {
      this.background.shift()
      waiting.grant()
      return
    }
    // Wait for the quiet gap (or the longest wait) to end, unless an interactive holder comes first.
    const wait = Math.min(this.quietMs - quietFor, this.backgroundMaxWaitMs - (now - waiting.since))
    this.timer = setTimeout(
      () => {
        this.timer = null
        this.handOn()
      },
      Math.max(1, wait),
    )
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(
    private readonly pglite: EmbeddedDatabase,
    readonly release: () => void,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query(compiledQuery.sql, compiledQuery.parameters)
    // kysely's own contract: the caller says what the rows are.
    const rows = result.rows as R[]
    if (result.affectedRows === null) return { rows }
    return { rows, numAffectedRows: BigInt(result.affectedRows) }
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The embedded database does not support streaming queries.')
  }
}

class PGliteDriver implements Driver {
  constructor(
    private readonly pglite: EmbeddedDatabase,
    private readonly mutex: Mutex,
  ) {}

  async init(): Promise<void> {
    // openEmbeddedDatabase resolves once PGlite is ready.
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.lock()
    return new PGliteConnection(this.pglite, release)
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof PGliteConnection) connection.release()
    return Promise.resolve()
  }

  async destroy(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close()
  }
}

export class PGliteDialect implements Dialect {
  /** `mutex` is the database's one turn to use it: pass the one the database server shares, if any. */
  constructor(
    private readonly pglite: EmbeddedDatabase,
    private readonly mutex: Mutex = new Mutex(),
  ) {}

  createAdapter() {
    return new PostgresAdapter()
  }

  createDriver(): Driver {
    return new PGliteDriver(this.pglite, this.mutex)
  }

  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db)
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler()
  }
}
