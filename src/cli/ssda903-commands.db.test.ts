import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'
import { scrutineerInProcess } from '../../test/cli.ts'
import { demoStore } from '../../test/app.ts'
import { scratchFolders } from '../../test/scratch.ts'

const RETURN = fileURLToPath(new URL('../../fixtures/ssda903', import.meta.url))
const ANNEX_A = fileURLToPath(new URL('../services/testdata/annex-a-small', import.meta.url))

function scrutineer(...args: string[]) {
  return scrutineerInProcess(args)
}

describe('scrutineer measures --ssda903', () => {
  const scratch = scratchFolders('scrutineer-ssda903-cli-')
  it('prints the same JSON shape as --annex-a, with the figures of the return', async () => {
    const args = ['--end', '2018-03', '--months', '12', '--format', 'json']
    const result = await scrutineer('measures', '--ssda903', RETURN, ...args)
    assert.equal(result.code, 0, result.stderr)
    const json = JSON.parse(result.stdout) as Record<string, unknown>
    const annexA = await scrutineer('measures', '--annex-a', ANNEX_A, ...args)
    assert.equal(annexA.code, 0, annexA.stderr)
    assert.deepEqual(Object.keys(json), Object.keys(JSON.parse(annexA.stdout) as object))
    const measures = json.measures as Record<string, Record<string, { count: number }>>
    assert.equal(measures['lac-open']?.['2018-03']?.count, 1425)
    assert.equal(measures['lac-started']?.['2017-04']?.count, 19)
    const errors = json.errors as Array<{ column: string; row: number; value: string; reason: string }>
    assert.ok(errors.some((e) => e.column === 'oc3.csv: ACCOM' && e.row === 2 && e.value === '01'))
  })

  it('refuses two sources at once, and a folder that is not a return', async () => {
    const both = await scrutineer('measures', '--ssda903', RETURN, '--annex-a', ANNEX_A, '--end', '2018-03')
    assert.equal(both.code, 2)
    assert.match(both.stderr, /not more/)
    const empty = await scratch()
    await writeFile(join(empty, 'notes.csv'), 'a,b\n1,2\n')
    const refused = await scrutineer('measures', '--ssda903', empty, '--end', '2018-03')
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /has no episodes file \(episodes\.csv\)/)
  })
})

describe('scrutineer import ssda903', () => {
  const scratch = scratchFolders('scrutineer-cli-ssda903-')
  it('imports a return into the database, listed as an ssda903 import', async () => {
    // A folder holding the demo council, copied from the run's (test/app.ts) rather than loaded afresh.
    const db = join(await scratch(), 'db')
    await (await demoStore(db)).close()
    const imported = await scrutineer('import', 'ssda903', RETURN, '--db', db)
    assert.equal(imported.code, 0, imported.stderr)
    assert.match(imported.stdout, /Imported ssda903 as import \d+: 5,146 rows in 3 lists, 45 errors/)
    assert.match(imported.stdout, /Months 2017-04 to 2018-03: [1-9]\d* indicators updated/)
    const listed = await scrutineer('imports', '--db', db)
    assert.match(listed.stdout, /\tssda903\tssda903\t/)
    const missing = await scrutineer('import', 'ssda903', '--db', db)
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /Say which return to import: "scrutineer import ssda903 FOLDER_OR_ZIP"/)
  })
})
