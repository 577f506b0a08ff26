/**
 * The unit test files in one process (test/one-process.ts says why).
 *   node --import tsx --test run/unit-tests.ts                     every unit test file (as npm test does)
 *   node --import tsx run/unit-tests.ts src/domain/x.test.ts …    just these files
 */
import { runInOneProcess } from '../test/one-process.ts'

runInOneProcess('unit')
