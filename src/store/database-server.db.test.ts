import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, afterEach, before, beforeEach, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { Kysely } from 'kysely'
import pg from 'pg'
import { openEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.ts'
import { serveDatabase, SOCKET_PORT, type DatabaseServer } from './database-server.ts'
import { Mutex, PGliteDialect } from './pglite-dialect.ts'

interface Tables {
  note: { side: string; text: string }
}

/** Waits (without asserting on time) until `ready()` holds. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await sleep(5)
}

describe('serving the embedded database to local commands', () => {
  // One PGlite for the whole file (starting one is slow); each test empties the table.
  let pglite: EmbeddedDatabase
  let turn: Mutex
  /** The web server's side: kysely over the dialect, sharing `turn` with the database server. */
  let web: Kysely<Tables>
  let server: DatabaseServer
  const folders: string[] = []
  let clients: pg.Client[] = []

  function folder(): string {
    const made = mkdtempSync(join(tmpdir(), 'scrutineer-socket-'))
    folders.push(made)
    return made
  }

  /** A command's connection, as `pg` makes it from the socket's folder. */
  async function command(on: DatabaseServer = server): Promise<pg.Client> {
    const client = new pg.Client({ host: dirname(on.socketPath), port: SOCKET_PORT, user: 'scrutineer' })
    await client.connect()
    clients.push(client)
    return client
  }

  async function notes(): Promise<string[]> {
    const rows = await web.selectFrom('note').select(['side', 'text']).orderBy('side').orderBy('text').execute()
    return rows.map((n) => `${n.side}:${n.text}`)
  }

  before(async () => {
    pglite = await openEmbeddedDatabase(null)
    await pglite.exec('create table note (side text not null, text text not null)')
    turn = new Mutex()
    web = new Kysely<Tables>({ dialect: new PGliteDialect(pglite, turn) })
    server = await serveDatabase(pglite, turn, folder())
  })
  beforeEach(async () => {
    await web.deleteFrom('note').execute()
  })
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)))
    clients = []
  })
  after(async () => {
    await server.close()
    await web.destroy()
    for (const made of folders) rmSync(made, { recursive: true, force: true })
  })

  it("holds the database through a command's transaction: a web write waits, and survives its rollback", async () => {
    const cli = await command()
    await cli.query('begin')
    await cli.query("insert into note values ('cli', 'rolled back')")
    let webDone = false
    const webWrite = web
      .insertInto('note')
      .values({ side: 'web', text: 'kept' })
      .execute()
      .then(() => {
        webDone = true
      })
    // Inside its transaction the command sees only its own row: the web's insert has not run in the middle of it.
    const seen = await cli.query<{ text: string }>('select text from note order by text')
    assert.deepEqual(
      seen.rows.map((r) => r.text),
      ['rolled back'],
    )
    assert.equal(webDone, false, 'the web wrote while a command held a transaction open')
    await cli.query('rollback')
    await webWrite
    assert.deepEqual(await notes(), ['web:kept'])
  })

  it("never lets a command's statement into a web transaction: the command waits for its turn", async () => {
    const cli = await command()
    let commandWrite: Promise<unknown> = Promise.resolve()
    await assert.rejects(
      web.transaction().execute(async (trx) => {
        await trx.insertInto('note').values({ side: 'web', text: 'rolled back' }).execute()
        commandWrite = cli.query("insert into note values ('cli', 'kept')")
        await until(() => server.waiting === 1)
        const seen = await trx.selectFrom('note').select('text').execute()
        assert.deepEqual(
          seen.map((n) => n.text),
          ['rolled back'],
        )
        throw new Error('roll back')
      }),
      /roll back/,
    )
    await commandWrite
    assert.deepEqual(await notes(), ['cli:kept'])
  })

  it('commits every write when the web and several commands write at once, each transaction whole', async () => {
    const commands = await Promise.all([command(), command(), command()])
    const writes: Promise<unknown>[] = []
    for (let i = 0; i < 20; i++) {
      writes.push(
        web.transaction().execute(async (trx) => {
          await trx
            .insertInto('note')
            .values({ side: 'web', text: `${i}a` })
            .execute()
          await trx
            .insertInto('note')
            .values({ side: 'web', text: `${i}b` })
            .execute()
        }),
      )
      const cli = commands[i % commands.length] as pg.Client
      writes.push(
        (async () => {
          await cli.query('begin')
          await cli.query('insert into note values ($1, $2)', ['cli', `${i}a`])
          await cli.query('insert into note values ($1, $2)', ['cli', `${i}b`])
          await cli.query('commit')
        })(),
      )
    }
    await Promise.all(writes)
    const all = await notes()
    assert.equal(all.length, 80)
    for (let i = 0; i < 20; i++) {
      for (const side of ['web', 'cli']) {
        assert.ok(all.includes(`${side}:${i}a`) && all.includes(`${side}:${i}b`), `${side} ${i}`)
      }
    }
  })

  it('keeps the turn through a failed statement in a transaction until the command rolls back', async () => {
    const cli = await command()
    await cli.query('begin')
    await cli.query("insert into note values ('cli', 'rolled back')")
    await assert.rejects(cli.query('select * from no_such_table'), /no_such_table/)
    let webDone = false
    const webWrite = web
      .insertInto('note')
      .values({ side: 'web', text: 'kept' })
      .execute()
      .then(() => {
        webDone = true
      })
    await assert.rejects(cli.query('select 1'), /current transaction is aborted/)
    assert.equal(webDone, false)
    await cli.query('rollback')
    await webWrite
    assert.deepEqual(await notes(), ['web:kept'])
  })

  it('rolls back what a command left open when it disconnects, and hands the turn on', async () => {
    const cli = await command()
    await cli.query('begin')
    await cli.query("insert into note values ('cli', 'left open')")
    const webWrite = web.insertInto('note').values({ side: 'web', text: 'kept' }).execute()
    await cli.end()
    await webWrite
    assert.deepEqual(await notes(), ['web:kept'])
    // The next command starts afresh, outside any transaction.
    const next = await command()
    await next.query("insert into note values ('cli', 'next')")
    assert.deepEqual(await notes(), ['cli:next', 'web:kept'])
  })

  it('rolls back and disconnects, with a reason, a command that holds the database without using it', async () => {
    const impatient = await serveDatabase(pglite, turn, folder(), { idleTimeoutMs: 50 })
    try {
      const cli = await command(impatient)
      // pg reports the server's reason, then the connection closing.
      const errors: Error[] = []
      cli.on('error', (error) => errors.push(error))
      // One message, so the command's first pause is the one after it.
      await cli.query("begin; insert into note values ('cli', 'abandoned')")
      await web.insertInto('note').values({ side: 'web', text: 'kept' }).execute()
      await until(() => errors.length > 0)
      assert.match(errors[0]?.message ?? '', /held the database for 0.05 seconds without using it/)
      assert.deepEqual(await notes(), ['web:kept'])
    } finally {
      await impatient.close()
    }
  })

  it('greets any user name without handing it to PGlite, which would stop on a role it lacks', async () => {
    const cli = new pg.Client({ host: dirname(server.socketPath), port: SOCKET_PORT, user: 'nobody-here' })
    clients.push(cli)
    await cli.connect()
    assert.deepEqual((await cli.query('select 1 as one')).rows, [{ one: 1 }])
    assert.deepEqual(await notes(), [])
  })

  it('makes the socket and its folder reachable by this user only', () => {
    assert.equal(server.socketPath, join(folders[0] ?? '', 'socket', '.s.PGSQL.5432'))
    assert.equal(statSync(server.socketPath).mode & 0o777, 0o600)
    assert.equal(statSync(dirname(server.socketPath)).mode & 0o777, 0o700)
  })

  it('disconnects the commands and removes the socket when it stops', async () => {
    const stopping = await serveDatabase(pglite, turn, folder())
    const cli = await command(stopping)
    const ended = new Promise((resolve) => cli.once('end', resolve))
    cli.on('error', () => undefined)
    await stopping.close()
    await ended
    assert.throws(() => statSync(stopping.socketPath), /ENOENT/)
  })

  it('puts the socket in a private temporary folder when the data folder is too deep for one', async () => {
    const deep = await serveDatabase(pglite, turn, join(folder(), 'x'.repeat(90)))
    const socketFolder = dirname(deep.socketPath)
    try {
      assert.ok(deep.socketPath.startsWith(tmpdir()), deep.socketPath)
      assert.equal(statSync(socketFolder).mode & 0o777, 0o700)
      const cli = await command(deep)
      assert.deepEqual((await cli.query('select 1 as one')).rows, [{ one: 1 }])
    } finally {
      await deep.close()
    }
    assert.throws(() => statSync(socketFolder), /ENOENT/)
  })
})
