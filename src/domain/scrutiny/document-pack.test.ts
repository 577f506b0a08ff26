import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { londonDate, londonDateTime } from '../calendar/london-time.ts'
import { fileSize, itemPageRanges, packFileName, versionStamp } from './document-pack.ts'

describe('itemPageRanges', () => {
  it('numbers from the first paper, as the council does (seed 001: minutes 1-4, reports 5-6 and 7-18)', () => {
    const sections = [
      { agendaItemId: null, startIndex: 0 }, // front sheet, public information: 4 pages
      { agendaItemId: null, startIndex: 4 }, // agenda: 2 pages
      { agendaItemId: 7, startIndex: 6 },
      { agendaItemId: 8, startIndex: 10 },
      { agendaItemId: 9, startIndex: 12 },
    ]
    assert.deepEqual(itemPageRanges(sections, 24), [
      { agendaItemId: 7, from: 1, to: 4 },
      { agendaItemId: 8, from: 5, to: 6 },
      { agendaItemId: 9, from: 7, to: 18 },
    ])
  })

  it("runs an item from its report's first page to its last appendix's last page", () => {
    const sections = [
      { agendaItemId: null, startIndex: 0 },
      { agendaItemId: 9, startIndex: 2 },
      { agendaItemId: 9, startIndex: 5 },
      { agendaItemId: 9, startIndex: 6 },
    ]
    assert.deepEqual(itemPageRanges(sections, 9), [{ agendaItemId: 9, from: 1, to: 7 }])
  })

  describe('edge cases', () => {
    it('gives nothing when there are no papers, and a single page as from = to', () => {
      assert.deepEqual(itemPageRanges([{ agendaItemId: null, startIndex: 0 }], 3), [])
      assert.deepEqual(
        itemPageRanges(
          [
            { agendaItemId: null, startIndex: 0 },
            { agendaItemId: 5, startIndex: 2 },
          ],
          3,
        ),
        [{ agendaItemId: 5, from: 1, to: 1 }],
      )
    })
  })
})

describe('versions and dates', () => {
  it('stamps version 2 and later with the London time and the reason', () => {
    assert.equal(
      versionStamp({ number: 2, publishedAt: '2018-05-31T13:05:00.000Z', note: 'supplement' }),
      'Version 2, published 31 May 2018 at 2.05 pm — supplement',
    )
    assert.equal(versionStamp({ number: 1, publishedAt: '2018-05-30T09:00:00.000Z', note: null }), null)
  })

  it('stamps a draft as not published, whatever its number, so a first draft does not pass for the published pack', () => {
    assert.equal(
      versionStamp({ number: 1, publishedAt: '2018-05-30T09:00:00.000Z', note: null, draft: true }),
      'Draft, not published: built 30 May 2018 at 10.00 am',
    )
  })

  it('names the file after the committee, the meeting date and the version', () => {
    assert.equal(
      packFileName('children-and-families-scrutiny-panel', '2018-06-07', 2),
      'children-and-families-scrutiny-panel-2018-06-07-public-document-pack-v2.pdf',
    )
    assert.equal(
      packFileName('children-and-families-scrutiny-panel', '2018-06-07', 2, 'members'),
      'children-and-families-scrutiny-panel-2018-06-07-members-room-document-pack-v2.pdf',
    )
  })

  describe('edge cases', () => {
    it('leaves out an empty reason, and uses GMT in winter', () => {
      assert.equal(
        versionStamp({ number: 3, publishedAt: '2018-01-10T09:30:00.000Z', note: '  ' }),
        'Version 3, published 10 January 2018 at 9.30 am',
      )
    })

    it('takes the London date across midnight and the clock change (25 March 2018, 01:00 UTC)', () => {
      assert.equal(londonDate('2018-05-30T23:30:00.000Z'), '2018-05-31')
      assert.equal(londonDate('2018-01-31T23:30:00.000Z'), '2018-01-31')
      assert.equal(londonDateTime('2018-03-25T00:59:00.000Z'), '25 March 2018 at 12.59 am')
      assert.equal(londonDateTime('2018-03-25T01:00:00.000Z'), '25 March 2018 at 2.00 am')
    })

    it('keeps a file name to safe characters and sizes files in bytes, KB and MB', () => {
      assert.equal(packFileName('a/b "c"', '2018-06-07', 1), 'a-b-c--2018-06-07-public-document-pack-v1.pdf')
      assert.equal(fileSize(0), '0 bytes')
      assert.equal(fileSize(1023), '1023 bytes')
      assert.equal(fileSize(532_480), '520 KB')
      assert.equal(fileSize(2_400_000), '2.3 MB')
    })
  })
})
