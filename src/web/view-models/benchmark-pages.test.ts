import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { benchmarksPageModel, isYearlyLoad } from './benchmark-pages.ts'

const SOURCE = {
  files: { extract: 'csc_benchmarks_extract.csv' },
  neighboursVintage: 'May 2025',
  firstYear: 2016,
  lastYear: 2025,
  importedAt: '2026-12-07T10:00:00Z',
}
const COUNCIL = { laNumber: 852, name: 'Southampton', region: 'South East' }
const POPULATION = {
  file: 'mye.csv',
  area: 'E06000045',
  areaName: 'Southampton',
  estimated: { '2021-22': { midYear: 2021, children: 51372 } },
  fallsBackTo: { '2022-23': '2021-22' },
  importedAt: '2026-12-07T10:05:00Z',
}

describe('benchmarksPageModel', () => {
  it('says what is loaded: the DfE years and neighbours, the council, each year’s population and its fallbacks', () => {
    const model = benchmarksPageModel({
      source: SOURCE,
      council: COUNCIL,
      population: POPULATION,
      limitBytes: 20 << 20,
    })
    assert.deepEqual(model.benchmarks, [
      {
        key: 'DfE benchmarks',
        value: '2016 to 2025, loaded 7 December 2026 at 10:00 from csc_benchmarks_extract.csv',
      },
      { key: 'Statistical neighbours', value: 'May 2025' },
      { key: 'This council', value: 'Southampton (LA 852, South East)' },
    ])
    assert.deepEqual(model.population.slice(2), [
      { key: '2021-22', value: '51,372 (mid-2021 estimate)' },
      { key: '2022-23', value: "2021-22's figure: ONS has published no estimate for 2022-23 yet" },
    ])
    assert.deepEqual(model.values, { council: '852', area: 'E06000045' })
    assert.equal(model.limit, '20 MB')
    assert.equal(model.pageTitle, 'DfE benchmarks and population')
  })

  it('says nothing is loaded yet', () => {
    const model = benchmarksPageModel({ source: null, council: null, population: null, limitBytes: 1024 })
    assert.equal(model.benchmarks[0]?.value, 'Not loaded yet')
    assert.equal(model.benchmarks.at(-1)?.value, 'Not chosen yet')
    assert.deepEqual(model.population, [{ key: 'Child population', value: 'Not loaded from ONS yet' }])
  })

  it('lists a refused file’s problems with file, row, column and value, cutting a huge value short', () => {
    const model = benchmarksPageModel({
      source: null,
      council: null,
      population: null,
      limitBytes: 1024,
      values: { area: 'E06000045' },
      refused: {
        load: 'population',
        problems: [
          { file: 'mye.csv', row: 3, column: 'population', value: 'lots', reason: 'The population must be a number.' },
          { file: 'mye.csv', row: 1, column: null, value: 'x'.repeat(5000), reason: 'Not an ONS file.' },
        ],
      },
    })
    assert.equal(model.pageTitle, 'Error: DfE benchmarks and population')
    assert.equal(model.refused?.heading, 'The population was not loaded')
    assert.equal(
      model.refused?.problems[0],
      'mye.csv, row 3, column "population" (value "lots"): The population must be a number.',
    )
    assert.ok((model.refused?.problems[1]?.length ?? 0) < 700)
    assert.match(model.refused?.problems[1] ?? '', /… \(cut short\)$/)
    assert.equal(model.values.area, 'E06000045')
  })

  it('links each field problem from the error summary', () => {
    const model = benchmarksPageModel({
      source: null,
      council: null,
      population: null,
      limitBytes: 1024,
      fieldErrors: { council: 'Enter the council’s LA number' },
    })
    assert.deepEqual(model.errorList, [{ text: 'Enter the council’s LA number', href: '#council' }])
    assert.equal(isYearlyLoad('dfe'), true)
    assert.equal(isYearlyLoad('other'), false)
  })
})
