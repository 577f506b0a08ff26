/**
 * Debian's Chromium driven by playwright-core — never a downloaded browser — with the flags this machine needs
 * (no sandbox as root, no background networking on a closed network).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import type { Services } from '../src/services/index.ts'
import { demoApp } from './app.ts'

// The same browser and flags as the document pack's printer.
import { CHROMIUM_ARGS, chromiumPath } from '../src/exporters/document-pack/chromium-printer.ts'

function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true })
}

let shared: { browser: Promise<Browser>; users: number; closing: NodeJS.Timeout | null } | null = null

/**
 * The process's one Chromium, for every browser suite: launching Chromium costs about a second of CPU,
 * and the browser suites run in one process (run/browser-tests.ts). Each suite gets its own contexts, closed when
 * it is done (`release`). The browser closes once no suite has used it for a moment: the next suite in the process
 * takes it up before then.
 */
export async function sharedChromium(): Promise<{ browser: Browser; release: () => Promise<void> }> {
  if (shared === null) {
    const browser = launchChromium()
    const made = { browser, users: 0, closing: null }
    shared = made
    // A browser that dies or fails to start is forgotten, unless another has taken its place already.
    const forget = () => {
      if (shared === made) shared = null
    }
    void browser.then((b) => b.on('disconnected', forget)).catch(forget)
  }
  const taken = shared
  if (taken.closing !== null) clearTimeout(taken.closing)
  taken.closing = null
  taken.users += 1
  const browser = await taken.browser
  const before = new Set(browser.contexts())
  return {
    browser,
    release: async () => {
      await Promise.all(
        browser
          .contexts()
          .filter((c) => !before.has(c))
          .map((c) => c.close()),
      )
      taken.users -= 1
      if (taken.users === 0) {
        taken.closing = setTimeout(() => {
          if (shared === taken) shared = null
          void browser.close()
        }, 1000)
      }
    },
  }
}

/**
 * axe-core's minified build: the same release and rules as `axe.source`, its unminified build, at half the size.
 * It is loaded into every page a suite checks, and loading it took 13 s of the every-page test's CPU, 10 s minified.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * Loads axe into every page `context` opens, as the page starts, for a suite that checks every page it opens: Chromium
 * keeps the script once and compiles it faster than axe sent with each page (`axeViolations` loads it when a page has
 * not got it), about 90 ms of CPU less a page. A page's own scripts and its CSP are not affected.
 */
export async function loadAxeIntoEveryPage(context: BrowserContext): Promise<void> {
  await context.addInitScript(AXE_SOURCE)
}

/** The WCAG 2.2 AA rules axe checks every page against. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * Every axe violation on the page, one line each (empty when the page passes). Axe runs in the page itself, once
 * loaded into it, and only its violations leave the page: a selector for every node that passed, and all of them
 * sent back to this process, was half the time on a large page (docs/adr/0006).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Run in the page as text: this project's TypeScript has no DOM types.
  const loaded = await page.evaluate<boolean>(`typeof window.axe === 'object'`)
  if (!loaded) await page.evaluate(AXE_SOURCE)
  return page.evaluate<string[]>(`(async () => {
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_22_AA)} },
      resultTypes: ['violations'],
    })
    return results.violations.map((v) => v.id + ': ' + v.help + ' (' + v.nodes.map((n) => n.target.join(' ')).join(', ') + ')')
  })()`)
}

/**
 * The demo council listening on a free local port, with Chromium to open it (the process's one, shared with the
 * other suites); `close` stops the app and closes the browser contexts opened since. It runs its jobs as the server
 * does (loads and document packs), so a person in the browser can watch them finish.
 */
export async function demoInChromium(options: Parameters<typeof demoApp>[0] = {}): Promise<{
  app: FastifyInstance
  services: Services
  base: string
  browser: Browser
  close: () => Promise<void>
}> {
  const { app, services, close: closeApp } = await demoApp({ jobRunner: { staleAfterMs: 0, pollMs: 200 }, ...options })
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const { browser, release } = await sharedChromium()
  return {
    app,
    services,
    base,
    browser,
    close: async () => {
      await release()
      await closeApp()
    },
  }
}

/** A new page in a fresh context (its own cookies) at a desktop size. */
export async function desktopPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options })
  return context.newPage()
}
