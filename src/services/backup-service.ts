/**
 * `scrutineer backup` and `scrutineer restore` for the embedded database (src/store/backup.ts does the work). Both are
 * audited in the database they leave behind: a backup records `database.backup` before it is taken (so the backup
 * holds its own record), a restore records `database.restore` in the restored database, after the backup's last
 * event, and checks the restored audit chain. PostgreSQL is backed up with pg_dump (docs/operations.md).
 */
import { basename } from 'node:path'
import { restoreBackup, writeBackup, type RestoredBackup } from '../store/backup.ts'
import { DatabaseError, openStore, type DatabaseTarget } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import type { ChainVerification } from './audit-log-service.ts'
import { auditLogService } from './audit-log-service.ts'
import { recordChange, type ChangeContext } from './change-record.ts'

function embeddedFolder(target: DatabaseTarget, what: string): string {
  if (target.kind === 'postgres') {
    throw new DatabaseError(
      `scrutineer ${what} is for the embedded database. Back up and restore a PostgreSQL server with pg_dump and ` +
        'pg_restore (docs/operations.md, "Backups").',
    )
  }
  if (target.dataDir === null) throw new DatabaseError(`An in-memory database has nothing to ${what}.`)
  return target.dataDir
}

/**
 * Writes a backup of the embedded database to `outFile`. Refused while a server or another command holds the
 * folder (stop the server first), and when `outFile` exists.
 */
export async function backUpDatabase(
  target: DatabaseTarget,
  outFile: string,
  context: ChangeContext,
): Promise<{ bytes: number }> {
  embeddedFolder(target, 'backup')
  const store = await openStore(target, { throughRunningServer: false })
  try {
    await recordChange(
      dataAccess(store).audit,
      context,
      'database.backup',
      { type: 'database', id: 'embedded' },
      {
        file: basename(outFile),
      },
    )
    return await writeBackup(store, outFile)
  } finally {
    await store.close()
  }
}

/**
 * Restores `file` into the embedded database folder (see restoreBackup for when it is refused), brings its schema
 * up to date, records the restore and verifies the restored audit chain.
 */
export async function restoreDatabase(
  file: string,
  target: DatabaseTarget,
  options: { force: boolean },
  context: ChangeContext,
): Promise<RestoredBackup & { chain: ChainVerification }> {
  const dataDir = embeddedFolder(target, 'restore')
  const restored = await restoreBackup(file, dataDir, options)
  const store = await openStore(target, { throughRunningServer: false })
  try {
    const data = dataAccess(store)
    const chain = await auditLogService(data, store).verify()
    await recordChange(
      data.audit,
      context,
      'database.restore',
      { type: 'database', id: 'embedded' },
      {
        file: basename(file),
        newestMigration: restored.newestMigration,
        backupChainHead: chain.head,
      },
    )
    return { ...restored, chain }
  } finally {
    await store.close()
  }
}
