/**
 * Half of the database test files (`*.db.test.ts`) except the commands' (src/cli), in one process (test/one-process.ts
 * says why): the first half, every other file in path order. npm test runs both halves side by side, as one
 * process would take longer than everything else.
 *   node --import tsx --test run/db-tests-first.ts                      this half (as npm test does)
 *   node --import tsx run/db-tests-first.ts src/services/x.db.test.ts …  just these files
 */
import { runInOneProcess } from '../test/one-process.ts'

runInOneProcess('db', { part: 1, of: 2 })
