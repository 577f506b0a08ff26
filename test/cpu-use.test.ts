import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { cpuUse } from './cpu-use.ts'

/** Spends 300 ms of CPU (not of the clock: on a busy machine the clock runs faster than a process's CPU). */
const BUSY = 'while (process.cpuUsage().user < 300_000);'

describe('cpuUse', () => {
  it("counts this process's own work, and a child's once it has ended", () => {
    const before = cpuUse()
    const start = process.cpuUsage().user
    while (process.cpuUsage().user - start < 200_000);
    assert.ok(cpuUse().own - before.own >= 0.15, 'own')
    spawnSync(process.execPath, ['-e', BUSY])
    assert.ok(cpuUse().children - before.children >= 0.2, 'an ended child')
  })

  it('counts a child still running', async () => {
    const before = cpuUse()
    const child = spawn(process.execPath, ['-e', `${BUSY} setInterval(() => {}, 1000)`])
    try {
      for (let tries = 0; cpuUse().children - before.children < 0.2; tries++) {
        assert.ok(tries < 600, 'the live child was never counted')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    } finally {
      child.kill()
    }
  })
})
