/**
 * The printer the document pack is built with: Debian's Chromium, driven by playwright-core, printing our own
 * HTML to PDF with tagged text and an outline. Never a downloaded browser: if `/usr/bin/chromium` (or
 * `CHROMIUM_PATH`) is not there, or will not start, building fails with a `ChromiumUnavailableError` that says
 * what to install.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

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
]

async function launch(executablePath: string): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true })
  } catch (error) {
    if (/ENOENT/.test((error as Error).message)) throw new ChromiumMissingError(executablePath)
    // Whatever else stops it starting, the officer is told what to do, never a bare crash.
    throw new ChromiumStartError(executablePath)
  }
}

/**
 * Runs `work` with a printer over one Chromium, closed afterwards whatever happens. Chromium starts while `work`
 * prepares its first document (the first print waits for it). The page fetches nothing from the network: every
 * stylesheet is inlined, and any other request (an image URL in a paper) is refused.
 * @example const pdf = await withChromiumPrinter((printer) => printer.print('<h1>Agenda</h1>', { tagged: true }))
 */
export async function withChromiumPrinter<T>(
  work: (printer: Printer) => Promise<T>,
  options: { executablePath?: string } = {},
): Promise<T> {
  const executablePath = options.executablePath ?? chromiumPath()
  if (!existsSync(executablePath)) throw new ChromiumMissingError(executablePath)
  const browser = launch(executablePath)
  const page = browser.then(async (b) => {
    const opened = await b.newPage()
    await opened.route(/^(?!data:)/, (route) => route.abort())
    return opened
  })
  // Observed by the first print, or by `finally` below if work never prints.
  page.catch(() => undefined)
  try {
    return await work({
      async print(html, { tagged }) {
        const ready = await page
        await ready.setContent(html, { waitUntil: 'load' })
        const pdf = await ready.pdf({ tagged, outline: true, preferCSSPageSize: true, printBackground: true })
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
      },
    })
  } finally {
    const opened = await browser.catch(() => null)
    await opened?.close()
  }
}
