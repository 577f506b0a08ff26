import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readFiguresCsv, readFiguresFile } from './figures.ts'
import type { FiguresFile } from './figures.ts'
import { describeProblem, type ImportProblem } from './problem.ts'
import { textFileMessages } from './text-file.ts'
import { junkBytes, windows1252 } from '../../test/hostile-bytes.ts'
import type { Result } from '../domain/result.ts'

const testdata = (name: string): string => fileURLToPath(new URL(`testdata/${name}`, import.meta.url))
const FIXTURE = fileURLToPath(new URL('../../fixtures/monthly-dataset-2018-04.csv', import.meta.url))

const CATALOGUE_HEADER = 'id,code,title,service_area,unit,polarity,owner,outcome,numerator,denominator'

function expectOk(result: Result<FiguresFile, ImportProblem>): FiguresFile {
  if (!result.ok) assert.fail(`expected the import to succeed, got: ${JSON.stringify(result.problems, null, 1)}`)
  return result.value
}

function expectProblems(result: Result<FiguresFile, ImportProblem>): ImportProblem[] {
  if (result.ok) assert.fail('expected the import to fail')
  return result.problems
}

/** A one-row wide file: the catalogue cells, then `extra` headings and cells. */
function wideCsv(rows: string[], extraHeadings = '2018-03,2018-04'): string {
  return [`${CATALOGUE_HEADER},${extraHeadings}`, ...rows].join('\n') + '\n'
}

const csv = (text: string) => readFiguresCsv(text, { displayName: 'figures.csv' })

describe('readFiguresFile: the council’s April 2018 dataset', () => {
  let figures: FiguresFile
  before(async () => {
    figures = expectOk(await readFiguresFile(FIXTURE))
  })
  const indicator = (id: string) => {
    const found = figures.catalogue.find((i) => i.id === id)
    assert.ok(found, `no indicator ${id}`)
    return found
  }
  const value = (id: string, period: string) =>
    figures.observations.find((o) => o.indicatorId === id && o.period === period)?.value

  it('reads the wide layout: 49 indicators over the 13 months April 2017 to April 2018', () => {
    assert.equal(figures.layout, 'wide')
    assert.equal(figures.catalogue.length, 49)
    assert.equal(figures.months.length, 13)
    assert.equal(figures.months[0], '2017-04')
    assert.equal(figures.months.at(-1), '2018-04')
    assert.equal(figures.observations.length, 49 * 13)
    assert.equal(figures.catalogue[0]?.id, 'contacts-cin-referrals')
  })

  it('links a percentage to the indicators counting its numerator and denominator', () => {
    const sa = indicator('sa-in-45wd')
    assert.equal(sa.numeratorId, 'sa-in-45wd-count')
    assert.equal(sa.denominatorId, 'sa-completed')
    assert.equal(sa.unit, 'percentage')
    assert.equal(sa.polarity, 'higher')
    assert.equal(value('sa-in-45wd', '2017-04'), 72)
    assert.equal(value('sa-in-45wd', '2018-04'), 65)
  })

  it('reads targets by financial year, benchmarks and the region', () => {
    const lac = indicator('lac-count')
    assert.equal(lac.code, 'LAC1')
    assert.equal(lac.polarity, 'lower')
    assert.deepEqual(lac.targets, [
      { financialYear: '2017-18', value: 515 },
      { financialYear: '2018-19', value: 460 },
      { financialYear: '2019-20', value: 390 },
    ])
    assert.deepEqual(lac.benchmarks, {
      statisticalNeighbours: { value: 462, vintage: null },
      england: { value: 478, vintage: null },
      region: { value: 517, vintage: null },
    })
    assert.equal(lac.regionName, 'South East')
    assert.equal(lac.ragTolerancePercent, 5)
  })

  it('keeps a blank month as a null figure, and blank catalogue cells as empty text', () => {
    assert.equal(value('foster-carers', '2017-04'), null)
    assert.equal(value('foster-carers', '2017-05'), 181)
    assert.deepEqual(indicator('foster-carers').targets, [{ financialYear: '2017-18', value: 190 }])
    assert.equal(indicator('uha-started').owner, '')
    assert.equal(indicator('mash-24h').benchmarks.england, null)
    assert.equal(value('cin-open', '2018-04'), 1158)
  })

  it('reads the rate per 10,000 unit', () => {
    assert.ok(figures.catalogue.some((i) => i.unit === 'rate per 10,000'))
  })
})

describe('wide layout', () => {
  it('matches headings ignoring case, spaces and punctuation, and reads the optional columns', async () => {
    const text = [
      'ID,Code,Title,Service area,Unit,Polarity,Owner,Outcome,Numerator,Denominator,Reporter,Definition,' +
        'RAG tolerance,Benchmark vintage,Apr-18,Benchmark: Stat neighbours,Benchmark England,Benchmark_North_West,' +
        'Target 2018-19',
      'cla,LAC1,Children looked after,Care,Count,Lower is better,Jo,Safe,,,Sam,Children in care,10,' +
        '"Updated Nov-17, using 2016-17 data",521,462,478,500,460',
    ].join('\r\n')
    const figures = expectOk(await csv(text))
    const [cla] = figures.catalogue
    assert.deepEqual(cla, {
      id: 'cla',
      code: 'LAC1',
      title: 'Children looked after',
      serviceArea: 'Care',
      unit: 'count',
      polarity: 'lower',
      owner: 'Jo',
      reporter: 'Sam',
      outcome: 'Safe',
      definition: 'Children in care',
      numeratorId: null,
      denominatorId: null,
      benchmarks: {
        statisticalNeighbours: { value: 462, vintage: 'Updated Nov-17, using 2016-17 data' },
        england: { value: 478, vintage: 'Updated Nov-17, using 2016-17 data' },
        region: { value: 500, vintage: 'Updated Nov-17, using 2016-17 data' },
      },
      regionName: 'North West',
      targets: [{ financialYear: '2018-19', value: 460 }],
      ragTolerancePercent: 10,
      measure: null,
    })
    assert.deepEqual(figures.months, ['2018-04'])
  })

  it('accepts the unit and polarity aliases', async () => {
    const figures = expectOk(
      await csv(
        wideCsv([
          'a,,A,X,%,higher is better,,,,,1,2',
          'b,,B,X,rate,neutral,,,,,1,2',
          'c,,C,X,Days,LOWER,,,,,1,2',
          'd,,D,X,rate per 10000,Higher,,,,,1,2',
        ]),
      ),
    )
    assert.deepEqual(
      figures.catalogue.map((i) => [i.unit, i.polarity]),
      [
        ['percentage', 'higher'],
        ['rate per 10,000', 'neutral'],
        ['days', 'lower'],
        ['rate per 10,000', 'higher'],
      ],
    )
  })

  it('reads thousands commas, surrounding spaces, decimals and a trailing % on a percentage', async () => {
    const figures = expectOk(
      await csv(wideCsv(['n,,N,X,count,neutral,,,,,"1,158", 42 ', 'p,,P,X,percentage,higher,,,,,72.0,72%'])),
    )
    assert.deepEqual(
      figures.observations.map((o) => [o.indicatorId, o.period, o.value]),
      [
        ['n', '2018-03', 1158],
        ['n', '2018-04', 42],
        ['p', '2018-03', 72],
        ['p', '2018-04', 72],
      ],
    )
  })

  it('lets a numerator or denominator name an indicator further down the file', async () => {
    const figures = expectOk(
      await csv(
        wideCsv([
          'pct,,Pct,X,percentage,higher,,,num,den,50,50',
          'num,,Num,X,count,higher,,,,,1,2',
          'den,,Den,X,count,neutral,,,,,2,4',
        ]),
      ),
    )
    const [pct] = figures.catalogue
    assert.ok(pct)
    assert.equal(pct.numeratorId, 'num')
    assert.equal(pct.denominatorId, 'den')
  })

  it('puts months in date order whatever order the columns are in', async () => {
    const figures = expectOk(await csv(wideCsv(['a,,A,X,count,neutral,,,,,4,3'], '2018-04,2018-03')))
    assert.deepEqual(figures.months, ['2018-03', '2018-04'])
    assert.deepEqual(
      figures.observations.map((o) => [o.period, o.value]),
      [
        ['2018-03', 3],
        ['2018-04', 4],
      ],
    )
  })
})

describe('long layout', () => {
  it('reads one figure per row, with optional numerator and denominator', async () => {
    const figures = expectOk(await readFiguresFile(testdata('long-good.csv')))
    assert.equal(figures.layout, 'long')
    assert.deepEqual(figures.catalogue, [])
    assert.deepEqual(figures.months, ['2018-04'])
    assert.deepEqual(figures.observations, [
      { indicatorId: 'lac-count', period: '2018-04', value: 521, numerator: null, denominator: null },
      { indicatorId: 'sa-in-45wd', period: '2018-04', value: 65, numerator: 54, denominator: 83 },
      { indicatorId: 'foster-carers', period: '2018-04', value: null, numerator: null, denominator: null },
    ])
  })

  it('accepts "id" for indicator_id and works without numerator and denominator columns', async () => {
    const figures = expectOk(await csv('ID,Period,Value\nlac-count,Mar-18,522\nlac-count,2018-04,521\n'))
    assert.deepEqual(figures.months, ['2018-03', '2018-04'])
    assert.deepEqual(
      figures.observations.map((o) => [o.period, o.value, o.numerator]),
      [
        ['2018-03', 522, null],
        ['2018-04', 521, null],
      ],
    )
  })

  it('reports a bad period, a blank period, a figure given twice and text in a number cell', async () => {
    const problems = expectProblems(await readFiguresFile(testdata('long-bad.csv')))
    assert.deepEqual(problems, [
      {
        file: 'long-bad.csv',
        row: 3,
        column: 'period',
        value: '2018-13',
        reason: '"2018-13" is not a month Scrutineer can read. Write periods like 2018-04 or Apr-18.',
      },
      {
        file: 'long-bad.csv',
        row: 4,
        column: 'period',
        value: null,
        reason: 'The period is blank. Give the month the figure is for, like 2018-04 or Apr-18.',
      },
      {
        file: 'long-bad.csv',
        row: 5,
        column: 'period',
        value: 'Apr-18',
        reason: 'There are two figures for "lac-count" in April 2018, on row 2 and row 5. Keep one of them.',
      },
      {
        file: 'long-bad.csv',
        row: 5,
        column: 'value',
        value: 'n/a',
        reason:
          '"n/a" is not a number. Enter a number such as 42, 1,158 or 72.5, or leave the cell empty if there is no figure.',
      },
    ])
  })

  it('reports the missing columns of a long file', async () => {
    const problems = expectProblems(await csv('indicator_id,period\nlac-count,2018-04\n'))
    assert.deepEqual(
      problems.map((p) => [p.row, p.reason]),
      [
        [
          1,
          'The header row is missing the column value. A long figures file needs the columns indicator_id (or id), ' +
            'period and value, and may also have numerator and denominator.',
        ],
      ],
    )
  })

  it('refuses a percent sign on a numerator', async () => {
    const problems = expectProblems(await csv('indicator_id,period,value,numerator,denominator\na,2018-04,50%,5%,10\n'))
    assert.deepEqual(
      problems.map((p) => [p.column, p.reason]),
      [
        [
          'numerator',
          '"5%" has a percent sign, but a numerator or denominator is a count, not a percentage. Remove the % sign.',
        ],
      ],
    )
  })
})

describe('bad files', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scrutineer-figures-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('refuses a file that is neither .csv nor .xlsx, naming it and the accepted types', async () => {
    const problems = expectProblems(await readFiguresFile(testdata('notes.txt')))
    assert.deepEqual(problems, [
      {
        file: 'notes.txt',
        row: null,
        column: null,
        value: null,
        reason:
          '"notes.txt" is not a file Scrutineer can read figures from. Use a CSV file (.csv) or an Excel workbook (.xlsx).',
      },
    ])
    const xls = expectProblems(await readFiguresFile(testdata('long-good.csv'), { displayName: 'April.xls' }))
    assert.match(xls[0]?.reason ?? '', /save it as an Excel workbook \(\.xlsx\)\.$/)
  })

  it('says which columns were expected when the file is not a figures file at all', async () => {
    const problems = expectProblems(await readFiguresFile(testdata('wrong-header.csv')))
    assert.deepEqual(problems, [
      {
        file: 'wrong-header.csv',
        row: 1,
        column: null,
        value: null,
        reason:
          'This is not a figures file: its header row has none of the expected column headings. A wide file (the ' +
          "council's layout) has the columns id, code, title, service_area, unit, polarity, owner, outcome, " +
          'numerator, denominator, then one column per month (headed like 2018-04 or Apr-18). A long file has the ' +
          'columns indicator_id (or id), period and value, and may also have numerator and denominator.',
      },
    ])
  })

  it('names the missing required columns of a wide file', async () => {
    const problems = expectProblems(await readFiguresFile(testdata('missing-columns.csv')))
    assert.deepEqual(
      problems.map((p) => [p.row, p.reason]),
      [
        [
          1,
          'The header row is missing the columns code, service_area, owner, outcome, numerator and denominator. A ' +
            'wide figures file needs the columns id, code, title, service_area, unit, polarity, owner, outcome, ' +
            'numerator, denominator, then one column per month (headed like 2018-04 or Apr-18).',
        ],
      ],
    )
  })

  it('names a missing id column', async () => {
    const text = `${CATALOGUE_HEADER.replace('id,', 'ref,')},2018-04\nx,,A,X,count,neutral,,,,,1\n`
    const problems = expectProblems(await csv(text))
    assert.deepEqual(
      problems.map((p) => p.reason.split('. ')[0]),
      ['The header row is missing the column id', 'Scrutineer does not recognise the column "ref"'],
    )
  })

  it('reports every cell with text in a number column', async () => {
    const problems = expectProblems(await readFiguresFile(testdata('text-in-number.csv')))
    const reason = (v: string) =>
      `"${v}" is not a number. Enter a number such as 42, 1,158 or 72.5, or leave the cell empty if there is no figure.`
    assert.deepEqual(problems, [
      { file: 'text-in-number.csv', row: 2, column: '2018-04', value: 'n/a', reason: reason('n/a') },
      { file: 'text-in-number.csv', row: 3, column: '2018-03', value: 'abc', reason: reason('abc') },
      { file: 'text-in-number.csv', row: 3, column: '2018-04', value: '12..3', reason: reason('12..3') },
    ])
  })

  it('names both rows of a duplicate indicator id', async () => {
    const problems = expectProblems(await readFiguresFile(testdata('duplicate-id.csv')))
    assert.deepEqual(problems, [
      {
        file: 'duplicate-id.csv',
        row: 4,
        column: 'id',
        value: 'lac-count',
        reason:
          'The indicator id "lac-count" is used on both row 2 and row 4. Each indicator needs one row with its own id.',
      },
    ])
  })

  it('reports month headings that are not months', async () => {
    const problems = expectProblems(await readFiguresFile(testdata('unknown-month.csv')))
    assert.deepEqual(
      problems.map((p) => [p.row, p.column, p.reason]),
      [
        [
          1,
          'Foo-18',
          '"Foo-18" looks like a month heading but is not a month Scrutineer can read. Head month columns like 2018-04 or Apr-18.',
        ],
        [
          1,
          '2018-13',
          '"2018-13" looks like a month heading but is not a month Scrutineer can read. Head month columns like 2018-04 or Apr-18.',
        ],
      ],
    )
  })

  it('reports a month given twice', async () => {
    const problems = expectProblems(await readFiguresFile(testdata('month-twice.csv')))
    assert.deepEqual(
      problems.map((p) => [p.row, p.column, p.reason]),
      [[1, '2018-04', 'April 2018 has two columns, "Apr-18" and "2018-04". Keep one of them.']],
    )
  })

  it('reports an empty file and a file with only a header row', async () => {
    assert.deepEqual(expectProblems(await readFiguresFile(testdata('empty.csv'))), [
      {
        file: 'empty.csv',
        row: null,
        column: null,
        value: null,
        reason: 'The file is empty: it has no header row and no figures.',
      },
    ])
    assert.deepEqual(
      expectProblems(await readFiguresFile(testdata('header-only.csv'))).map((p) => p.reason),
      ['The file has a header row but no figures under it.'],
    )
    assert.deepEqual(
      expectProblems(await csv('\r\n  \n,,\n')).map((p) => p.reason),
      ['The file is empty: it has no header row and no figures.'],
    )
  })

  it('refuses a 50 MB file by its size, stating the limit', async () => {
    const path = join(dir, 'huge.csv')
    const row = 'lac-count,2018-04,521\n'
    await writeFile(path, `indicator_id,period,value\n${row.repeat(Math.ceil((50 * 1024 * 1024) / row.length))}`)
    const problems = expectProblems(await readFiguresFile(path))
    assert.deepEqual(problems, [
      {
        file: 'huge.csv',
        row: null,
        column: null,
        value: null,
        reason:
          'The file is 50 MB, which is over the 20 MB limit for a figures file. Check that this is the right file.',
      },
    ])
  })

  it('honours a smaller size limit', async () => {
    const problems = expectProblems(await readFiguresFile(testdata('long-good.csv'), { maxBytes: 100 }))
    assert.equal(
      problems[0]?.reason,
      'The file is 126 bytes, which is over the 100 bytes limit for a figures file. Check that this is the right file.',
    )
  })

  it('reports a unit and a polarity it does not know', async () => {
    const problems = expectProblems(await readFiguresFile(testdata('bad-unit-polarity.csv')))
    assert.deepEqual(problems, [
      {
        file: 'bad-unit-polarity.csv',
        row: 2,
        column: 'unit',
        value: 'number',
        reason:
          '"number" is not a unit Scrutineer knows. Use count, percentage (or %), rate per 10,000 (or rate), or days.',
      },
      {
        file: 'bad-unit-polarity.csv',
        row: 2,
        column: 'polarity',
        value: 'up',
        reason:
          '"up" is not a polarity Scrutineer knows. Use higher (or higher is better), lower (or lower is better), or neutral.',
      },
    ])
  })

  it('reports a denominator naming an id that is not in the file', async () => {
    const problems = expectProblems(await readFiguresFile(testdata('unknown-numerator.csv')))
    assert.deepEqual(problems, [
      {
        file: 'unknown-numerator.csv',
        row: 3,
        column: 'denominator',
        value: 'sa-completed',
        reason:
          'There is no indicator with the id "sa-completed" in this file. The denominator must be the id of another ' +
          'indicator in the file, or be left empty.',
      },
    ])
  })

  it('reports a blank id', async () => {
    const problems = expectProblems(await readFiguresFile(testdata('blank-id.csv')))
    assert.deepEqual(problems, [
      {
        file: 'blank-id.csv',
        row: 3,
        column: 'id',
        value: null,
        reason: 'The indicator id is blank. Give every row the id of its indicator, or delete the row.',
      },
    ])
  })

  it('reports an .xlsx file that is not a workbook', async () => {
    const problems = expectProblems(await readFiguresFile(testdata('corrupt.xlsx')))
    assert.deepEqual(
      problems.map((p) => p.reason),
      [
        'The file is not a readable Excel workbook. It may be damaged, protected with a password, or another kind ' +
          'of file renamed to .xlsx. Open it in Excel and save it again as an Excel workbook (.xlsx).',
      ],
    )
  })

  it('reports a file that is not there, and a folder', async () => {
    assert.deepEqual(
      expectProblems(await readFiguresFile(join(dir, 'missing.csv'))).map((p) => p.reason),
      ['The file could not be found.'],
    )
    assert.deepEqual(
      expectProblems(await readFiguresFile(dir, { displayName: 'folder.csv' })).map((p) => p.reason),
      ['This is a folder, not a file.'],
    )
  })

  it('is all or nothing: one bad cell among good ones gives no figures at all', async () => {
    const result = await csv(
      wideCsv(['a,,A,X,count,neutral,,,,,1,2', 'b,,B,X,count,neutral,,,,,3,x', 'c,,C,X,count,neutral,,,,,5,6']),
    )
    assert.equal(result.ok, false)
    assert.equal('value' in result, false)
    assert.deepEqual(
      expectProblems(result).map((p) => [p.row, p.column]),
      [[3, '2018-04']],
    )
  })

  it('lists the first 1,000 problems and sums up the rest', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `ind-${i},2018-04,bad`)
    const problems = expectProblems(await csv(`indicator_id,period,value\n${rows.join('\n')}`))
    assert.equal(problems.length, 1001)
    assert.equal(problems[999]?.row, 1001)
    assert.deepEqual(problems[1000], {
      file: 'figures.csv',
      row: null,
      column: null,
      value: null,
      reason:
        '…and 500 more problems not listed here. Correct the problems above and import the file again to see the rest.',
    })
  })
})

describe('edge cases', () => {
  const oneCell = async (cell: string, unit = 'count') => csv(wideCsv([`a,,A,X,${unit},neutral,,,,,${cell},`]))
  const reasonFor = async (cell: string, unit = 'count') =>
    expectProblems(await oneCell(cell, unit)).map((p) => p.reason)

  it('reads −0 as 0, a leading decimal point, and a negative number', async () => {
    const values = async (cell: string) => expectOk(await oneCell(cell)).observations[0]?.value
    assert.ok(Object.is(await values('-0'), 0))
    assert.equal(await values('.5'), 0.5)
    assert.equal(await values('-3'), -3)
    assert.equal(await values('"12,345,678.25"'), 12345678.25)
  })

  it('refuses numbers written in ways it should not guess at', async () => {
    for (const cell of ['1,15', '1e3', '+5', '5.', '1 158', '£5', '72%%', '%']) {
      assert.deepEqual(await reasonFor(`"${cell}"`), [
        `"${cell}" is not a number. Enter a number such as 42, 1,158 or 72.5, or leave the cell empty if there is no figure.`,
      ])
    }
  })

  it('refuses a percent sign on an indicator that is not a percentage', async () => {
    assert.deepEqual(await reasonFor('12%'), [
      '"12%" has a percent sign, but this indicator is a count, not a percentage. Remove the % sign.',
    ])
    assert.deepEqual(await reasonFor('12%', 'days'), [
      '"12%" has a percent sign, but this indicator is in days, not a percentage. Remove the % sign.',
    ])
  })

  it('explains a spreadsheet error saved into a CSV', async () => {
    assert.deepEqual(await reasonFor('#DIV/0!'), [
      'The cell holds the spreadsheet error #DIV/0!, not a number. Correct the formula, or leave the cell empty if there is no figure.',
    ])
  })

  it('keeps the spreadsheet row numbers when there are blank lines between rows', async () => {
    const problems = expectProblems(await csv('indicator_id,period,value\n\na,2018-04,1\n\n\nb,2018-04,x\n'))
    assert.deepEqual(
      problems.map((p) => p.row),
      [6],
    )
  })

  it('ignores empty columns without headings but reports a value in one', async () => {
    expectOk(await csv('indicator_id,period,value,,\na,2018-04,1,,\n'))
    const problems = expectProblems(await csv('indicator_id,period,value\na,2018-04,1,,stray\n'))
    assert.deepEqual(problems, [
      {
        file: 'figures.csv',
        row: 2,
        column: 'column E',
        value: 'stray',
        reason: 'This cell has a value but its column has no heading. Add a heading, or delete the value.',
      },
    ])
  })

  it('reports columns it does not know, bad target headings and a second regional benchmark', async () => {
    const problems = expectProblems(
      await csv(
        wideCsv(
          ['a,,A,X,count,neutral,,,,,1,1,1,2,3'],
          '2018-04,notes,target_2018_20,benchmark_london,benchmark_south_east',
        ),
      ),
    )
    assert.deepEqual(
      problems.map((p) => [p.column, p.reason.split('. ')[0]]),
      [
        ['notes', 'Scrutineer does not recognise the column "notes"'],
        ['target_2018_20', '"target_2018_20" is not a target column Scrutineer can read'],
        [
          'benchmark_south_east',
          'There is more than one regional benchmark column, "benchmark_london" and "benchmark_south_east"',
        ],
      ],
    )
  })

  it('reports a catalogue column given twice', async () => {
    const problems = expectProblems(await csv(wideCsv(['a,,A,X,count,neutral,,,,,1,count'], '2018-04,Unit')))
    assert.deepEqual(
      problems.map((p) => p.reason),
      ['There are two columns for the same thing, "unit" and "Unit". Keep one of them.'],
    )
  })

  it('reports a numerator without a denominator, an indicator that is its own numerator, and a bad id', async () => {
    const problems = expectProblems(
      await csv(
        wideCsv([
          'a,,A,X,percentage,neutral,,,a,b,1,2',
          'b,,B,X,percentage,neutral,,,b,,1,2',
          'c d,,C,X,count,neutral,,,,,1,2',
        ]),
      ),
    )
    assert.deepEqual(
      problems.map((p) => [p.row, p.column, p.reason]),
      [
        [
          2,
          'numerator',
          'An indicator cannot be its own numerator. Give the id of the indicator that counts the numerator, or leave it empty.',
        ],
        [
          3,
          'numerator',
          'An indicator cannot be its own numerator. Give the id of the indicator that counts the numerator, or leave it empty.',
        ],
        [3, 'denominator', 'A numerator is given but no denominator. Give both, or leave both empty.'],
        [
          4,
          'id',
          '"c d" cannot be used as an indicator id. Use only letters, digits, hyphens, underscores and full stops, with no spaces.',
        ],
      ],
    )
  })

  it('reports a blank title, unit and polarity, and a RAG tolerance out of range', async () => {
    const problems = expectProblems(await csv(wideCsv(['a,,,X,,,,,,,150,1'], 'rag_tolerance,2018-04')))
    assert.deepEqual(
      problems.map((p) => p.reason),
      [
        'The title is blank. Give the indicator a title.',
        'The unit is blank. Use count, percentage (or %), rate per 10,000 (or rate), or days.',
        'The polarity is blank. Use higher (or higher is better), lower (or lower is better), or neutral.',
        'The RAG tolerance must be a percentage from 0 to 100, or be left empty for the usual 5%.',
      ],
    )
  })

  it('does not mistake a word that names a JavaScript built-in for a unit', async () => {
    const problems = expectProblems(await csv(wideCsv(['a,,A,X,constructor,toString,,,,,1,2'])))
    assert.deepEqual(
      problems.map((p) => p.reason.split('. ')[0]),
      ['"constructor" is not a unit Scrutineer knows', '"toString" is not a polarity Scrutineer knows'],
    )
  })

  it('reads month headings that Excel saved back into a CSV as full dates, and refuses impossible ones', async () => {
    const figures = expectOk(await csv(wideCsv(['a,,A,X,count,neutral,,,,,1,2'], '01/04/2018,2018-05-01')))
    assert.deepEqual(figures.months, ['2018-04', '2018-05'])
    const problems = expectProblems(await csv(wideCsv(['a,,A,X,count,neutral,,,,,1,2'], '2018-04,31/02/2018')))
    assert.deepEqual(
      problems.map((p) => [p.column, p.reason.split('. ')[0]]),
      [['31/02/2018', '"31/02/2018" looks like a month heading but is not a month Scrutineer can read']],
    )
  })

  it('reports a wide file with no month columns', async () => {
    const problems = expectProblems(await csv(`${CATALOGUE_HEADER}\na,,A,X,count,neutral,,,,\n`))
    assert.deepEqual(
      problems.map((p) => p.reason),
      ['The header row has no month columns. Add one column per month, headed like 2018-04 or Apr-18.'],
    )
  })

  it('chooses the reader by the display name, as uploads are stored under temporary names', async () => {
    const figures = expectOk(await readFiguresFile(testdata('long-good.csv'), { displayName: 'April figures.CSV' }))
    assert.equal(figures.observations.length, 3)
    const problems = expectProblems(await readFiguresFile(testdata('long-good.csv'), { displayName: 'April.xlsx' }))
    const [problem] = problems
    assert.ok(problem)
    assert.equal(problem.file, 'April.xlsx')
    assert.match(problem.reason, /^The file is not a readable Excel workbook/)
  })
})

describe('the measure column', () => {
  const header = `${CATALOGUE_HEADER},measure,2018-04`
  it('links an indicator to the Annex A measure that computes it, its value or its count', async () => {
    const file = expectOk(
      await csv(
        [
          header,
          'in-45,,Assessments in 45 working days,Assessment,percentage,higher,,,,,assessments-in-45wd,65',
          'in-45-count,,Number in 45 working days,Assessment,count,higher,,,,,assessments-in-45wd:count,83',
          'typed,,Typed by hand,Assessment,count,neutral,,,,,,12',
        ].join('\n'),
      ),
    )
    assert.deepEqual(
      file.catalogue.map((i) => i.measure),
      [{ measureId: 'assessments-in-45wd', part: 'value' }, { measureId: 'assessments-in-45wd', part: 'count' }, null],
    )
  })

  describe('edge cases', () => {
    it('refuses a measure that does not exist, naming the cell', async () => {
      const problems = expectProblems(
        await csv([header, 'x,,X,Assessment,count,neutral,,,,,assessments-in-46wd,1'].join('\n')),
      )
      assert.equal(problems.length, 1)
      assert.equal(problems[0]?.row, 2)
      assert.equal(problems[0]?.column, 'measure')
      assert.equal(problems[0]?.value, 'assessments-in-46wd')
      assert.match(problems[0]?.reason ?? '', /is not an Annex A measure/)
    })
  })
})

describe('text that is not UTF-8, and junk', () => {
  let dir: string
  let csv: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scrutineer-encodings-'))
    const { readFile } = await import('node:fs/promises')
    csv = (await readFile(FIXTURE, 'utf8')).replace(
      'Number of new referrals of Children In Need (CiN)',
      'Referrals costing £ to the café’s “front door”',
    )
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  /** Writes `bytes` as a file and reads it as figures. */
  async function readBytes(name: string, bytes: Uint8Array) {
    const path = join(dir, name)
    await writeFile(path, bytes)
    return readFiguresFile(path)
  }

  it('reads a Windows-1252 CSV with £ é “ ” as written, and notes how it was read', async () => {
    const fromUtf8 = expectOk(await readBytes('utf8.csv', Buffer.from(csv)))
    const read = expectOk(await readBytes('april.csv', windows1252(csv)))
    assert.equal(read.catalogue[0]?.title, 'Referrals costing £ to the café’s “front door”')
    assert.deepEqual(read.notes, [textFileMessages.windows1252('april.csv')])
    assert.equal(fromUtf8.notes, undefined)
    assert.deepEqual({ ...read, notes: undefined }, { ...fromUtf8, notes: undefined })
  })

  it('reads a UTF-16 CSV with its byte order mark (Excel’s Unicode text) as the same file', async () => {
    const fromUtf8 = expectOk(await readBytes('utf8.csv', Buffer.from(csv)))
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')])
    assert.deepEqual(expectOk(await readBytes('utf16.csv', utf16)), fromUtf8)
  })

  it('refuses a CSV mixing UTF-8 and Windows-1252, naming the line', async () => {
    const mixed = Buffer.concat([Buffer.from(csv), windows1252('extra,,Café,Area,count,neutral,,,,\n')])
    const problems = expectProblems(await readBytes('mixed.csv', mixed))
    assert.deepEqual(
      problems.map((p) => [p.file, p.row, p.reason]),
      [['mixed.csv', 51, textFileMessages.mixed(2)]],
    )
  })

  it('refuses NUL bytes with the file and line, in words', async () => {
    const lines = csv.split('\n')
    lines[13] = `${lines[13] ?? ''}\u0000\u0000`
    const problems = expectProblems(await readBytes('april.csv', Buffer.from(lines.join('\n'))))
    assert.deepEqual(problems, [
      { file: 'april.csv', row: 14, column: null, value: null, reason: textFileMessages.control(0) },
    ])
    assert.match(describeProblem(problems[0] as ImportProblem), /^april\.csv, row 14: This line holds a NUL byte/)
  })

  it('refuses random binary bytes named .csv in words', async () => {
    const problems = expectProblems(await readBytes('random.csv', junkBytes()))
    assert.equal(problems.length, 1)
    assert.match(problems[0]?.reason ?? '', /control character|NUL byte/)
  })
})
