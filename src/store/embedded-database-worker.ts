/**
 * The embedded PGlite database, in a worker thread of its own (see embedded-database.ts for why). It answers one
 * request at a time, in the order they come: PGlite has one session, and the main thread's mutex already decides
 * whose turn it is. Once its database is closed, the worker may be given another to open (embedded-database.ts
 * keeps a few idle workers for that): PGlite's code stays loaded, each database is a new PGlite.
 */
import { parentPort } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import type { EmbeddedReply, EmbeddedRequest, EmbeddedValue, OpenRequest, WorkerStarted } from './embedded-database.ts'
import { typeParsers } from './type-parsers.ts'

if (parentPort === null) throw new Error('embedded-database-worker.ts runs only as a worker thread.')
const port = parentPort

/** What the main thread needs of an error to show it as the database's: its message and PostgreSQL's fields. */
function describe(error: unknown): { message: string; fields: Record<string, unknown> } {
  if (!(error instanceof Error)) return { message: String(error), fields: {} }
  // The name too: a WebAssembly abort is a RuntimeError, which the server treats as the database broken.
  const fields: Record<string, unknown> = { name: error.name }
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value
  }
  return { message: error.message, fields }
}

/**
 * PostgreSQL's shared buffers live in PGlite's WebAssembly memory, which is touched when the database starts and is
 * never given back. PostgreSQL's default of 128 MB made an idle server hold ~300 MB for PGlite alone; 16 MB holds
 * the pages the pack and the officer pages read (the operating system's file cache keeps the rest of the folder).
 * See docs/operations.md, "Start-up and memory".
 */
const MEMORY_SETTINGS = ['-c', 'shared_buffers=16MB']

let pglite: PGlite | null = null

/**
 * The tar as the Blob PGlite asks for, without copying it into one: PGlite only reads it whole (`arrayBuffer()`),
 * and Node's Blob reads it back in 64 KB pieces and joins them, a tenth of opening a test's database.
 */
class Tarball extends Blob {
  readonly #bytes: ArrayBuffer

  constructor(bytes: Uint8Array) {
    super([], { type: 'application/x-tar' })
    // The bytes arrive from the main thread in a buffer of their own: a copy only if they are part of a larger one.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    this.#bytes = (
      whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
    ) as ArrayBuffer
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes)
  }
}

/** Opens a database in this worker; a failure is told to the main thread, which then ends the worker. */
async function open(request: OpenRequest): Promise<void> {
  try {
    pglite = await PGlite.create({
      ...(request.dataDir === null ? {} : { dataDir: request.dataDir }),
      ...(request.loadDataDir === null ? {} : { loadDataDir: new Tarball(request.loadDataDir) }),
      parsers: typeParsers,
      startParams: [...PGlite.defaultStartParams, ...MEMORY_SETTINGS],
    })
    await pglite.exec("set time zone 'UTC'")
    port.postMessage({ started: true } satisfies WorkerStarted)
  } catch (error) {
    port.postMessage({ started: false, error: describe(error).message } satisfies WorkerStarted)
  }
}

async function answer(request: EmbeddedRequest): Promise<EmbeddedValue> {
  if (pglite === null) throw new Error('The embedded database is not open.')
  switch (request.op) {
    case 'query': {
      const result = await pglite.query(request.sql, request.params)
      return { rows: result.rows, affectedRows: result.affectedRows ?? null }
    }
    case 'exec':
      await pglite.exec(request.sql)
      return null
    case 'protocol':
      return await pglite.execProtocolRaw(request.message)
    case 'in-transaction':
      return pglite.isInTransaction()
    case 'dump':
      return new Uint8Array(await (await pglite.dumpDataDir('gzip')).arrayBuffer())
    case 'close':
      if (!pglite.closed) await pglite.close()
      pglite = null
      return null
  }
}

let queue: Promise<void> = Promise.resolve()
port.on('message', (request: EmbeddedRequest | OpenRequest) => {
  queue = queue.then(async () => {
    if (request.op === 'open') return open(request)
    try {
      const value = await answer(request)
      port.postMessage({ id: request.id, ok: true, value } satisfies EmbeddedReply)
    } catch (error) {
      port.postMessage({ id: request.id, ok: false, error: describe(error) } satisfies EmbeddedReply)
    }
  })
})
