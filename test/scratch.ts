/**
 * Temporary folders for a suite's files (returns, feeds, databases), removed when the suite ends: the suites leave
 * nothing behind in the machine's temporary folder.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after } from 'node:test'

/**
 * A maker of folders named `prefix…` in the temporary folder, all removed after the suite it is called in (call it
 * in a `describe`, not inside a test).
 * @example const scratch = scratchFolders('scrutineer-cin-'); const dir = await scratch()
 */
export function scratchFolders(prefix: string): () => Promise<string> {
  const made: string[] = []
  after(async () => {
    await Promise.all(made.map((folder) => rm(folder, { recursive: true, force: true })))
  })
  return async () => {
    const folder = await mkdtemp(join(tmpdir(), prefix))
    made.push(folder)
    return folder
  }
}
