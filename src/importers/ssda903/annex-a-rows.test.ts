import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { MEASURES } from '../../domain/measures/catalogue.ts'
import { rowsOfBlocks } from '../../domain/annex-a/row-blocks.ts'
import { readStoredLists } from '../annex-a/stored-rows.ts'
import {
  annexAOfSsda903,
  asAnnexAImport,
  monthsOfSsda903,
  ssda903Feeds,
  UNREADABLE_IN_SSDA903,
} from './annex-a-rows.ts'
import { readSsda903, type Ssda903Read, type Ssda903Row } from './read-ssda903.ts'
import type { Ssda903Table } from './schema.ts'

const FIXTURES = fileURLToPath(new URL('../../../fixtures/ssda903', import.meta.url))

function row(n: number, values: Record<string, string | null>, invalid: string[] = []): Ssda903Row {
  return { row: n, values, invalid: new Set(invalid), cells: Object.values(values).map((v) => v ?? '') }
}

function returnOf(tables: Partial<Record<Ssda903Table, Ssda903Row[]>>): Ssda903Read {
  return {
    tables: new Map(
      Object.entries(tables).map(([table, rows]) => [
        table as Ssda903Table,
        { table: table as Ssda903Table, file: `${table}.csv`, headers: Object.keys(rows[0]?.values ?? {}), rows },
      ]),
    ),
    errors: [],
    warnings: [],
  }
}

const SMALL = returnOf({
  header: [row(2, { CHILD: 'A', DOB: '2010-05-01' }), row(3, { CHILD: 'B', DOB: null }, ['DOB'])],
  episodes: [
    row(2, { CHILD: 'A', DECOM: '2017-04-03', DEC: '2017-06-30', REC: 'X1', PLACE: 'U4', PLACE_PROVIDER: 'PR4' }),
    row(3, { CHILD: 'A', DECOM: '2017-06-30', DEC: null, REC: null, PLACE: 'K2', PLACE_PROVIDER: null }),
    row(4, { CHILD: 'B', DECOM: null, DEC: '2018-01-31', REC: 'E11', PLACE: null, PLACE_PROVIDER: 'PR1' }, [
      'DECOM',
      'PLACE',
    ]),
  ],
  uasc: [row(2, { CHILD: 'B', DUC: null })],
  oc3: [
    row(2, { CHILD: 'C', DOB: '1998-01-01', IN_TOUCH: 'YES', ACCOM: 'Z1' }),
    row(3, { CHILD: 'D', DOB: '1997-02-01', IN_TOUCH: 'REFU', ACCOM: 'B2' }),
    row(4, { CHILD: 'E', DOB: '1996-03-01', IN_TOUCH: 'DIED', ACCOM: '0' }),
    row(5, { CHILD: 'F', DOB: '1996-03-01', IN_TOUCH: null, ACCOM: null }, ['IN_TOUCH', 'ACCOM']),
  ],
})

describe('an SSDA903 return as Annex A lists 8 and 9', () => {
  it('makes each episode a looked-after row, with the date of birth from the header and UASC from uasc.csv', () => {
    const { lookedAfter } = annexAOfSsda903(SMALL)
    assert.deepEqual(
      lookedAfter.map((r) => ({ ...r, invalid: [...r.invalid].sort() })),
      [
        {
          row: 2,
          childId: 'A',
          dateOfBirth: '2010-05-01',
          invalid: [],
          startDate: '2017-04-03',
          ceasedDate: '2017-06-30',
          reasonCeased: 'X1',
          placementType: 'U4',
          placementProvider: 'PR4',
          uasc: false,
          lastVisitDate: null,
        },
        {
          row: 3,
          childId: 'A',
          dateOfBirth: '2010-05-01',
          invalid: [],
          startDate: '2017-06-30',
          ceasedDate: null,
          reasonCeased: null,
          placementType: 'K2',
          placementProvider: null,
          uasc: false,
          lastVisitDate: null,
        },
        {
          row: 4,
          childId: 'B',
          dateOfBirth: null,
          invalid: ['dateOfBirth', 'placementType', 'startDate'],
          startDate: null,
          ceasedDate: '2018-01-31',
          reasonCeased: 'E11',
          placementType: null,
          placementProvider: 'PR1',
          uasc: true,
          lastVisitDate: null,
        },
      ],
    )
  })

  it('makes each OC3 care leaver a list 9 row: YES is in touch, accommodation ending 1 suitable, 2 not, 0 blank', () => {
    const { careLeavers } = annexAOfSsda903(SMALL)
    assert.deepEqual(
      careLeavers.map((r) => [r.childId, r.inTouch, r.suitableAccommodation, [...r.invalid].sort()]),
      [
        ['C', true, true, []],
        ['D', false, false, []],
        ['E', false, null, []],
        ['F', null, null, ['inTouch', 'suitableAccommodation']],
      ],
    )
  })

  it('stores rows that re-read as the same records, an unreadable value staying unreadable', () => {
    const imported = asAnnexAImport(SMALL, { keepRows: true })
    assert.ok(imported.rows)
    assert.equal(rowsOfBlocks(imported.rows[8]?.blocks ?? [])[2]?.cells[2], UNREADABLE_IN_SSDA903)
    const reread = readStoredLists(
      Object.entries(imported.rows).map(([list, rows]) => ({
        list: Number(list),
        headers: rows.headers,
        rows: rowsOfBlocks(rows.blocks),
      })),
    )
    const plain = <T extends { invalid: ReadonlySet<string> }>(records: T[]) =>
      records.map((r) => ({ ...r, invalid: [...r.invalid].sort() }))
    assert.deepEqual(plain(reread.records.lookedAfter), plain(imported.records.lookedAfter))
    assert.deepEqual(plain(reread.records.careLeavers), plain(imported.records.careLeavers))
  })

  it('stores the fixture return as rows that re-read exactly as it was read', async () => {
    const read = await readSsda903(FIXTURES)
    assert.ok(read.ok)
    const imported = asAnnexAImport(read.value, { keepRows: true })
    assert.deepEqual(imported.lists, [
      { list: 8, rows: 5050, source: 'episodes.csv' },
      { list: 9, rows: 53, source: 'oc3.csv' },
      { list: 12, rows: 43, source: 'missing.csv' },
    ])
    assert.equal(imported.errors.length, read.value.errors.length)
    const reread = readStoredLists(
      Object.entries(imported.rows ?? {}).map(([list, rows]) => ({
        list: Number(list),
        headers: rows.headers,
        rows: rowsOfBlocks(rows.blocks),
      })),
    )
    const plain = <T extends { invalid: ReadonlySet<string> }>(records: T[]) =>
      records.map((r) => ({ ...r, invalid: [...r.invalid].sort() }))
    assert.deepEqual(plain(reread.records.lookedAfter), plain(imported.records.lookedAfter))
    assert.deepEqual(plain(reread.records.careLeavers), plain(imported.records.careLeavers))
    assert.deepEqual(plain(reread.records.missing), plain(imported.records.missing))
    assert.equal(imported.records.missing.length, 43)
    // missing.csv is stored as the file wrote it (list 12), not under Annex A's names.
    assert.deepEqual(imported.rows?.[12]?.headers, ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'])
    assert.deepEqual(rowsOfBlocks(imported.rows?.[12]?.blocks ?? [])[0]?.cells, [
      '510000',
      '12/03/2002',
      'A',
      '13/11/2017',
      '25/11/2017',
    ])
  })

  it('makes each missing.csv row a missing episode: M is missing, A away, with its dates', async () => {
    const read = await readSsda903(FIXTURES)
    assert.ok(read.ok)
    const [first, second] = annexAOfSsda903(read.value).missing
    assert.deepEqual(
      [first, second].map((r) => r && [r.row, r.childId, r.missing, r.startDate, r.endDate]),
      [
        [2, '510000', false, '2017-11-13', '2017-11-25'],
        [3, '92296', true, '2017-11-21', '2018-01-04'],
      ],
    )
  })

  it('covers its collection year: April to the last month with an episode starting or ending', async () => {
    const read = await readSsda903(FIXTURES)
    assert.ok(read.ok)
    // The latest DECOM is 31/03/2018 (2017-18); one DEC of 01/04/2018 is after the year and does not count.
    assert.deepEqual(monthsOfSsda903(annexAOfSsda903(read.value)), { first: '2017-04', last: '2018-03' })
    assert.equal(monthsOfSsda903(annexAOfSsda903(returnOf({ episodes: [] }))), null)
    // One start mistyped years ahead does not move the year.
    const typo = returnOf({
      episodes: [
        row(2, { CHILD: 'A', DECOM: '2017-05-02', DEC: '2017-09-30', REC: 'E11' }),
        row(3, { CHILD: 'B', DECOM: '2017-06-01', DEC: null, REC: null }),
        row(4, { CHILD: 'C', DECOM: '2027-06-01', DEC: null, REC: null }),
      ],
    })
    assert.deepEqual(monthsOfSsda903(annexAOfSsda903(typo)), { first: '2017-04', last: '2017-09' })
  })
})

describe('ssda903Feeds', () => {
  it('feeds the looked-after and care leaver measures, not visits nor any CIN or CP measure', () => {
    const fed = MEASURES.filter((m) => ssda903Feeds(m.id, m.lists)).map((m) => m.id)
    assert.deepEqual(fed, [
      'lac-started',
      'lac-ceased',
      'adoptions',
      'sgos',
      'missing-episodes',
      'lac-open',
      'lac-rate',
      'uasc-open',
      'lac-ifa',
      'care-leavers-in-touch',
      'care-leavers-suitable',
    ])
  })
})
