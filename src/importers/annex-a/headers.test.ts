import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { matchHeaders } from './headers.ts'
import { loadAnnexASpec, type ColumnSpec } from './spec.ts'

const spec = loadAnnexASpec()
const columnsOf = (list: number): ColumnSpec[] => spec.lists.get(list) ?? []

/** The header each named spec column was matched to, or null. */
function matched(list: number, headers: string[]): Record<string, string | null> {
  const columns = columnsOf(list)
  const found = matchHeaders(columns, headers)
  return Object.fromEntries(columns.map((column, c) => [column.name, headers[found[c] ?? -1] ?? null]))
}

describe('matchHeaders', () => {
  it('matches the template headers exactly', () => {
    const headers = columnsOf(1).map((column) => column.name)
    assert.deepEqual(matchHeaders(columnsOf(1), headers), [0, 1, 2, 3, 4, 5, 6])
  })

  it('matches drifting headers by name ignoring case, punctuation and spacing, or by the spec patterns', () => {
    const found = matched(3, ['Child ID', 'DATE OF REFERRAL', 'Referral  NFA', 'Age'])
    assert.equal(found['Child Unique ID'], 'Child ID')
    assert.equal(found['Date of referral'], 'DATE OF REFERRAL')
    assert.equal(found['Referral NFA?'], 'Referral  NFA')
    assert.equal(found['Age of Child (Years)'], 'Age')
  })

  it('matches the sample workbook List 8 headers with a stray bracket and curly quotes', () => {
    const found = matched(8, [
      'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))',
      'Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months',
    ])
    assert.equal(
      found['Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)'],
      'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))',
    )
    assert.equal(
      found["Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"],
      'Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months',
    )
  })

  it('ignores unknown extra columns and leaves missing ones at -1', () => {
    const found = matchHeaders(columnsOf(1), ['Notes', 'Date of Contact'])
    assert.equal(found[5], 1)
    assert.equal(found.filter((index) => index === 0).length, 0)
  })

  describe('edge cases', () => {
    it('lets an exact name win over a broad pattern elsewhere', () => {
      // `.*age.*` would match "Stage"; the exact "Age of Child (Years)" header must be the one used.
      const found = matched(1, ['Stage', 'Age of Child (Years)'])
      assert.equal(found['Age of Child (Years)'], 'Age of Child (Years)')
    })

    it('gives each header to one column only', () => {
      const found = matchHeaders(columnsOf(1), ['Date of Contact'])
      assert.equal(found.filter((index) => index === 0).length, 1)
    })

    it('never matches blank headers', () => {
      assert.deepEqual(
        matchHeaders(columnsOf(1), ['', '  ', '?']).every((index) => index === -1),
        true,
      )
    })
  })
})
