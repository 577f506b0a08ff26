/**
 * A PostgreSQL cluster of a test's or benchmark's own, from the server binaries in /usr/lib/postgresql/N/bin, for
 * drills that stop and start the database under a running server (src/cli/database-restart.db.test.ts) and for
 * benchmarks run outside scripts/with-postgres.sh (bench/readers.ts).
 */
import { execFile } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { freePort } from './server-process.ts'

const run = promisify(execFile)

/** The newest PostgreSQL server binaries installed, or null. */
export function postgresBinaries(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(a) - Number(b))
  const newest = versions.at(-1)
  return newest === undefined ? null : join(root, newest, 'bin')
}

/**
 * A throwaway cluster that can be stopped and started (scripts/with-postgres.sh's cluster cannot: other tests share
 * it): a private socket folder, no TCP listener, removed by `remove()`.
 */
export class PostgresCluster {
  /** Holds the data, the log and the socket; made by `create()`. */
  folder = ''
  port = 0

  constructor(private readonly bin: string) {}

  // initdb refuses to run as root: run the cluster as the postgres system user, as scripts/with-postgres.sh does.
  private readonly asPostgres = process.getuid?.() === 0

  private async pg(program: string, args: string[]): Promise<void> {
    const command = join(this.bin, program)
    if (this.asPostgres) await run('runuser', ['-u', 'postgres', '--', command, ...args])
    else await run(command, args)
  }

  async create(): Promise<void> {
    this.folder = mkdtempSync(join(tmpdir(), 'scrutineer-pg-'))
    if (this.asPostgres) {
      await run('sh', ['-c', 'id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres'])
      const { stdout } = await run('id', ['-u', 'postgres'])
      chownSync(this.folder, Number(stdout.trim()), -1)
    }
    this.port = await freePort()
    await this.pg('initdb', ['-D', join(this.folder, 'data'), '-U', 'scrutineer', '--auth=trust', '-E', 'UTF8'])
  }

  start(): Promise<void> {
    return this.pg('pg_ctl', [
      '-D',
      join(this.folder, 'data'),
      '-l',
      join(this.folder, 'log'),
      '-w',
      '-o',
      `-p ${this.port} -k ${this.folder} -c listen_addresses='' -c fsync=off`,
      'start',
    ])
  }

  stop(mode: 'fast' | 'immediate'): Promise<void> {
    return this.pg('pg_ctl', ['-D', join(this.folder, 'data'), '-m', mode, '-w', 'stop'])
  }

  /** Creates an empty database on the running cluster. */
  async createDatabase(name: string): Promise<void> {
    const admin = new pg.Client({ connectionString: this.url('postgres') })
    await admin.connect()
    try {
      await admin.query(`create database ${name}`)
    } finally {
      await admin.end()
    }
  }

  url(database: string): string {
    return `postgres://scrutineer@localhost/${database}?host=${this.folder}&port=${this.port}`
  }

  async remove(): Promise<void> {
    if (this.folder === '') return
    await this.stop('immediate').catch(() => undefined)
    rmSync(this.folder, { recursive: true, force: true })
  }
}
