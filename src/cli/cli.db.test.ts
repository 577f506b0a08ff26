import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import type { Pack } from '../domain/pack.ts'

const BIN = fileURLToPath(new URL('../../bin/scrutineer.js', import.meta.url))

function scrutineer(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test' },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('scrutineer CLI', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scrutineer-cli-'))
  })

  it('prints the April 2018 pack as the JSON contract, loading the demo council into an empty database', () => {
    const { code, stdout, stderr } = scrutineer(
      'pack',
      '--period',
      '2018-04',
      '--format',
      'json',
      '--db',
      join(dir, 'demo'),
    )
    assert.equal(code, 0, stderr)
    const pack = JSON.parse(stdout) as Pack
    assert.equal(pack.period, '2018-04')
    assert.equal(pack.months.length, 13)
    assert.equal(pack.indicators.length, 49)
    const s47 = pack.indicators.find((i) => i.id === 's47-started')
    // (96 − 103) / 103 = −6.8% → −7, similar; (96 − 93) / 93 = +3.2% → 3; 12-month mean of May 2017–Apr 2018 = 1218 / 12 = 101.5 → 102.
    assert.deepEqual(s47?.changeFromPreviousMonth, { percent: -7, direction: 'similar', judgement: 'neutral' })
    assert.equal(s47?.changeFromSameMonthLastYear.percent, 3)
    assert.equal(s47?.average12Months, 102)
    assert.equal(s47?.max12Months, 124)
  })

  it('imports a long file, revising a month, and writes the pack as XLSX', async () => {
    const db = join(dir, 'demo')
    const file = join(dir, 'april-revision.csv')
    await writeFile(file, 'indicator_id,period,value\ns47-started,2018-04,100\n')
    const imported = scrutineer('import', 'values', file, '--db', db)
    assert.equal(imported.code, 0, imported.stderr)
    assert.match(imported.stdout, /0 figures added, 1 revised, 0 unchanged/)
    const out = join(dir, 'pack.xlsx')
    const packed = scrutineer('pack', '--period', '2018-04', '--format', 'xlsx', '--out', out, '--db', db)
    assert.equal(packed.code, 0, packed.stderr)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await readFile(out)) as unknown as ArrayBuffer)
    assert.ok(workbook.worksheets.length >= 1)
  })

  describe('edge cases', () => {
    it('refuses a bad file with exit code 1, every problem on stderr, and nothing imported', async () => {
      const db = join(dir, 'demo')
      const file = join(dir, 'bad.csv')
      await writeFile(file, 'indicator_id,period,value\ns47-started,2018-04,lots\n')
      const result = scrutineer('import', 'values', file, '--db', db)
      assert.equal(result.code, 1)
      assert.match(result.stderr, /Nothing was imported: 1 problem in .*bad\.csv/)
      assert.match(result.stderr, /bad\.csv, row 2, column "value" \(value "lots"\)/)
      const pack = JSON.parse(scrutineer('pack', '--period', '2018-04', '--format', 'json', '--db', db).stdout) as Pack
      assert.equal(pack.indicators.find((i) => i.id === 's47-started')?.values.at(-1)?.value, 100)
    })

    it('gives a usage error with exit code 2 for a bad period or unknown command', () => {
      assert.equal(scrutineer('pack', '--period', 'April', '--db', 'memory').code, 2)
      assert.equal(scrutineer('frobnicate', '--db', 'memory').code, 2)
      assert.equal(scrutineer('pack', '--nonsense').code, 2)
    })

    it('says when a month has no figures', () => {
      const result = scrutineer('pack', '--period', '2030-01', '--format', 'json', '--db', join(dir, 'demo'))
      assert.equal(result.code, 1)
      assert.match(result.stderr, /no figures for 2030-01/)
    })
  })
})
