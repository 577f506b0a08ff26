/**
 * The printer the document pack is built with: Debian's Chromium, driven by playwright-core, printing our own
 * HTML to PDF with tagged text and an outline. Never a downloaded browser: if `/usr/bin/chromium` (or
 * `CHROMIUM_PATH`) is not there, building fails with a `ChromiumMissingError` that says what to install.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

/** Turns one HTML document into PDF bytes. The builder takes any printer, so tests can count or fake prints. */
export interface Printer {
  print(html: string): Promise<Uint8Array>
}

/** Chromium is not installed where Scrutineer looks for it. */
export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError'
  constructor(readonly executablePath: string) {
    super(
      `The PDF cannot be built: Chromium was not found at ${executablePath}. Install Debian's chromium package ` +
        '(sudo apt-get install chromium), or set CHROMIUM_PATH to where it is.',
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
  if (!existsSync(executablePath)) throw new ChromiumMissingError(executablePath)
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true })
  } catch (error) {
    if (/ENOENT|Failed to launch/i.test((error as Error).message)) throw new ChromiumMissingError(executablePath)
    throw error
  }
}

/**
 * Runs `work` with a printer over one Chromium, closed afterwards whatever happens. The page fetches nothing from
 * the network: every stylesheet is inlined, and any other request (an image URL in a paper) is refused.
 * @example const pdf = await withChromiumPrinter((printer) => printer.print('<h1>Agenda</h1>'))
 */
export async function withChromiumPrinter<T>(
  work: (printer: Printer) => Promise<T>,
  options: { executablePath?: string } = {},
): Promise<T> {
  const browser = await launch(options.executablePath ?? chromiumPath())
  try {
    const page = await browser.newPage()
    await page.route(/^(?!data:)/, (route) => route.abort())
    return await work({
      async print(html) {
        await page.setContent(html, { waitUntil: 'load' })
        const pdf = await page.pdf({ tagged: true, outline: true, preferCSSPageSize: true, printBackground: true })
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
      },
    })
  } finally {
    await browser.close()
  }
}
