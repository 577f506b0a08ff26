/**
 * The printer the document pack is built with: Debian's Chromium, driven by playwright-core, printing our own
 * HTML to PDF with tagged text and an outline. Never a downloaded browser: if `/usr/bin/chromium` (or
 * `CHROMIUM_PATH`) is not there, or will not start, printing fails with a `ChromiumUnavailableError` that says
 * what to install.
 *
 * One Chromium serves the whole process (`chromiumPrinter`): started by the first print, kept warm for every pack
 * and edition after it, started again if it died, and closed when the server or command stops (or after a while
 * with nothing to print). Each print has a browser context of its own, closed as soon as its PDF is out.
 */
import { existsSync } from 'node:fs'
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core'

/**
 * Turns one HTML document into PDF bytes, with bookmarks from its headings. `tagged` adds the structure tree
 * (the builder's measuring pass leaves it out: it lays out identically and is several times smaller to read).
 */
export interface Printer {
  print(html: string, options: { tagged: boolean }): Promise<Uint8Array>
}

/** The command that installs (or repairs) the printer, for messages to whoever runs the server. */
export const INSTALL_CHROMIUM = 'sudo apt-get install chromium'

/** The printer cannot print: Chromium is missing, or will not start. Its message says what to do. */
export class ChromiumUnavailableError extends Error {
  override name = 'ChromiumUnavailableError'
  constructor(
    readonly executablePath: string,
    message: string,
  ) {
    super(message)
  }
}

/** Chromium is not installed where Scrutineer looks for it. */
export class ChromiumMissingError extends ChromiumUnavailableError {
  override name = 'ChromiumMissingError'
  constructor(executablePath: string) {
    super(
      executablePath,
      `The PDF cannot be built: Chromium was not found at ${executablePath}. Install Debian's chromium package ` +
        `(${INSTALL_CHROMIUM}), or set CHROMIUM_PATH to where it is.`,
    )
  }
}

/** Chromium is there but would not start (not executable, broken, missing libraries). */
export class ChromiumStartError extends ChromiumUnavailableError {
  override name = 'ChromiumStartError'
  constructor(executablePath: string) {
    super(
      executablePath,
      `The PDF cannot be built: Chromium at ${executablePath} would not start. Reinstall Debian's chromium package ` +
        '(sudo apt-get install --reinstall chromium), or set CHROMIUM_PATH to a working Chromium.',
    )
  }
}

/** Where Chromium is: `CHROMIUM_PATH`, or Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
}

/** The flags this machine needs: no sandbox (containers run as root), no background networking or updates. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Fewer processes, less memory (docs/adr/0002-chromium-process-flags.md): no zygote, the GPU process's work in
  // the browser process, and no spare renderer kept warm for a next site that never comes.
  '--no-zygote',
  '--in-process-gpu',
  '--disable-features=SpareRendererForSitePerProcess',
]

async function launch(executablePath: string): Promise<Browser> {
  // playwright-core loads with the first print, not when the server starts: most processes never print.
  const { chromium } = await import('playwright-core')
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true })
  } catch (error) {
    if (/ENOENT/.test((error as Error).message)) throw new ChromiumMissingError(executablePath)
    // Whatever else stops it starting, the officer is told what to do, never a bare crash.
    throw new ChromiumStartError(executablePath)
  }
}

interface Tab {
  context: BrowserContext
  page: Page
  devtools: CDPSession
  /** The garbage collection the last print started, which the next print waits for. */
  collecting: Promise<unknown> | null
}

/** A browser context of its own with one page, which refuses every request. */
async function openTab(browser: Browser): Promise<Tab> {
  const context = await browser.newContext()
  await context.route(/^(?!data:)/, (route) => route.abort())
  const page = await context.newPage()
  return { context, page, devtools: await context.newCDPSession(page), collecting: null }
}

async function printIn(tab: Tab, html: string, tagged: boolean): Promise<Uint8Array> {
  await tab.collecting
  await tab.page.setContent(html, { waitUntil: 'load' })
  const pdf = await tab.page.pdf({ tagged, outline: true, preferCSSPageSize: true, printBackground: true })
  // The page left behind is garbage, but Chromium would let a pack's worth pile up (a 450-page pack's parts took
  // its renderer past 1 GB): collect it now, while the caller merges this part.
  tab.collecting = tab.devtools.send('HeapProfiler.collectGarbage').catch(() => undefined)
  return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
}

/** The printer of one process: `close` it when the process stops. */
export interface ChromiumPrinter extends Printer {
  /**
   * Runs `work` with a printer over a page of its own (a fresh browser context, so nothing is left over from the
   * pack before), closed when `work` ends: one pack's parts are printed on one page, one after another.
   */
  withPage<T>(work: (printer: Printer) => Promise<T>): Promise<T>
  /** Closes Chromium if it is running (a print after this starts it again). */
  close(): Promise<void>
  /** How many times Chromium has been started, for tests and the benchmark. */
  readonly launches: number
}

/** How long Chromium is kept with nothing to print before it is closed (it starts again in about a second). */
export const CHROMIUM_IDLE_MS = 10 * 60_000

/**
 * A printer over one Chromium, started by its first print and reused by every print after it; started again when
 * it has died (killed, crashed: a print that finds it dead, or sees it die, starts another and prints again) or
 * `CHROMIUM_PATH` has changed, and closed after `idleMs` with nothing to print. Each pack is printed in a browser
 * context of its own (`withPage`), in which the page fetches nothing from the network: every stylesheet is
 * inlined, and any other request (an image URL in a paper) is refused.
 * @example const printer = chromiumPrinter(); const pdf = await printer.print('<h1>Agenda</h1>', { tagged: true }); await printer.close()
 */
export function chromiumPrinter(options: { executablePath?: string; idleMs?: number } = {}): ChromiumPrinter {
  let running: { path: string; browser: Promise<Browser> } | null = null
  let launches = 0
  let busy = 0
  let idle: NodeJS.Timeout | null = null

  /** Forgets a browser (it died, or is being closed); a later print starts another. */
  const forget = (browser: Promise<Browser>) => {
    if (running?.browser === browser) running = null
  }
  const closeBrowser = async (browser: Promise<Browser>) => {
    forget(browser)
    const opened = await browser.catch(() => null)
    await opened?.close().catch(() => undefined)
  }

  function browserFor(): Promise<Browser> {
    const path = options.executablePath ?? chromiumPath()
    if (running !== null && running.path === path) return running.browser
    if (running !== null) void closeBrowser(running.browser)
    if (!existsSync(path)) return Promise.reject(new ChromiumMissingError(path))
    launches += 1
    const browser: Promise<Browser> = launch(path).then((b) => {
      b.on('disconnected', () => forget(browser))
      return b
    })
    // A Chromium that would not start is not kept: the next print tries again (it may have been installed since).
    browser.catch(() => forget(browser))
    running = { path, browser }
    return browser
  }

  async function withPage<T>(work: (printer: Printer) => Promise<T>): Promise<T> {
    busy += 1
    if (idle !== null) clearTimeout(idle)
    idle = null
    // Set by the prints (a closure TypeScript does not follow): the browser and tab they print in.
    let current = null as { launched: Promise<Browser>; browser: Browser; tab: Tab | null } | null
    const printer: Printer = {
      async print(html, { tagged }) {
        for (let attempt = 0; ; attempt++) {
          try {
            if (current === null) {
              const launched = browserFor()
              current = { launched, browser: await launched, tab: null }
            }
            current.tab ??= await openTab(current.browser)
            return await printIn(current.tab, html, tagged)
          } catch (error) {
            // Chromium died since the last print, or during this one: start it again and print again, once.
            if (attempt > 0 || current === null || current.browser.isConnected()) throw error
            forget(current.launched)
            current = null
          }
        }
      },
    }
    try {
      return await work(printer)
    } finally {
      await current?.tab?.context.close().catch(() => undefined)
      busy -= 1
      if (busy === 0 && running !== null) {
        const browser = running.browser
        idle = setTimeout(() => {
          if (busy === 0) void closeBrowser(browser)
        }, options.idleMs ?? CHROMIUM_IDLE_MS)
        // The idle timer alone never keeps the process alive.
        idle.unref()
      }
    }
  }

  return {
    get launches() {
      return launches
    },
    withPage,
    print: (html, options) => withPage((printer) => printer.print(html, options)),
    async close() {
      if (idle !== null) clearTimeout(idle)
      idle = null
      if (running !== null) await closeBrowser(running.browser)
    },
  }
}
