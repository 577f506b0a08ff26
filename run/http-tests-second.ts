/**
 * Half of the HTTP test files (`*.http.test.ts`) in one process (test/one-process.ts says why): the second half,
 * every other file in path order. npm test runs both halves side by side: in one process they were the last to
 * finish, by more than a minute.
 *   node --import tsx --test run/http-tests-second.ts                     this half (as npm test does)
 *   node --import tsx run/http-tests-second.ts src/web/x.http.test.ts …  just these files
 */
import { runInOneProcess } from '../test/one-process.ts'

runInOneProcess('http', { part: 2, of: 2 })
