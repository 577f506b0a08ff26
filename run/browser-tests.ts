/**
 * The browser test files (`*.browser.test.ts`) except every page's (pages.browser.test.ts), in one process (test/one-process.ts says why).
 *   node --import tsx --test run/browser-tests.ts                     all of them (as npm test does)
 *   node --import tsx run/browser-tests.ts src/web/x.browser.test.ts …  just these files
 */
import { runInOneProcess } from '../test/one-process.ts'

runInOneProcess('browser')
