import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { makeWorkFolder, removeAbandonedWorkFolders } from './work-folder.ts'

describe('work folders', () => {
  const outer = mkdtempSync(join(tmpdir(), 'scrutineer-work-folder-test-'))
  const within = outer
  after(() => rmSync(outer, { recursive: true, force: true }))

  it("makes a private folder named with this process's id", async () => {
    const folder = await makeWorkFolder('upload', within)
    assert.match(folder, new RegExp(`scrutineer-work-${process.pid}-upload-\\w{6}$`))
    assert.equal(statSync(folder).mode & 0o777, 0o700)
  })

  it('removes the folders of processes that have ended, with what they held, and keeps the rest', async () => {
    const within = mkdtempSync(join(outer, 'sweep-'))
    // A process that has ended: its id is free until the system gives it to another.
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    })
    const endedPid = Number(ended.stdout)
    const abandoned = join(within, `scrutineer-work-${endedPid}-annex-a-abc123`)
    mkdirSync(abandoned)
    writeFileSync(join(abandoned, 'list-1.csv'), 'ChildID\nC1\n')
    const mine = await makeWorkFolder('pdf-text', within)
    const living = join(within, `scrutineer-work-1-upload-def456`)
    mkdirSync(living)
    mkdirSync(join(within, 'scrutineer-cli-xyz789'))

    const removed = await removeAbandonedWorkFolders(within, (pid) => pid === 1)
    assert.deepEqual(removed, [`scrutineer-work-${endedPid}-annex-a-abc123`])
    assert.deepEqual(
      readdirSync(within).sort(),
      [mine.slice(within.length + 1), 'scrutineer-cli-xyz789', 'scrutineer-work-1-upload-def456'].sort(),
    )
  })

  describe('edge cases', () => {
    it('refuses a purpose that would make an odd folder name', async () => {
      await assert.rejects(async () => makeWorkFolder('../up', within), /lower-case words/)
      assert.match(await makeWorkFolder('ssda903', within), /-ssda903-\w{6}$/)
    })

    it('finds nothing to remove in a folder that does not exist', async () => {
      assert.deepEqual(await removeAbandonedWorkFolders(join(within, 'missing')), [])
    })
  })
})
