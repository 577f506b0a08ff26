import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { cpuUse } from './cpu-use.ts'

const BUSY = 'const end = Date.now() + 300; while (Date.now() < end);'

describe('cpuUse', () => {
  it("counts this process's own work, and a child's once it has ended", () => {
    const before = cpuUse()
    const end = Date.now() + 200
    while (Date.now() < end);
    assert.ok(cpuUse().own - before.own >= 0.1, 'own')
    spawnSync(process.execPath, ['-e', BUSY])
    assert.ok(cpuUse().children - before.children >= 0.2, 'an ended child')
  })

  it('counts a child still running', async () => {
    const before = cpuUse()
    const child = spawn(process.execPath, ['-e', `${BUSY} setInterval(() => {}, 1000)`])
    try {
      for (let tries = 0; cpuUse().children - before.children < 0.2; tries++) {
        assert.ok(tries < 100, 'the live child was never counted')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    } finally {
      child.kill()
    }
  })
})
