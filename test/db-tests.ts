/**
 * The database test files (`*.db.test.ts`) except the commands' (src/cli), in one process (test/one-process.ts says why).
 *   node --import tsx --test test/db-tests.ts                     all of them (as npm test does)
 *   node --import tsx test/db-tests.ts src/services/x.db.test.ts …  just these files
 */
import { runInOneProcess } from './one-process.ts'

runInOneProcess('db')
