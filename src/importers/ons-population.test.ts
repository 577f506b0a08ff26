import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { financialYearOfEstimate, readOnsPopulation } from './ons-population.ts'

const FIXTURE = join(import.meta.dirname, '../../fixtures/population/ons-mid-year-estimates-synthetic.csv')
const bytes = (text: string) => new TextEncoder().encode(text)

/** Rows for ages 0–17 of one area and year, each sex's figure given by `value(age, sex)`. */
function rows(code: string, year: number, sexes: string[], value: (age: number, sex: string) => number): string {
  const lines: string[] = []
  for (let age = 0; age <= 17; age++)
    for (const sex of sexes) lines.push(`${code},Southampton,${age},${sex},${year},${value(age, sex)}`)
  return lines.join('\n')
}

describe('reading ONS mid-year population estimates', () => {
  it('sums males and females aged 0–17 of the council only, year by year, and ignores older ages', () => {
    const text =
      'ladcode,laname,age,sex,year,population\n' +
      rows('E06000045', 2019, ['1', '2'], (age, sex) => (sex === '1' ? 100 + age : 200)) +
      '\nE06000045,Southampton,18,1,2019,9999\nE06000045,Southampton,90+,2,2019,500\n' +
      rows('E06000044', 2019, ['1', '2'], () => 7777)
    const read = readOnsPopulation(bytes(text), 'mye.csv', 'e06000045')
    assert.ok(read.ok)
    // 18 ages × (100 + age) for males = 1800 + 153, plus 18 × 200 females.
    assert.deepEqual(read.value.years, [{ year: 2019, children: 1953 + 3600 }])
    assert.equal(read.value.area, 'E06000045')
    assert.equal(read.value.areaName, 'Southampton')
  })

  it('accepts the other header spellings and sex codes, in any column order', () => {
    const lines = ['Sex,Age,Area name,Area code,mid_year,count']
    for (let age = 0; age <= 17; age++) {
      lines.push(`Male,${age},Southampton,E06000045,2020,10`, `Female,${age},Southampton,E06000045,2020,11`)
    }
    const read = readOnsPopulation(bytes(lines.join('\r\n')), 'mye.csv', 'E06000045')
    assert.ok(read.ok)
    assert.deepEqual(read.value.years, [{ year: 2020, children: 18 * 21 }])
  })

  it('uses an age’s persons total instead of adding its sexes, never both', () => {
    const text =
      'Area code,Area name,Age,Sex,Year,Population\n' +
      rows('E06000045', 2021, ['M', 'F'], () => 50) +
      '\n' +
      rows('E06000045', 2021, ['Persons'], () => 100)
    const read = readOnsPopulation(bytes(text), 'mye.csv', 'E06000045')
    assert.ok(read.ok)
    assert.deepEqual(read.value.years, [{ year: 2021, children: 1800 }])
  })

  it('reads the synthetic Southampton fixture', () => {
    const read = readOnsPopulation(readFileSync(FIXTURE), 'fixture.csv', 'E06000045')
    assert.ok(read.ok)
    assert.deepEqual(
      read.value.years.map((y) => y.year),
      [2019, 2020, 2021],
    )
    assert.equal(read.value.rows, 546)
    assert.ok(read.value.years.every((y) => y.children > 45000 && y.children < 55000))
  })

  it('refuses a bad cell naming the file, row, column, value and why', () => {
    const text =
      'ladcode,laname,age,sex,year,population\n' +
      rows('E06000045', 2019, ['1', '2'], () => 10).replace(
        'E06000045,Southampton,3,2,2019,10',
        'E06000045,Southampton,3,2,2019,ten',
      )
    const read = readOnsPopulation(bytes(text), 'mye.csv', 'E06000045')
    assert.ok(!read.ok)
    assert.deepEqual(read.problems, [
      {
        file: 'mye.csv',
        row: 9,
        column: 'population',
        value: 'ten',
        reason: 'The population should be a whole number of people, such as 1520.',
      },
    ])
  })

  it('refuses a figure given twice, a missing age or sex, a wrong area and a file of another shape', () => {
    const base = 'ladcode,laname,age,sex,year,population\n' + rows('E06000045', 2019, ['1', '2'], () => 10)
    const twice = readOnsPopulation(bytes(`${base}\nE06000045,Southampton,4,1,2019,10`), 'a.csv', 'E06000045')
    assert.ok(!twice.ok)
    assert.match(twice.problems[0]?.reason ?? '', /Row 10 already gives the male population aged 4 in 2019/)
    assert.equal(twice.problems[0]?.row, 38)

    const noFemales = readOnsPopulation(
      bytes(base.replace('\nE06000045,Southampton,5,2,2019,10', '')),
      'a.csv',
      'E06000045',
    )
    assert.ok(!noFemales.ok)
    assert.match(noFemales.problems[0]?.reason ?? '', /lack ages 5 \(no females\)/)

    const elsewhere = readOnsPopulation(bytes(base), 'a.csv', 'E06000044')
    assert.ok(!elsewhere.ok)
    assert.match(elsewhere.problems[0]?.reason ?? '', /no rows for area E06000044 \(it has E06000045…\)/)

    const shape = readOnsPopulation(bytes('code,value\nE06000045,3\n'), 'a.csv', 'E06000045')
    assert.ok(!shape.ok)
    assert.match(shape.problems[0]?.reason ?? '', /no age, sex, year column/)
  })

  it('gives a mid-year estimate the financial year that starts in its year', () => {
    assert.equal(financialYearOfEstimate(2019), '2019-20')
    assert.equal(financialYearOfEstimate(1999), '1999-00')
  })
})
