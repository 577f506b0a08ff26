// node:test runs describe/it itself; their returned promises are not ours to await.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { blankIndicator } from '../domain/catalogue.ts'
import type { Pack } from '../domain/pack.ts'
import { periodsEnding } from '../domain/period.ts'
import { CHANGE_NUMBER_FORMAT, KEY_SHEET_NAME, PACK_SHEET_NAME, packToXlsx } from './pack-xlsx.ts'
import { PackExportError, roundForDisplay } from './pack-table.ts'
import { VINTAGE, packIndicator, samplePack, sampleCatalogue } from './testing.ts'

async function readBack(pack: Pack, catalogue = sampleCatalogue()): Promise<ExcelJS.Workbook> {
  const buffer = await packToXlsx(pack, catalogue)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
  return workbook
}

function sheetOf(workbook: ExcelJS.Workbook, name = PACK_SHEET_NAME): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name)
  assert.ok(sheet, `sheet ${name} exists`)
  return sheet
}

/** Column numbers of the Dataset sheet, by heading. */
function columnOf(sheet: ExcelJS.Worksheet, heading: string): number {
  const headings = (sheet.getRow(2).values as unknown[]).map((value) => (typeof value === 'string' ? value : ''))
  const index = headings.indexOf(heading)
  assert.ok(index > 0, `column ${heading} exists`)
  return index
}

function cell(sheet: ExcelJS.Worksheet, row: number, heading: string): ExcelJS.Cell {
  return sheet.getRow(row).getCell(columnOf(sheet, heading))
}

/** A cell's note as plain text; exceljs reads notes back as rich text. */
function noteText(target: ExcelJS.Cell): string | undefined {
  const note = target.note as string | ExcelJS.Comment | undefined
  if (note === undefined || typeof note === 'string') return note
  return (note.texts ?? []).map((text) => text.text).join('')
}

const HEADINGS = [
  'Indicator',
  'Owner',
  'Reporter',
  'Outcome',
  'Apr-17',
  'May-17',
  'Jun-17',
  'Jul-17',
  'Aug-17',
  'Sep-17',
  'Oct-17',
  'Nov-17',
  'Dec-17',
  'Jan-18',
  'Feb-18',
  'Mar-18',
  'Apr-18',
  '% change from previous month',
  '% change from same month prev. yr',
  'DoT',
  '12 month average',
  '12-mnth max value',
  'Stat. neighbour',
  'England',
  'South East region',
  'Target 2018-19',
  'RAG',
]

// Rows of the sample pack's Dataset sheet: title, headings, then each area's heading row and its indicators.
const ROW = { title: 1, headings: 2, frontDoor: 3, referrals: 4, mash: 5, childProtection: 6, cpPlans: 7 }

describe('packToXlsx', () => {
  it('sets the workbook creator and has the Dataset and Key sheets', async () => {
    const workbook = await readBack(samplePack())
    assert.equal(workbook.creator, 'Scrutineer')
    assert.deepEqual(
      workbook.worksheets.map((sheet) => sheet.name),
      [PACK_SHEET_NAME, KEY_SHEET_NAME],
    )
  })

  it('writes the title row and the council headings', async () => {
    const sheet = sheetOf(await readBack(samplePack()))
    assert.equal(sheet.getRow(ROW.title).getCell(1).value, 'Children and Families Monthly Dataset – April 2018')
    assert.deepEqual((sheet.getRow(ROW.headings).values as unknown[]).slice(1), HEADINGS)
  })

  it('uses the dataset title it is given', async () => {
    const buffer = await packToXlsx(samplePack(), sampleCatalogue(), { datasetTitle: 'Early Help Dataset' })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
    assert.equal(sheetOf(workbook).getCell('A1').value, 'Early Help Dataset – April 2018')
  })

  it('freezes the title and heading rows and the indicator column', async () => {
    const sheet = sheetOf(await readBack(samplePack()))
    const view = sheet.views[0]
    assert.equal(view?.state, 'frozen')
    assert.equal((view as ExcelJS.WorksheetViewFrozen).ySplit, 2)
    assert.equal((view as ExcelJS.WorksheetViewFrozen).xSplit, 1)
  })

  it('prints on A4 landscape, one page wide, repeating the heading rows', async () => {
    const { pageSetup } = sheetOf(await readBack(samplePack()))
    assert.equal(pageSetup.paperSize, 9)
    assert.equal(pageSetup.orientation, 'landscape')
    assert.equal(pageSetup.fitToPage, true)
    assert.equal(pageSetup.fitToWidth, 1)
    assert.equal(pageSetup.fitToHeight, 0)
    assert.equal(pageSetup.printTitlesRow, '1:2')
  })

  it('sets a width on every column', async () => {
    const sheet = sheetOf(await readBack(samplePack()))
    for (let index = 1; index <= HEADINGS.length; index += 1) {
      assert.ok((sheet.getColumn(index).width ?? 0) >= 8, `column ${index} has a width`)
    }
    assert.equal(sheet.getColumn(1).width, 50)
  })

  it('groups rows under a heading row per service area, in the order areas first appear', async () => {
    const sheet = sheetOf(await readBack(samplePack()))
    const firstColumn = [3, 4, 5, 6, 7].map((row) => sheet.getRow(row).getCell(1).value)
    assert.deepEqual(firstColumn, [
      'Front door',
      'Number of new referrals',
      'FD2 – Referrals completed by MASH within 24 hours',
      'Child protection',
      'CP1 – Children subject to a child protection plan',
    ])
    assert.equal(sheet.getRow(ROW.frontDoor).getCell(1).font.bold, true)
    assert.equal(cell(sheet, ROW.frontDoor, 'Apr-18').value, null)
    assert.equal(sheet.rowCount, 7)
  })

  it('writes owner, reporter and outcome from the catalogue', async () => {
    const sheet = sheetOf(await readBack(samplePack()))
    assert.equal(cell(sheet, ROW.cpPlans, 'Owner').value, 'Jane White')
    assert.equal(cell(sheet, ROW.cpPlans, 'Reporter').value, 'Performance team')
    assert.equal(cell(sheet, ROW.cpPlans, 'Outcome').value, 'Outcome for cp-plans')
  })

  it('stores counts as numbers with a thousands format', async () => {
    const sheet = sheetOf(await readBack(samplePack()))
    const april = cell(sheet, ROW.referrals, 'Apr-18')
    assert.equal(april.type, ExcelJS.ValueType.Number)
    assert.equal(april.value, 375)
    assert.equal(april.numFmt, '#,##0')
    assert.equal(cell(sheet, ROW.referrals, 'England').value, 1354)
    assert.equal(cell(sheet, ROW.referrals, 'England').numFmt, '#,##0')
  })

  it('stores percentages rounded to 1 decimal place with a 1-decimal format', async () => {
    const sheet = sheetOf(await readBack(samplePack()))
    const april = cell(sheet, ROW.mash, 'Apr-18')
    assert.equal(april.value, 66.7) // 200 / 3
    assert.equal(april.numFmt, '0.0')
    assert.equal(cell(sheet, ROW.mash, 'Mar-18').value, 68.8) // 68.75, half away from zero
    assert.equal(cell(sheet, ROW.mash, '12 month average').value, 74.2)
    assert.equal(cell(sheet, ROW.mash, '12 month average').numFmt, '0.0')
    assert.equal(cell(sheet, ROW.mash, 'Target 2018-19').value, 80)
    assert.equal(cell(sheet, ROW.mash, 'Target 2018-19').numFmt, '0.0')
  })

  it('stores changes as whole percents with a % format, negatives included', async () => {
    const sheet = sheetOf(await readBack(samplePack()))
    const fall = cell(sheet, ROW.mash, '% change from previous month')
    assert.equal(fall.type, ExcelJS.ValueType.Number)
    assert.equal(fall.value, -3)
    assert.equal(fall.numFmt, CHANGE_NUMBER_FORMAT)
    assert.equal(CHANGE_NUMBER_FORMAT, '0"%"')
    assert.equal(cell(sheet, ROW.cpPlans, '% change from same month prev. yr').value, -21)
    assert.equal(cell(sheet, ROW.referrals, '% change from previous month').value, 39)
  })

  it('writes direction of travel as arrow text with the judgement', async () => {
    const sheet = sheetOf(await readBack(samplePack()))
    assert.equal(cell(sheet, ROW.referrals, 'DoT').value, '▲ Increase (neutral)')
    assert.equal(cell(sheet, ROW.mash, 'DoT').value, '► Similar')
    assert.equal(cell(sheet, ROW.cpPlans, 'DoT').value, '▼ Decrease (positive)')
  })

  it('writes RAG as a word', async () => {
    const sheet = sheetOf(await readBack(samplePack()))
    assert.equal(cell(sheet, ROW.cpPlans, 'RAG').value, 'Green')
    assert.equal(cell(sheet, ROW.mash, 'RAG').value, 'Red')
  })

  it('notes each benchmark cell with the vintage from the catalogue', async () => {
    const sheet = sheetOf(await readBack(samplePack()))
    assert.equal(noteText(cell(sheet, ROW.cpPlans, 'Stat. neighbour')), VINTAGE)
    assert.equal(noteText(cell(sheet, ROW.cpPlans, 'Target 2018-19')), undefined)
  })

  it('has a Key sheet explaining direction of travel, RAG and benchmarking', async () => {
    const key = sheetOf(await readBack(samplePack()), KEY_SHEET_NAME)
    const terms: unknown[] = []
    key.eachRow((row) => terms.push(row.getCell(1).value))
    for (const term of ['▲ Increase', '► Similar', '▼ Decrease', '(positive)', '(negative)', '(neutral)', 'n/a']) {
      assert.ok(terms.includes(term), `Key explains ${term}`)
    }
    for (const term of ['Green', 'Amber', 'Red', 'Benchmarking']) assert.ok(terms.includes(term), `Key has ${term}`)
    const texts: string[] = []
    key.eachRow((row) => texts.push(row.getCell(2).text))
    assert.ok(texts.some((text) => text.includes(VINTAGE)))
    assert.ok(texts.some((text) => text.includes('May-17 to Apr-18')))
  })

  it("adds the council's own DfE value, rank and quartile before the target when an indicator has them", async () => {
    const catalogue = sampleCatalogue()
    const cp = catalogue.get('cp-plans')
    assert.ok(cp)
    const vintage = 'DfE 2024-25 data, statistical neighbours May 2025'
    catalogue.set('cp-plans', {
      ...cp,
      dfeStanding: { value: 41.5, notPublished: null, rank: 12, of: 152, quartile: 'A', vintage },
    })
    const workbook = await readBack(samplePack(), catalogue)
    const sheet = sheetOf(workbook)
    const headings = (sheet.getRow(ROW.headings).values as unknown[]).slice(1)
    const region = headings.indexOf('South East region')
    assert.deepEqual(headings.slice(region + 1, region + 5), [
      'Our value (DfE)',
      'Rank (DfE)',
      'Quartile (DfE)',
      'Target 2018-19',
    ])
    assert.equal(cell(sheet, ROW.cpPlans, 'Our value (DfE)').value, 41.5)
    assert.equal(noteText(cell(sheet, ROW.cpPlans, 'Our value (DfE)')), vintage)
    assert.equal(cell(sheet, ROW.cpPlans, 'Rank (DfE)').value, '12 of 152')
    assert.equal(cell(sheet, ROW.cpPlans, 'Quartile (DfE)').value, 'A')
    assert.equal(cell(sheet, ROW.referrals, 'Our value (DfE)').value, null)
    assert.equal(cell(sheet, ROW.referrals, 'Rank (DfE)').value, '')
    const terms: unknown[] = []
    sheetOf(workbook, KEY_SHEET_NAME).eachRow((row) => terms.push(row.getCell(1).value))
    assert.ok(terms.includes('Our value, rank and quartile (DfE)'))
  })

  it('says in the Key which rates use an earlier year’s child population', async () => {
    const catalogue = sampleCatalogue()
    const cp = catalogue.get('cp-plans')
    assert.ok(cp)
    catalogue.set('cp-plans', {
      ...cp,
      populationFallbacks: [{ financialYear: '2018-19', from: '2017-18', midYear: 2017 }],
    })
    const key = sheetOf(await readBack(samplePack(), catalogue), KEY_SHEET_NAME)
    const rows: string[] = []
    key.eachRow((row) => rows.push(`${row.getCell(1).text} | ${row.getCell(2).text}`))
    assert.ok(rows.includes('Child population | '))
    assert.ok(
      rows.some((row) =>
        /^Rates per 10,000 \| Children subject to a child protection plan: ONS has published no population estimate for 2018-19 yet/.test(
          row,
        ),
      ),
      rows.join('\n'),
    )
  })

  it('has no DfE columns when every indicator has hand-typed benchmarks', async () => {
    const headings = (sheetOf(await readBack(samplePack())).getRow(ROW.headings).values as unknown[]).slice(1)
    assert.equal(headings.includes('Rank (DfE)'), false)
  })
})

describe('packToXlsx edge cases', () => {
  it('leaves cells empty for months with no value, no target and no benchmarks', async () => {
    const pack = samplePack()
    const sheet = sheetOf(await readBack({ ...pack, indicators: [packIndicator('empty')] }))
    // Row 3 is the Front door heading, row 4 the indicator.
    assert.equal(sheet.getRow(4).getCell(1).value, 'empty')
    for (const heading of ['Apr-17', 'Apr-18', '% change from previous month', '12 month average', 'Stat. neighbour']) {
      assert.equal(cell(sheet, 4, heading).value, null, heading)
    }
    assert.equal(cell(sheet, 4, 'Target 2018-19').value, null)
    assert.equal(cell(sheet, 4, 'DoT').value, 'n/a')
    assert.equal(cell(sheet, 4, 'RAG').value, '')
  })

  it('leaves a month empty when the pack leaves it out of the values', async () => {
    const pack = samplePack()
    const referrals = pack.indicators[0]
    assert.ok(referrals)
    const sheet = sheetOf(
      await readBack({ ...pack, indicators: [{ ...referrals, values: referrals.values.slice(1) }] }),
    )
    assert.equal(cell(sheet, 4, 'Apr-17').value, null)
    assert.equal(cell(sheet, 4, 'May-17').value, 333)
    assert.equal(cell(sheet, 4, 'Jun-17').value, null) // null in the pack
  })

  it('keeps a title with commas, quotes, a newline and a leading "=" as plain text, never a formula', async () => {
    const title = '=HYPERLINK("http://evil"), "quoted"\nsecond line'
    const sheet = sheetOf(await readBack({ ...samplePack(), indicators: [packIndicator('odd', { title })] }))
    const label = sheet.getRow(4).getCell(1)
    assert.equal(label.type, ExcelJS.ValueType.String)
    assert.equal(label.value, title)
  })

  it('writes blank owner details when the catalogue has no entry, and "Region" when no region is named', async () => {
    const sheet = sheetOf(await readBack(samplePack(), new Map()))
    assert.equal(cell(sheet, ROW.cpPlans, 'Owner').value, '')
    assert.equal(noteText(cell(sheet, ROW.cpPlans, 'Stat. neighbour')), undefined)
    assert.equal(sheet.getRow(2).getCell(25).value, 'Region')
  })

  it('heads the region column "Region" when indicators name different regions', async () => {
    const catalogue = sampleCatalogue()
    catalogue.set('cp-plans', blankIndicator('cp-plans', { regionName: 'London' }))
    const sheet = sheetOf(await readBack(samplePack(), catalogue))
    assert.equal(sheet.getRow(2).getCell(25).value, 'Region')
  })

  it('heads the target column with the financial year of the pack month (March is the year before)', async () => {
    const months = periodsEnding('2018-03', 13)
    const sheet = sheetOf(await readBack({ dataset: 'monthly', period: '2018-03', months, indicators: [] }))
    assert.ok((sheet.getRow(2).values as unknown[]).includes('Target 2017-18'))
    assert.equal(sheet.getRow(2).getCell(5).value, 'Mar-17')
    assert.equal(sheet.rowCount, 2) // no indicators: no group rows
  })

  it('refuses a pack holding NaN, naming the indicator', async () => {
    const pack = { ...samplePack(), indicators: [packIndicator('broken', { target: Number.NaN })] }
    await assert.rejects(packToXlsx(pack, sampleCatalogue()), (error: unknown) => {
      assert.ok(error instanceof PackExportError)
      assert.match(error.message, /broken/)
      return true
    })
  })

  it('rounds half away from zero on the written decimal, never giving −0', () => {
    assert.equal(roundForDisplay('count', 2.5), 3)
    assert.equal(roundForDisplay('count', -2.5), -3)
    assert.equal(roundForDisplay('rate per 10,000', 104.5), 105)
    assert.equal(roundForDisplay('percentage', 1.45), 1.5) // binary 1.4499999999999999556
    assert.equal(roundForDisplay('percentage', 64.84375), 64.8)
    assert.ok(Object.is(roundForDisplay('percentage', -0.04), 0))
    assert.ok(Object.is(roundForDisplay('days', -0), 0))
  })
})
