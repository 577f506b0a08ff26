/**
 * The exports of a published pack: every figure withheld by disclosure control is written as `c`, never as the
 * small number and never as a blank that looks like "no data".
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import type { Pack } from '../domain/pack.ts'
import { disclosePack } from '../domain/publication.ts'
import { packToCsv } from './pack-csv.ts'
import { packToJson, publishedPackToJson } from './pack-json.ts'
import { packToXlsx } from './pack-xlsx.ts'
import { packIndicator, sampleCatalogue, samplePack, values } from './testing.ts'

/** The sample pack with an adoptions count of 3 children in April 2018. */
function packWithSmallCount(): Pack {
  const pack = samplePack()
  pack.indicators.push(
    packIndicator('adoptions', {
      title: 'Number of adoptions',
      serviceArea: 'Permanence',
      values: values([12, 8, 10, 9, 8, 7, 9, 10, 12, 6, 8, 9, 3]),
      changeFromPreviousMonth: { percent: -67, direction: 'decrease', judgement: 'neutral' },
      average12Months: 8,
      max12Months: 12,
    }),
  )
  return pack
}

const META = {
  version: 1,
  publishedAt: '2018-05-15T10:00:00.000Z',
  publishedBy: 'Jo Director',
  contentHash: 'a'.repeat(64),
  disclosure: 'c means withheld',
}

describe('published pack exports', () => {
  it('writes a withheld month and its derived columns as c in the CSV', () => {
    const disclosed = disclosePack(packWithSmallCount(), sampleCatalogue())
    const csv = packToCsv(disclosed.pack, sampleCatalogue(), { withheld: disclosed.withheld })
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true })
    const adoptions = rows.data.find((r) => r.id === 'adoptions')
    assert.equal(adoptions?.['2018-04'], 'c')
    assert.equal(adoptions?.['2018-03'], '9')
    assert.equal(adoptions?.['change_from_previous_month_percent'], 'c')
    assert.equal(adoptions?.['average_12_months'], 'c')
    assert.equal(adoptions?.['max_12_months'], 'c')
    // Nothing else changes.
    assert.equal(rows.data.find((r) => r.id === 'referrals')?.['2018-04'], '375')
  })

  it('writes c in the JSON and says which published version it is', () => {
    const disclosed = disclosePack(packWithSmallCount(), sampleCatalogue())
    const json = JSON.parse(publishedPackToJson(disclosed.pack, disclosed.withheld, META)) as {
      publication: typeof META
      indicators: Array<{ id: string; values: Array<{ value: unknown }>; average12Months: unknown; rag: unknown }>
    }
    assert.deepEqual(json.publication, META)
    const adoptions = json.indicators.find((r) => r.id === 'adoptions')
    assert.equal(adoptions?.values.at(-1)?.value, 'c')
    assert.equal(adoptions?.values.at(-2)?.value, 9)
    assert.equal(adoptions?.average12Months, 'c')
    assert.equal(adoptions?.rag, 'c')
    assert.equal(json.indicators.find((r) => r.id === 'referrals')?.values.at(-1)?.value, 375)
  })

  it('writes c in the XLSX', async () => {
    const disclosed = disclosePack(packWithSmallCount(), sampleCatalogue())
    const buffer = await packToXlsx(disclosed.pack, sampleCatalogue(), { withheld: disclosed.withheld })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
    const sheet = workbook.getWorksheet('Dataset')
    let april: unknown = undefined
    sheet?.eachRow((row) => {
      if (row.getCell(1).value === 'Number of adoptions') april = row.getCell(17).value
    })
    assert.equal(april, 'c')
  })

  describe('edge cases', () => {
    it('writes a pack with nothing withheld exactly as the live export does', () => {
      const disclosed = disclosePack(samplePack(), sampleCatalogue())
      assert.equal(disclosed.withheld.size, 0)
      assert.equal(
        packToCsv(disclosed.pack, sampleCatalogue(), { withheld: disclosed.withheld }),
        packToCsv(samplePack(), sampleCatalogue()),
      )
      const published = JSON.parse(publishedPackToJson(disclosed.pack, disclosed.withheld, META)) as Record<
        string,
        unknown
      >
      const live = JSON.parse(packToJson(samplePack())) as Record<string, unknown>
      assert.deepEqual(published.indicators, live.indicators)
    })

    it("adds the council's own DfE value, rank and quartile after an indicator's benchmarks, and only there", () => {
      const catalogue = sampleCatalogue()
      const cp = catalogue.get('cp-plans')
      assert.ok(cp)
      const vintage = 'DfE 2024-25 data, statistical neighbours May 2025'
      catalogue.set('cp-plans', {
        ...cp,
        dfeStanding: { value: 41.5, notPublished: null, rank: 12, of: 152, quartile: 'A', vintage, councils: [] },
      })
      const disclosed = disclosePack(samplePack(), catalogue)
      const published = JSON.parse(publishedPackToJson(disclosed.pack, disclosed.withheld, META, catalogue)) as {
        indicators: Array<Record<string, unknown>>
      }
      const withDfe = published.indicators.find((indicator) => indicator['id'] === 'cp-plans')
      assert.ok(withDfe)
      const keys = Object.keys(withDfe)
      assert.deepEqual(keys.slice(keys.indexOf('benchmarks'), keys.indexOf('benchmarks') + 3), [
        'benchmarks',
        'dfeBenchmark',
        'target',
      ])
      assert.deepEqual(withDfe['dfeBenchmark'], {
        value: 41.5,
        notPublished: null,
        rank: 12,
        of: 152,
        quartile: 'A',
        vintage,
      })
      const local = published.indicators.find((indicator) => indicator['id'] === 'referrals')
      const live = JSON.parse(packToJson(samplePack())) as { indicators: Array<Record<string, unknown>> }
      assert.deepEqual(Object.keys(local ?? {}), Object.keys(live.indicators[0] ?? {}))
    })

    it('never writes the small number, even where a withheld key is forgotten by the caller', () => {
      const disclosed = disclosePack(packWithSmallCount(), sampleCatalogue())
      const csv = packToCsv(disclosed.pack, sampleCatalogue())
      const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
        header: true,
        skipEmptyLines: true,
      })
      assert.equal(rows.data.find((r) => r.id === 'adoptions')?.['2018-04'], '')
    })
  })
})
