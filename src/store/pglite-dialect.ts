/**
 * A kysely dialect for the embedded PGlite database. PGlite has a single connection, so every kysely connection
 * (and every transaction) takes a mutex for its whole life: without it, interleaved queries from concurrent
 * requests would run inside each other's transactions — the failure that makes `kysely-pglite` lose rows.
 * The database server for local commands (database-server.ts) takes the same mutex, so their turns and the web's
 * never overlap either.
 */
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

/** First come, first served: `lock()` resolves once every earlier holder has released. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve()

  async lock(): Promise<() => void> {
    let release: () => void = () => undefined
    const next = new Promise<void>((resolve) => {
      release = resolve
    })
    const previous = this.tail
    this.tail = previous.then(() => next)
    await previous
    return release
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
