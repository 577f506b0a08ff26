/**
 * The processes of this machine, as Scrutineer's own files name them: the embedded database's lock
 * (src/store/connect.ts) and the work folders of imports (src/importers/work-folder.ts) each carry a process id, and
 * are taken over or removed once that process has ended.
 */

/** Whether a process with this id is running on this machine. */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
