import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'
import { scrutineerInProcess } from './cli.ts'

const SMALL = fileURLToPath(new URL('../src/services/testdata/annex-a-small', import.meta.url))

describe('scrutineerInProcess', () => {
  it('captures what the command writes, and lets through what is written meanwhile outside it', async () => {
    let outside = 0
    // Written while the command runs (its capture is in place), but not by it: the test runner's report is such a write.
    const timer = setInterval(() => {
      // The capture is the stream's own `write`, in place of its prototype's.
      if (!Object.hasOwn(process.stderr, 'write') || outside >= 2) return
      outside += 1
      process.stderr.write('(a write from outside the command, passed through)\n')
    }, 1)
    let result
    try {
      result = await scrutineerInProcess(['measures', '--annex-a', SMALL, '--end', '2018-04', '--format', 'json'])
    } finally {
      clearInterval(timer)
    }
    assert.equal(result.code, 0, result.stderr)
    assert.ok(outside > 0, 'something was written outside the command while it ran')
    assert.ok(!result.stderr.includes('from outside the command'), result.stderr)
    assert.equal((JSON.parse(result.stdout) as { months: string[] }).months.at(-1), '2018-04')
  })
})
