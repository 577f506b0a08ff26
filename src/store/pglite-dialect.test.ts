import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { asBackgroundWork, Mutex } from './pglite-dialect.ts'

/** Takes the turn (as background work if asked), notes who got it, and holds it until told. */
function take(mutex: Mutex, name: string, order: string[], kind: 'interactive' | 'background' = 'interactive') {
  const lock = () => mutex.lock()
  const release = (kind === 'background' ? asBackgroundWork(lock) : lock()).then((give) => {
    order.push(name)
    return give
  })
  return release
}

describe("the embedded database's turn", () => {
  it('serves interactive holders first come, first served', async () => {
    const mutex = new Mutex()
    const order: string[] = []
    const first = await take(mutex, 'a', order)
    const b = take(mutex, 'b', order)
    const c = take(mutex, 'c', order)
    first()
    ;(await b)()
    ;(await c)()
    assert.deepEqual(order, ['a', 'b', 'c'])
  })

  it('lets a page waiting behind a job statement go before the next statement, and the job go on once it is quiet', async () => {
    const mutex = new Mutex({ quietMs: 30, backgroundMaxWaitMs: 10_000 })
    const order: string[] = []
    const statement = await take(mutex, 'job 1', order, 'background')
    const nextStatement = take(mutex, 'job 2', order, 'background')
    const page = take(mutex, 'page query 1', order)
    statement()
    const pageQuery = await page
    // Between a page's queries the job still waits: the page asks again within the quiet gap.
    pageQuery()
    await sleep(1)
    const again = await take(mutex, 'page query 2', order)
    again()
    ;(await nextStatement)()
    assert.deepEqual(order, ['job 1', 'page query 1', 'page query 2', 'job 2'])
  })

  it('never starves a job: one that has waited its longest goes before the pages still queued', async () => {
    const mutex = new Mutex({ quietMs: 10_000, backgroundMaxWaitMs: 0 })
    const order: string[] = []
    const page = await take(mutex, 'page 1', order)
    const job = take(mutex, 'job', order, 'background')
    const nextPage = take(mutex, 'page 2', order)
    page()
    ;(await job)()
    ;(await nextPage)()
    assert.deepEqual(order, ['page 1', 'job', 'page 2'])
  })

  it('gives a free turn to background work at once when no page has used the database lately', async () => {
    const mutex = new Mutex({ quietMs: 10_000 })
    const order: string[] = []
    ;(await take(mutex, 'job', order, 'background'))()
    assert.deepEqual(order, ['job'])
  })
})
