/**
 * The browser test files (`*.browser.test.ts`) except every page's (pages.browser.test.ts), in one process (test/one-process.ts says why).
 *   node --import tsx --test test/browser-tests.ts                     all of them (as npm test does)
 *   node --import tsx test/browser-tests.ts src/web/x.browser.test.ts …  just these files
 */
import { runInOneProcess } from './one-process.ts'

runInOneProcess('browser')
