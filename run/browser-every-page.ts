/**
 * Every page in Chromium (src/web/pages.browser.test.ts), the longest test file, in a process of its own beside the
 * other browser files (run/browser-tests.ts). It is an entry here, not named to npm test by its own path, so that
 * it starts first (run/README.md says why).
 *   node --import tsx --test run/browser-every-page.ts
 */
import { runInOneProcess } from '../test/one-process.ts'

runInOneProcess('every-page')
