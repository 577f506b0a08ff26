/**
 * Half of the HTTP test files (`*.http.test.ts`) in one process (test/one-process.ts says why): the first half,
 * every other file in path order. npm test runs both halves side by side: in one process they were the last to
 * finish, by more than a minute.
 *   node --import tsx --test run/http-tests-first.ts                     this half (as npm test does)
 *   node --import tsx run/http-tests-first.ts src/web/x.http.test.ts …  just these files
 */
import { runInOneProcess } from '../test/one-process.ts'

runInOneProcess('http', { part: 1, of: 2 })
