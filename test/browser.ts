/**
 * Debian's Chromium driven by playwright-core — never a downloaded browser — with the flags this machine needs
 * (no sandbox as root, no background networking on a closed network).
 */
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// One list of flags for tests and the document pack's printer.
export { CHROMIUM_ARGS } from '../src/exporters/document-pack/chromium-printer.ts'
import { CHROMIUM_ARGS } from '../src/exporters/document-pack/chromium-printer.ts'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
}
