/**
 * The HTTP test files (`*.http.test.ts`) in one process (test/one-process.ts says why).
 *   node --import tsx --test run/http-tests.ts                     every HTTP test file (as npm test does)
 *   node --import tsx run/http-tests.ts src/web/x.http.test.ts …  just these files
 */
import { runInOneProcess } from '../test/one-process.ts'

runInOneProcess('http')
