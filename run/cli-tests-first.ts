/**
 * Half of the command suites (`src/cli/*.db.test.ts`) in one process, one suite after another (test/one-process.ts
 * says why that is safe for them): the first half, every other file in path order. npm test runs both halves side
 * by side.
 *   node --import tsx --test run/cli-tests-first.ts                       this half (as npm test does)
 *   node --import tsx run/cli-tests-first.ts src/cli/backup.db.test.ts …  just these files
 */
import { runInOneProcess } from '../test/one-process.ts'

runInOneProcess('cli', { part: 1, of: 2 })
