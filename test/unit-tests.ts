/**
 * The unit test files in one process (test/one-process.ts says why).
 *   node --import tsx --test test/unit-tests.ts                     every unit test file (as npm test does)
 *   node --import tsx test/unit-tests.ts src/domain/x.test.ts …    just these files
 */
import { runInOneProcess } from './one-process.ts'

runInOneProcess('unit')
