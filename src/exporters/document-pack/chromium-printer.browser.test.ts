/**
 * The warm printer over Debian's Chromium: started once for many prints, started again when it died or after it
 * was closed, never left running by `close`. Chromium's processes are read from /proc (test/process-tree.ts).
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { PDFDocument } from 'pdf-lib'
import { chromiumChildren } from '../../../test/process-tree.ts'
import { ChromiumMissingError, chromiumPrinter } from './chromium-printer.ts'

const page = (text: string) => `<!DOCTYPE html><html lang="en-GB"><body><h1>${text}</h1></body></html>`

async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount()
}

/** Waits (up to two seconds) for `check` to hold. */
async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 40 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50))
  return check()
}

describe('the warm printer', () => {
  const printer = chromiumPrinter()
  after(async () => {
    await printer.close()
  })

  it('starts Chromium once for two packs, each printed on a page of its own', async () => {
    assert.equal(printer.launches, 0, 'nothing starts before the first print')
    const first = await printer.withPage(async (p) => [await p.print(page('One'), { tagged: true })])
    const second = await printer.withPage(async (p) => [
      await p.print(page('Two'), { tagged: true }),
      await p.print(page('Three'), { tagged: false }),
    ])
    assert.equal(printer.launches, 1)
    assert.equal(chromiumChildren().length, 1, 'one Chromium for this process')
    for (const pdf of [...first, ...second]) assert.equal(await pageCount(pdf), 1)
  })

  it('starts Chromium again when it has died, and the next print works', async () => {
    const [browser] = chromiumChildren()
    assert.ok(browser !== undefined, 'Chromium is running')
    process.kill(browser, 'SIGKILL')
    assert.ok(await eventually(() => !chromiumChildren().includes(browser)), 'the killed Chromium is gone')
    const pdf = await printer.print(page('After the crash'), { tagged: true })
    assert.equal(await pageCount(pdf), 1)
    assert.equal(printer.launches, 2)
    assert.equal(chromiumChildren().length, 1)
  })

  it('prints again when Chromium dies between two parts of one pack', async () => {
    const launches = printer.launches
    const pdfs = await printer.withPage(async (p) => {
      const before = await p.print(page('Part 1'), { tagged: true })
      for (const pid of chromiumChildren()) process.kill(pid, 'SIGKILL')
      await eventually(() => chromiumChildren().length === 0)
      return [before, await p.print(page('Part 2'), { tagged: true })]
    })
    assert.equal(pdfs.length, 2)
    assert.equal(printer.launches, launches + 1)
  })

  it('leaves no Chromium running once closed, and starts it again for a later print', async () => {
    await printer.close()
    assert.ok(await eventually(() => chromiumChildren().length === 0))
    const launches = printer.launches
    await printer.print(page('Later'), { tagged: true })
    assert.equal(printer.launches, launches + 1)
  })

  it('closes Chromium after a while with nothing to print', async () => {
    const idle = chromiumPrinter({ idleMs: 100 })
    try {
      const others = new Set(chromiumChildren())
      await idle.print(page('Alone'), { tagged: true })
      const mine = chromiumChildren().filter((pid) => !others.has(pid))
      assert.equal(mine.length, 1)
      assert.ok(await eventually(() => !chromiumChildren().includes(mine[0] ?? 0)), 'closed when idle')
      await idle.print(page('Again'), { tagged: true })
      assert.equal(idle.launches, 2)
    } finally {
      await idle.close()
    }
  })

  describe('edge cases', () => {
    it('says what to install when Chromium is missing, and starts nothing', async () => {
      const missing = chromiumPrinter({ executablePath: '/nonexistent/chromium' })
      await assert.rejects(
        missing.withPage((p) => p.print(page('x'), { tagged: true })),
        (error: unknown) =>
          error instanceof ChromiumMissingError && /sudo apt-get install chromium/.test(error.message),
      )
      assert.equal(missing.launches, 0)
    })
  })
})
