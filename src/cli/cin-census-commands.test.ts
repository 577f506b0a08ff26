import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'

const BIN = fileURLToPath(new URL('../../bin/scrutineer.js', import.meta.url))
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/cin-census/${name}`, import.meta.url))

function scrutineer(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test' },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('scrutineer cin-census summary', () => {
  it('prints the counts of each fixture as read, in the contract order', () => {
    const expected: Record<string, string> = {
      'CIN_Census_2024.xml':
        '{"children":2,"referrals":2,"assessments":2,"section47":1,"icpcs":2,"cin_plans":1,"cp_plans":1,"problems":1}',
      'CIN2rows.xml':
        '{"children":1,"referrals":1,"assessments":1,"section47":1,"icpcs":2,"cin_plans":1,"cp_plans":2,"problems":0}',
      'cin-2022.xml':
        '{"children":1,"referrals":1,"assessments":1,"section47":1,"icpcs":2,"cin_plans":1,"cp_plans":1,"problems":0}',
    }
    for (const [name, json] of Object.entries(expected)) {
      const { code, stdout, stderr } = scrutineer('cin-census', 'summary', fixture(name), '--format', 'json')
      assert.equal(code, 0, stderr)
      assert.equal(stdout, `${json}\n`, name)
    }
  })

  it('refuses a document that is not a census with exit code 1, the line and the column', () => {
    const { code, stdout, stderr } = scrutineer('cin-census', 'summary', fixture('CIN_schema_2024.xsd'))
    assert.equal(code, 1)
    assert.equal(stdout, '')
    assert.match(stderr, /CIN_schema_2024\.xsd, row 2: This is not a children in need census.*\(column 55\)/)
  })

  it('says how to use it when the file is missing', () => {
    assert.equal(scrutineer('cin-census', 'summary').code, 2)
  })
})

describe('scrutineer measures --cin-census', () => {
  it('prints the same JSON shape as --annex-a, with census problems as errors', () => {
    const { code, stdout, stderr } = scrutineer(
      'measures',
      '--cin-census',
      fixture('CIN_Census_2024.xml'),
      '--end',
      '2022-10',
      '--months',
      '2',
      '--format',
      'json',
    )
    assert.equal(code, 0, stderr)
    const report = JSON.parse(stdout) as {
      months: string[]
      measures: Record<string, Record<string, { count: number }>>
      snapshot: Record<string, Record<string, { count: number }>>
      errors: Array<{ list: null; row: number; column: string; value: string; reason: string }>
    }
    assert.deepEqual(Object.keys(report), ['months', 'measures', 'snapshot', 'errors'])
    assert.deepEqual(report.months, ['2022-09', '2022-10'])
    // The 2024 fixture's first child was referred on 6 October 2022.
    assert.equal(report.measures.referrals?.['2022-10']?.count, 1)
    assert.equal(report.measures.referrals?.['2022-09']?.count, 0)
    assert.equal(report.errors[0]?.row, 43)
    assert.match(report.errors[0]?.reason ?? '', /^child DfEX0000001: The authorisation date is before/)
  })

  it('refuses --annex-a and --cin-census together', () => {
    const { code, stderr } = scrutineer('measures', '--annex-a', 'x', '--cin-census', 'y', '--end', '2018-04')
    assert.equal(code, 2)
    assert.match(stderr, /Give one of --annex-a PATH, --cin-census FILE or --ssda903 FOLDER, not more/)
  })
})
