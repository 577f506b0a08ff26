/**
 * Backing up and restoring the embedded database: the whole data folder as PGlite's gzipped tar (dumpDataDir), and
 * back (loadDataDir). A backup is taken by a process that holds the folder itself, so not beside a running
 * `scrutineer serve` (its database is one process's, and the socket it serves speaks only SQL). A restore is
 * loaded into a folder beside the target first and checked (it must be a Scrutineer database, from this version or
 * an older one) before anything in the target changes; a target that holds a database is replaced only when asked.
 * PostgreSQL servers are backed up with pg_dump (docs/operations.md).
 */
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { PGlite } from '@electric-sql/pglite'
import { claimFolder, DatabaseError, LOCK_FILE, type Store } from './connect.ts'
import { migrationProvider } from './migrations/index.ts'

/** The start of every gzip stream. */
const GZIP_MAGIC = [0x1f, 0x8b]

/**
 * Writes the store's data folder to `outFile` (created with mode 0600: it holds children's records), never over an
 * existing file, and never half written (a partial file is renamed into place only when complete).
 */
export async function writeBackup(store: Store, outFile: string): Promise<{ bytes: number }> {
  if (store.dumpDataDir === undefined) {
    throw new DatabaseError(`A backup needs the embedded database to itself; ${store.location} is not.`)
  }
  if (existsSync(outFile)) {
    throw new DatabaseError(`${outFile} already exists: a backup never replaces a file. Choose another name.`)
  }
  const bytes = await store.dumpDataDir()
  const partial = `${outFile}.${randomBytes(4).toString('hex')}.partial`
  const fd = openSync(partial, 'wx', 0o600)
  try {
    writeSync(fd, bytes)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    renameNoReplace(partial, outFile)
  } finally {
    rmSync(partial, { force: true })
  }
  return { bytes: bytes.byteLength }
}

/** Renames `from` to `to`, refusing (EEXIST) if `to` appeared meanwhile: an existing file is never replaced. */
function renameNoReplace(from: string, to: string): void {
  const fd = openSync(to, 'wx', 0o600)
  closeSync(fd)
  renameSync(from, to)
}

/** What a restore put in place. */
export interface RestoredBackup {
  /** The newest migration the backup had run. */
  newestMigration: string
  /** How many migrations this version will run on it when it is next opened (0 for a backup of this version). */
  migrationsToRun: number
}

async function readBackup(file: string): Promise<Uint8Array> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(file)
  } catch (error) {
    throw new DatabaseError(`Could not read the backup ${file}: ${(error as Error).message}`)
  }
  if (bytes.length < 2 || bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) {
    throw new DatabaseError(
      `${file} is not a Scrutineer backup: a backup is a gzipped tar made by "scrutineer backup". Nothing was changed.`,
    )
  }
  return bytes
}

/** The migrations a loaded backup has run, refusing one that is not a Scrutineer database or is from a newer one. */
async function checkSchema(pglite: PGlite, file: string): Promise<RestoredBackup> {
  let names: string[]
  try {
    names = (await pglite.query<{ name: string }>('select name from kysely_migration order by name')).rows.map(
      (r) => r.name,
    )
  } catch {
    names = []
  }
  if (names.length === 0) {
    throw new DatabaseError(`${file} is not a backup of a Scrutineer database (it has no schema history).`)
  }
  const known = Object.keys(await migrationProvider.getMigrations())
  const unknown = names.filter((name) => !known.includes(name))
  if (unknown.length > 0) {
    throw new DatabaseError(
      `${file} was made by a newer version of Scrutineer: its database has ${unknown.length} schema ` +
        `change${unknown.length === 1 ? '' : 's'} this version does not know (${unknown.join(', ')}). Restore it ` +
        'with that version or a later one. Nothing was changed.',
    )
  }
  return {
    newestMigration: names.at(-1) ?? '',
    migrationsToRun: known.filter((name) => !names.includes(name)).length,
  }
}

/**
 * Restores `file` into the embedded database folder `dataDir`. Refused, changing nothing, when the file is not a
 * Scrutineer backup, is from a newer schema, when a process is using the folder, or when the folder already holds a
 * database and `force` is not set. With `force` the folder's database is replaced (deleted, not kept aside).
 */
export async function restoreBackup(
  file: string,
  dataDir: string,
  options: { force: boolean },
): Promise<RestoredBackup> {
  const bytes = await readBackup(file)
  mkdirSync(dataDir, { recursive: true })
  const claim = claimFolder(dataDir, false)
  if (claim.kind !== 'claimed') throw new DatabaseError(`The embedded database in ${dataDir} is in use.`)
  const staging = `${dataDir}.restoring-${process.pid}`
  try {
    const existing = readdirSync(dataDir).filter((name) => name !== LOCK_FILE && !name.startsWith(`${LOCK_FILE}.`))
    if (existing.length > 0 && !options.force) {
      throw new DatabaseError(
        `${dataDir} already holds a database. Restoring replaces everything in it, including whatever changed since ` +
          'the backup: take a backup of it first ("scrutineer backup"), then run the restore again with --force. ' +
          'Or restore into an empty folder with --db. Nothing was changed.',
      )
    }
    rmSync(staging, { recursive: true, force: true })
    let pglite: PGlite
    try {
      // Loaded here, not with the module: the web server imports this file, and only a restore needs PGlite itself.
      const { PGlite } = await import('@electric-sql/pglite')
      pglite = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([bytes]) })
    } catch (error) {
      throw new DatabaseError(
        `${file} could not be loaded as a database (${(error as Error).message}): it is damaged or not a ` +
          'Scrutineer backup. Nothing was changed.',
      )
    }
    let restored: RestoredBackup
    try {
      restored = await checkSchema(pglite, file)
    } finally {
      await pglite.close()
    }
    for (const name of existing) rmSync(`${dataDir}/${name}`, { recursive: true, force: true })
    for (const name of readdirSync(staging)) renameSync(`${staging}/${name}`, `${dataDir}/${name}`)
    return restored
  } finally {
    rmSync(staging, { recursive: true, force: true })
    claim.release()
  }
}
