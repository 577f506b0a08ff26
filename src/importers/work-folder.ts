/**
 * The temporary folders imports and uploads work in: an upload written back out of the database, a zip unpacked, a
 * workbook's sheets, a PDF read for its text. Several hold child-level records. Each is removed when its work ends,
 * but a process killed in the middle (a server stopped with SIGKILL, a machine losing power) never gets there, so each
 * folder is named with its process's id and a server starting removes those of processes no longer running
 * (`removeAbandonedWorkFolders`). Several servers on one machine each leave the others' folders alone.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isProcessRunning } from '../processes.ts'

const NAME = /^scrutineer-work-(\d+)-[a-z0-9-]+-/

/** A new private folder for `purpose` (lower-case words and numbers joined by dashes, in its name for whoever looks). */
export function makeWorkFolder(purpose: string, within: string = tmpdir()): Promise<string> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(purpose)) {
    throw new Error(`A work folder's purpose is lower-case words and numbers: ${purpose}`)
  }
  // mkdtemp makes the folder readable by its owner only (0700).
  return mkdtemp(join(within, `scrutineer-work-${process.pid}-${purpose}-`))
}

/**
 * Removes the work folders of processes that are no longer running, and says which. A process id used again by a
 * new process keeps its old folders until that one ends too.
 */
export async function removeAbandonedWorkFolders(
  within: string = tmpdir(),
  running: (pid: number) => boolean = isProcessRunning,
): Promise<string[]> {
  const removed: string[] = []
  for (const name of await readdir(within).catch(() => [])) {
    const pid = Number(NAME.exec(name)?.[1] ?? Number.NaN)
    if (!Number.isSafeInteger(pid) || pid === process.pid || running(pid)) continue
    await rm(join(within, name), { recursive: true, force: true })
    removed.push(name)
  }
  return removed
}
