import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { rowsOfBlocks } from '../../domain/annex-a/row-blocks.ts'
import { readStoredLists } from '../annex-a/stored-rows.ts'
import { asAnnexAImport, censusFeeds, UNREADABLE_IN_CENSUS } from './annex-a-rows.ts'
import { readCinCensus } from './read-cin-census.ts'

/** A census on one line: both episodes' records share line 1. */
const ONE_LINE =
  '<Message><Children><Child><ChildIdentifiers><LAchildID>A1</LAchildID><PersonBirthDate>2010-01-02</PersonBirthDate>' +
  '</ChildIdentifiers><CINdetails><CINreferralDate>2024-02-30</CINreferralDate><ReferralNFA>false</ReferralNFA>' +
  '<Assessments><AssessmentActualStartDate>2024-03-01</AssessmentActualStartDate>' +
  '<AssessmentAuthorisationDate>2024-03-20</AssessmentAuthorisationDate></Assessments></CINdetails>' +
  '<CINdetails><CINreferralDate>2024-03-04</CINreferralDate><ReferralNFA>true</ReferralNFA>' +
  '<CINclosureDate>2024-03-05</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure></CINdetails>' +
  '</Child></Children></Message>'

async function read() {
  const result = await readCinCensus([Buffer.from(ONE_LINE)])
  assert.ok(result.ok)
  return result.value
}

describe('a census as an Annex A import', () => {
  it('numbers each list as rows 2, 3, … and writes each record under its Annex A column names', async () => {
    const imported = asAnnexAImport(await read(), { keepRows: true })
    const list3 = imported.rows?.[3]
    assert.deepEqual(list3?.headers, ['Child Unique ID', 'Date of Birth', 'Date of referral', 'Referral NFA?'])
    assert.deepEqual(rowsOfBlocks(list3?.blocks ?? []), [
      { row: 2, cells: ['A1', '2010-01-02', UNREADABLE_IN_CENSUS, 'No'] },
      { row: 3, cells: ['A1', '2010-01-02', '2024-03-04', 'Yes'] },
    ])
    assert.deepEqual(rowsOfBlocks(imported.rows?.[6]?.blocks ?? [])[1]?.cells, [
      'A1',
      '2010-01-02',
      '2024-03-04',
      '2024-03-05',
    ])
    assert.deepEqual(
      imported.lists.map((l) => [l.list, l.rows]),
      [
        [3, 2],
        [4, 1],
        [5, 0],
        [6, 2],
        [7, 0],
      ],
    )
    assert.equal(imported.errors.length, 1)
    assert.match(imported.errors[0]?.reason ?? '', /^child A1: /)
  })

  it('re-reads from its stored rows to the same records the census gave', async () => {
    const census = await read()
    const imported = asAnnexAImport(census, { keepRows: true })
    const stored = readStoredLists(
      Object.entries(imported.rows ?? {}).map(([list, rows]) => ({
        list: Number(list),
        headers: rows.headers,
        rows: rowsOfBlocks(rows.blocks),
      })),
    )
    const plain = (records: readonly object[]) =>
      records.map((r) => ({ ...r, invalid: [...((r as { invalid: Set<string> }).invalid ?? [])] }))
    assert.deepEqual(plain(stored.records.referrals), plain(census.records.referrals))
    assert.deepEqual(plain(stored.records.assessments), plain(census.records.assessments))
    assert.deepEqual(plain(stored.records.cin), plain(census.records.cin))
  })

  it('feeds only the measures of lists 3–7 that need no statutory visit', () => {
    assert.equal(censusFeeds('icpcs', [5]), true)
    assert.equal(censusFeeds('contacts-to-referrals', [1, 3]), false)
    assert.equal(censusFeeds('lac-open', [8]), false)
    assert.equal(censusFeeds('cp-visits-in-time', [7]), false)
  })
})
