import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Pack } from '../domain/pack.ts'
import type { PackSnapshot } from '../domain/publication.ts'
import { DFE_RULE } from '../domain/statistics/suppression.ts'
import { changeText, figureText, publishedPackTableHtml } from './published-pack-paper.ts'
import { packIndicator, sampleCatalogue, samplePack, values } from './testing.ts'

function snapshotOf(pack: Pack, datasetTitle = 'Children and Families Monthly Dataset'): PackSnapshot {
  return {
    format: 1,
    datasetId: 'monthly',
    datasetTitle,
    period: pack.period,
    publishedBy: 'Jo Director',
    publishedAt: '2018-05-15T10:00:00.000Z',
    pack,
    catalogue: [...sampleCatalogue().values()],
    commentary: [],
    overview: null,
    disclosureRule: DFE_RULE,
  }
}

/** The text of every cell of the row whose header starts with `label`. */
function rowCells(html: string, label: string): string[] {
  const row = html.split('<tr>').find((r) => r.startsWith(`<th scope="row">${label}`))
  assert.ok(row, `a row for ${label}`)
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1] ?? '')
}

describe('publishedPackTableHtml', () => {
  it('heads the table with the 13 months and every column the published page shows, repeated on each page', () => {
    const html = publishedPackTableHtml({ snapshot: snapshotOf(samplePack()), version: 2 })
    const head = html.slice(html.indexOf('<thead>'), html.indexOf('</thead>'))
    assert.match(head, /<th scope="col" rowspan="2">Indicator<\/th>/)
    assert.match(head, /<th scope="colgroup" colspan="13">Monthly values<\/th>/)
    assert.equal(
      [...head.matchAll(/class="app-doc-dataset__month" title="[A-Za-z]+ \d{4}">[A-Z][a-z]{2}-\d\d<\/th>/g)].length,
      13,
    )
    assert.match(head, />Apr-17<\/th>.*>Apr-18<\/th>/)
    for (const heading of [
      '% change from previous month',
      '% change from same month last year',
      'Direction of travel',
      '12-month average',
      '12-month maximum',
      'Statistical neighbours',
      'England',
      'South East region',
      'Target 2018-19',
      'RAG',
    ]) {
      assert.ok(head.includes(`>${heading}</th>`), heading)
    }
    assert.match(html, /<caption>Children and Families Monthly Dataset – April 2018<\/caption>/)
    assert.match(html, /Version 2, published 15 May 2018: the figures as published, 3 indicators/)
    assert.match(html, /<col span="13" class="app-doc-dataset__col-month">/)
  })

  it('prints each indicator by service area with its values, changes, direction, benchmarks, target and RAG', () => {
    const html = publishedPackTableHtml({ snapshot: snapshotOf(samplePack()), version: 1 })
    assert.ok(html.indexOf('>Front door</th>') < html.indexOf('>Child protection</th>'))
    const cp = rowCells(html, 'CP1 – Children subject to a child protection plan')
    assert.deepEqual(cp.slice(0, 13), [
      '340',
      '335',
      '330',
      '325',
      '320',
      '318',
      '316',
      '314',
      '312',
      '310',
      '308',
      '306',
      '269',
    ])
    assert.deepEqual(cp.slice(13), [
      '−12%',
      '−21%',
      '▼ Decrease (positive)',
      '309',
      '335',
      '96',
      '102',
      '135',
      '300',
      'Green',
    ])
    const mash = rowCells(html, 'FD2 – Referrals completed by MASH within 24 hours')
    assert.equal(mash[11], '68.8')
    assert.equal(mash[12], '66.7')
    assert.equal(mash.at(-1), 'Red')
    const referrals = rowCells(html, 'Number of new referrals <span class="app-doc-dataset__unit">Number</span>')
    assert.equal(referrals[2], '–', 'June 2017 has no value')
    assert.equal(referrals[13], '+39%')
    assert.equal(referrals.at(-1), '–', 'no target, no RAG')
  })

  it('shows figures withheld by disclosure control as c, as the published pack does, never the small number', () => {
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
    const html = publishedPackTableHtml({ snapshot: snapshotOf(pack), version: 1 })
    const adoptions = rowCells(html, 'Number of adoptions')
    assert.equal(adoptions[12], 'c')
    assert.equal(adoptions[13], 'c', 'the change would give the month away')
    assert.equal(adoptions[16], 'c', '12-month average')
    assert.equal(adoptions[17], 'c', '12-month maximum')
    assert.equal(adoptions[11], '9', 'a month of 9 is shown')
    assert.doesNotMatch(html.slice(html.indexOf('Number of adoptions')), /<td[^>]*>3<\/td>/)
    assert.match(html, /c: withheld to protect the identity of children \(counts from 1 to 5/)
  })

  describe('edge cases', () => {
    it('escapes every text from the snapshot', () => {
      const pack = samplePack()
      const [first] = pack.indicators
      assert.ok(first)
      pack.indicators[0] = { ...first, title: '<script>alert(1)</script>', serviceArea: 'A & B' }
      const html = publishedPackTableHtml({ snapshot: snapshotOf(pack, 'Data <b>set</b>'), version: 1 })
      assert.doesNotMatch(html, /<script>|<b>/)
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
      assert.match(html, />A &amp; B<\/th>/)
    })

    it('formats figures as the published page does: separators, real minus, n/a and dashes', () => {
      assert.equal(figureText(1234, 'count'), '1,234')
      assert.equal(figureText(-2.5, 'count'), '−3')
      assert.equal(figureText(64.85, 'percentage'), '64.9')
      assert.equal(figureText(null, 'days'), '–')
      assert.equal(changeText({ percent: null, direction: 'n/a', judgement: 'n/a' }), 'n/a')
      assert.equal(changeText({ percent: 0.4, direction: 'similar', judgement: 'similar' }), '0%')
      assert.equal(changeText({ percent: 1250, direction: 'increase', judgement: 'negative' }), '+1,250%')
    })

    it('heads the region column "Region" when the indicators name different regions, and prints a pack of no indicators', () => {
      const snapshot = snapshotOf({ ...samplePack(), indicators: [] })
      const html = publishedPackTableHtml({ snapshot, version: 1 })
      assert.match(html, />Region<\/th>/)
      assert.match(html, /0 indicators/)
      assert.doesNotMatch(html, /<tbody>/)
    })
  })
})
