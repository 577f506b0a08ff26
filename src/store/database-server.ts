/**
 * Serves the embedded database to Scrutineer's own commands on this machine while `scrutineer serve` runs, so
 * `scrutineer users add` or `scrutineer import values` work in a second terminal. It speaks the PostgreSQL wire
 * protocol on a Unix socket inside the data folder (a folder only this user may open, a socket only this user may
 * use), never on a network port; commands connect with `pg` (connect.ts).
 *
 * PGlite has one session. The web server's kysely dialect takes a mutex for each connection's whole life (one
 * query, or one transaction); a command takes the same mutex for each of its turns: from its first message until
 * PGlite answers ReadyForQuery outside a transaction (one statement, or a whole BEGIN … COMMIT). So a command's
 * transaction never swallows a web query, and a web transaction never sees a command's statement in the middle.
 * Turns are first come, first served, so neither side can shut the other out between turns. A command that holds
 * its turn without sending anything for `idleTimeoutMs` (a transaction left open, a process stuck or paused) is
 * rolled back and disconnected, like PostgreSQL's idle_in_transaction_session_timeout: the web waits at most
 * that long for a command that has stopped.
 *
 * Not `@electric-sql/pglite-socket`: its releases pin an exact older PGlite (and seven extensions) as peers, and
 * its queue does not share the dialect's mutex, so a web transaction could still take in a command's statements.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EmbeddedDatabase } from './embedded-database.ts'
import type { Mutex } from './pglite-dialect.ts'

/** PostgreSQL's own name for a server's socket, so `pg` (and `psql -h FOLDER`) find it given its folder. */
export const SOCKET_PORT = 5432
export const SOCKET_NAME = `.s.PGSQL.${SOCKET_PORT}`

/** How long a command may hold the database without using it before it is rolled back and disconnected. */
export const IDLE_TIMEOUT_MS = 60_000

// The longest path a Unix socket may have, less a margin (Linux allows 107 bytes, macOS 103).
const MAX_SOCKET_PATH = 100

const PROTOCOL_3 = 196608
const SSL_REQUEST = 80877103
const GSS_REQUEST = 80877104
const READY_FOR_QUERY = 'Z'.charCodeAt(0)
const TERMINATE = 'X'.charCodeAt(0)
// The messages a client sends once started (query, parse, bind, execute, describe, close, flush, sync, function
// call, copy data, done and fail). Anything else is not passed on: a protocol violation is FATAL to PostgreSQL,
// and PGlite's one session is the web's too.
const CLIENT_MESSAGES = new Set(Array.from('QPBEDCHSFdcf', (c) => c.charCodeAt(0)))
const SYNC = Buffer.from([0x53, 0, 0, 0, 4])
// Larger than any message a command sends; a bigger length means the bytes are not the protocol.
const MAX_MESSAGE = 1 << 30

export interface DatabaseServer {
  /** The socket commands connect to. */
  socketPath: string
  /** How many commands are waiting for their turn (for tests). */
  readonly waiting: number
  /** Stops listening, rolls back and disconnects every command, and removes the socket. */
  close: () => Promise<void>
}

export interface DatabaseServerOptions {
  idleTimeoutMs?: number
}

/** Where the socket goes: `FOLDER/socket/.s.PGSQL.5432`, or a private temporary folder if that path is too long. */
function socketFolder(dataDir: string): { folder: string; temporary: boolean } {
  const folder = join(dataDir, 'socket')
  if (Buffer.byteLength(join(folder, SOCKET_NAME)) > MAX_SOCKET_PATH) {
    // mkdtemp makes the folder 0700.
    return { folder: mkdtempSync(join(tmpdir(), 'scrutineer-')), temporary: true }
  }
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  // An existing folder keeps its mode: make sure nobody else can reach the socket through it.
  chmodSync(folder, 0o700)
  return { folder, temporary: false }
}

/** The transaction status of PGlite's last ReadyForQuery if `reply` ends with one, else null (more to come). */
function readyStatus(reply: Uint8Array): string | null {
  let at = 0
  let status: string | null = null
  while (at + 5 <= reply.length) {
    const type = reply[at] ?? 0
    const length = Buffer.from(reply.buffer, reply.byteOffset + at + 1, 4).readInt32BE(0)
    if (length < 4) return null
    status = type === READY_FOR_QUERY ? String.fromCharCode(reply[at + 5] ?? 0) : null
    at += 1 + length
  }
  return status
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5)
  header.write(type, 0)
  header.writeInt32BE(4 + body.length, 1)
  return Buffer.concat([header, body])
}

/**
 * What PostgreSQL answers a startup packet with: authentication done, the session's settings (as `pg` and
 * `psql` expect to be told them), a key for cancel requests, and ready for a query.
 */
async function greetingFor(pglite: EmbeddedDatabase, turn: Mutex): Promise<Buffer> {
  const release = await turn.lock()
  let settings: { name: string; setting: string }[]
  try {
    settings = (
      await pglite.query(
        `select name, setting from pg_settings where name in ('server_version', 'server_encoding',
           'client_encoding', 'DateStyle', 'IntervalStyle', 'TimeZone', 'integer_datetimes',
           'standard_conforming_strings')`,
      )
    ).rows as { name: string; setting: string }[]
  } finally {
    release()
  }
  const key = Buffer.alloc(8)
  key.writeInt32BE(process.pid, 0)
  return Buffer.concat([
    message('R', Buffer.alloc(4)),
    ...settings.map((s) => message('S', Buffer.from(`${s.name}\0${s.setting}\0`, 'utf8'))),
    message('K', key),
    message('Z', Buffer.from('I')),
  ])
}

/** A FATAL ErrorResponse, so `pg` shows the command a sentence rather than "connection terminated". */
function fatal(code: string, text: string): Buffer {
  const fields = [
    ['S', 'FATAL'],
    ['V', 'FATAL'],
    ['C', code],
    ['M', text],
  ].map(([field, value]) => Buffer.from(`${field}${value}\0`, 'utf8'))
  return message('E', Buffer.concat([...fields, Buffer.from([0])]))
}

/** One command's connection. Its messages are handled one at a time, in order. */
class Session {
  private buffer = Buffer.alloc(0)
  private started = false
  private closed = false
  private release: (() => void) | null = null
  private idleTimer: NodeJS.Timeout | null = null
  private work: Promise<void> = Promise.resolve()
  waitingForTurn = false

  constructor(
    private readonly socket: Socket,
    private readonly pglite: EmbeddedDatabase,
    private readonly turn: Mutex,
    private readonly idleTimeoutMs: number,
    private readonly greeting: Buffer,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.stopIdleTimer()
      this.buffer = Buffer.concat([this.buffer, chunk])
      this.work = this.work.then(() => this.handle())
    })
    socket.on('error', () => this.end())
    socket.on('close', () => this.end())
  }

  hasEnded(): boolean {
    return this.closed
  }

  /** Resolves once the session has ended and given back its turn. */
  get finished(): Promise<void> {
    return this.work
  }

  /** Ends the session: whatever it holds open is rolled back and its turn handed on. */
  end(reason?: Buffer): void {
    if (this.closed) return
    this.closed = true
    this.stopIdleTimer()
    if (reason !== undefined && this.socket.writable) this.socket.end(reason)
    else this.socket.destroy()
    this.work = this.work.then(() => this.giveBackTurn())
  }

  private async handle(): Promise<void> {
    try {
      for (let message = this.nextMessage(); message !== null; message = this.nextMessage()) {
        if (this.closed) return
        if (!this.started) {
          this.start(message)
          continue
        }
        if (message[0] === TERMINATE || !CLIENT_MESSAGES.has(message[0] ?? 0)) {
          this.end()
          return
        }
        if (this.release === null) {
          this.waitingForTurn = true
          this.release = await this.turn.lock()
          this.waitingForTurn = false
          // The command may have gone while it waited.
          if (this.hasEnded()) return
        }
        const reply = await this.pglite.execProtocolRaw(message)
        if (reply.length > 0 && this.socket.writable) this.socket.write(Buffer.from(reply))
        // ReadyForQuery outside a transaction ends the turn; in a transaction ('T', or 'E' after an error) or in
        // the middle of an extended-protocol exchange (no ReadyForQuery yet), the command keeps it.
        if (readyStatus(reply) === 'I') this.handBack()
      }
      if (this.release !== null && !this.closed) this.startIdleTimer()
    } catch {
      // A message PGlite cannot take (or a socket gone mid-write): this command's session is over.
      this.end()
    }
  }

  /** The next complete message, or null until more bytes arrive. */
  private nextMessage(): Buffer | null {
    // The startup packet and its kin have no type byte; every later message has one.
    const header = this.started ? 1 : 0
    if (this.buffer.length < header + 4) return null
    const length = this.buffer.readInt32BE(header)
    if (length < 4 || length > MAX_MESSAGE) {
      this.end()
      return null
    }
    if (this.buffer.length < header + length) return null
    const message = this.buffer.subarray(0, header + length)
    this.buffer = this.buffer.subarray(header + length)
    return message
  }

  /**
   * Answers the messages before and including the startup packet without PGlite: its one session is already
   * running, and a startup packet naming a role it lacks makes the whole embedded database exit.
   */
  private start(message: Buffer): void {
    const code = message.length >= 8 ? message.readInt32BE(4) : 0
    if (code === SSL_REQUEST || code === GSS_REQUEST) {
      // "N": no encryption; a Unix socket never leaves the machine.
      this.socket.write('N')
    } else if (code === PROTOCOL_3) {
      this.started = true
      this.socket.write(this.greeting)
    } else {
      // A cancel request (PGlite runs every statement to its end) or not the protocol this server speaks.
      this.end()
    }
  }

  private handBack(): void {
    const release = this.release
    this.release = null
    release?.()
  }

  private async giveBackTurn(): Promise<void> {
    if (this.release === null) return
    try {
      // A Sync ends any half-finished extended-protocol exchange (after an error PGlite ignores all else until
      // one arrives); then whatever the command left open is rolled back, so the web never inherits it.
      await this.pglite.execProtocolRaw(SYNC)
      if (await this.pglite.isInTransaction()) await this.pglite.exec('rollback')
    } catch {
      // The database is closing; nothing to roll back into.
    } finally {
      this.handBack()
    }
  }

  private startIdleTimer(): void {
    this.stopIdleTimer()
    this.idleTimer = setTimeout(() => {
      this.end(
        fatal(
          '25P03',
          `The running Scrutineer ended this command's use of the database: it held the database for ` +
            `${this.idleTimeoutMs / 1000} seconds without using it, which kept the web pages waiting. ` +
            'Nothing it had not committed was kept; run the command again.',
        ),
      )
    }, this.idleTimeoutMs)
    this.idleTimer.unref()
  }

  private stopIdleTimer(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer)
    this.idleTimer = null
  }
}

/**
 * Starts serving `pglite` (the database in `dataDir`, which the caller has claimed) to local commands. `turn` is
 * the mutex the web server's kysely dialect uses.
 */
export async function serveDatabase(
  pglite: EmbeddedDatabase,
  turn: Mutex,
  dataDir: string,
  options: DatabaseServerOptions = {},
): Promise<DatabaseServer> {
  const idleTimeoutMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS
  const { folder, temporary } = socketFolder(dataDir)
  const socketPath = join(folder, SOCKET_NAME)
  // A socket left by a server that was killed; the caller holds the folder's lock, so it is not anyone's now.
  rmSync(socketPath, { force: true })
  const greeting = await greetingFor(pglite, turn)
  const sessions = new Set<Session>()
  const server: Server = createServer((socket) => {
    const session = new Session(socket, pglite, turn, idleTimeoutMs, greeting)
    sessions.add(session)
    socket.on('close', () => void session.finished.then(() => sessions.delete(session)))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(socketPath, () => {
      server.off('error', reject)
      resolve()
    })
  })
  chmodSync(socketPath, 0o600)
  return {
    socketPath,
    get waiting() {
      return [...sessions].filter((s) => s.waitingForTurn).length
    },
    close: async () => {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const session of sessions) session.end()
      await Promise.all([...sessions].map((s) => s.finished))
      await closing
      rmSync(temporary ? folder : socketPath, { recursive: true, force: true })
    },
  }
}
