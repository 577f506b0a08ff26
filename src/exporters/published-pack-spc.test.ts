import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { blankIndicator, type Indicator } from '../domain/catalogue.ts'
import type { Pack } from '../domain/pack.ts'
import type { PackSnapshot, SnapshotSpc } from '../domain/publication.ts'
import { DFE_RULE } from '../domain/statistics/suppression.ts'
import { publishedPackSpcHtml } from './published-pack-spc.ts'
import { MONTHS, packIndicator, values } from './testing.ts'

// Twelve months alternating 10 and 11, then 30: mean 11.99, average moving range 2.5, limits 5.34 to 18.64, so
// April 2018 is beyond the upper limit (worked by hand; the domain's own golden tests check the arithmetic).
const SPIKE = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 30]
const FLAT = [20, 21, 20, 21, 20, 21, 20, 21, 20, 21, 20, 21, 20]

function pack(): Pack {
  return {
    dataset: 'monthly',
    period: '2018-04',
    months: MONTHS,
    indicators: [
      packIndicator('good-spike', { title: 'Good spike', polarity: 'higher', values: values(SPIKE) }),
      packIndicator('bad-spike', {
        code: 'B1',
        title: 'Bad <spike> & more',
        serviceArea: 'Child protection',
        polarity: 'lower',
        values: values(SPIKE),
      }),
      packIndicator('flat', { title: 'Flat', values: values(FLAT) }),
      // A count of 3 is withheld from the public (DfE rule: 1 to 5).
      packIndicator('small', { title: 'Small counts', values: values([...FLAT.slice(0, 12), 3]) }),
    ],
  }
}

function catalogue(): Indicator[] {
  return [
    // Higher is better and the 2018-19 target (5) is below the lower limit: consistently passing.
    blankIndicator('good-spike', {
      title: 'Good spike',
      polarity: 'higher',
      targets: [{ financialYear: '2018-19', value: 5 }],
    }),
    // Lower is better and the target (12) is between the limits: hit and miss.
    blankIndicator('bad-spike', {
      code: 'B1',
      title: 'Bad <spike> & more',
      serviceArea: 'Child protection',
      polarity: 'lower',
      targets: [{ financialYear: '2018-19', value: 12 }],
    }),
    blankIndicator('flat', { title: 'Flat' }),
    blankIndicator('small', { title: 'Small counts' }),
  ]
}

function snapshot(spc?: SnapshotSpc): { snapshot: PackSnapshot } {
  return {
    snapshot: {
      format: 1,
      datasetId: 'monthly',
      datasetTitle: 'Children and Families Monthly Dataset',
      period: '2018-04',
      publishedBy: 'Jo Director',
      publishedAt: '2018-05-15T10:00:00.000Z',
      pack: pack(),
      catalogue: catalogue(),
      commentary: [],
      overview: null,
      disclosureRule: DFE_RULE,
      ...(spc === undefined ? {} : { spc }),
    },
  }
}

/** Each chart's figure, in order. */
function figures(html: string): string[] {
  return [...html.matchAll(/<figure class="app-doc-spc__chart">([\s\S]*?)<\/figure>/g)].map((m) => m[1] ?? '')
}

function figureOf(html: string, caption: string): string {
  const found = figures(html).find((f) => f.includes(`<figcaption class="app-doc-spc__caption">${caption}<`))
  assert.ok(found, `a chart captioned ${caption}`)
  return found
}

describe('publishedPackSpcHtml', () => {
  const frozen: SnapshotSpc = { runLength: 7, processChanges: [] }

  it('heads the appendix and draws one chart per indicator, in the table’s order, each with a title and a desc', () => {
    const html = publishedPackSpcHtml(snapshot(frozen))
    assert.match(html, /<h2 class="app-doc-spc__heading">Statistical process control charts<\/h2>/)
    const all = figures(html)
    assert.equal(all.length, 4)
    // packGroups: "Front door" first (where the first indicator is), then "Child protection".
    assert.deepEqual(
      all.map((f) => /<figcaption[^>]*>(.*?)<\/figcaption>/.exec(f)?.[1]),
      ['Good spike', 'Flat', 'Small counts', 'B1 – Bad &lt;spike&gt; &amp; more'],
    )
    for (const figure of all) {
      assert.equal((figure.match(/<svg[^>]*class="app-chart app-chart--xmr"/g) ?? []).length, 1)
      const id = /aria-labelledby="([^ "]+)-title \1-desc"/.exec(figure)?.[1]
      assert.ok(id, 'the chart is named by its title and desc')
      assert.match(
        figure,
        new RegExp(`<title id="${id}-title">[^<]+: statistical process control \\(XmR\\) chart</title>`),
      )
      assert.match(
        figure,
        new RegExp(`<desc id="${id}-desc">XmR chart of monthly values from April 2017 to April 2018\\.`),
      )
    }
    // Ids are unique in the paper.
    const ids = [...html.matchAll(/<title id="([^"]+)"/g)].map((m) => m[1])
    assert.equal(new Set(ids).size, ids.length)
    assert.doesNotMatch(html, /<spike>/)
  })

  it('prints each chart’s variation and assurance words beside their icons, by the indicator’s polarity and target', () => {
    const html = publishedPackSpcHtml(snapshot(frozen))
    const words = (figure: string) =>
      [...figure.matchAll(/<span class="app-doc-spc__words">(.*?)<\/span>/g)].map((m) => m[1])
    assert.deepEqual(words(figureOf(html, 'Good spike')), [
      'Special cause of improving nature – higher',
      'Consistently passing target',
    ])
    assert.deepEqual(words(figureOf(html, 'B1 – Bad &lt;spike&gt; &amp; more')), [
      'Special cause of concerning nature – higher',
      'Inconsistently passing target (hit and miss)',
    ])
    assert.deepEqual(words(figureOf(html, 'Flat')), [
      'Common cause – no significant change',
      'No assurance (no target, or neither higher nor lower is better)',
    ])
    // The icons are the decorative SVGs, one beside each word that has one.
    assert.equal((figureOf(html, 'Good spike').match(/class="app-spc-icon"[^>]*aria-hidden="true"/g) ?? []).length, 2)
    // The spike is marked by shape as well as colour: a square (improving) on the good one, a diamond (concerning)
    // on the bad one.
    assert.match(
      figureOf(html, 'Good spike'),
      /<rect [^>]*fill="#1d70b8"\/><title>Apr-18: 30, special cause – improving/,
    )
    assert.match(
      figureOf(html, 'B1 – Bad &lt;spike&gt; &amp; more'),
      /<path [^>]*fill="#d4351c"\/><title>Apr-18: 30, special cause – concerning/,
    )
  })

  it('leaves a withheld month out of the chart and says so, as the public indicator page does', () => {
    const small = figureOf(publishedPackSpcHtml(snapshot(frozen)), 'Small counts')
    assert.match(small, /Withheld \(c\), left out of the chart: April 2018\./)
    assert.doesNotMatch(small, /Apr-18: 3\b/)
    assert.match(small, /Latest value 21\./)
  })

  it('draws the process changes and run length frozen with the version, and says when a version has none', () => {
    const withChange = publishedPackSpcHtml(
      snapshot({
        runLength: 6,
        processChanges: [
          {
            indicatorId: 'flat',
            period: '2017-10',
            reason: 'New front door',
            recordedBy: 'Pat Officer',
            recordedAt: '2018-05-01T09:00:00.000Z',
          },
        ],
      }),
    )
    const flat = figureOf(withChange, 'Flat')
    assert.match(flat, /class="app-chart__break"/)
    assert.match(flat, /Process change from October 2017: New front door/)
    assert.match(flat, /1 process change\(s\): limits worked out afresh\./)
    assert.doesNotMatch(figureOf(withChange, 'Good spike'), /app-chart__break/)
    assert.match(withChange, /6 or more in a row on one side of the mean/)
    assert.match(
      withChange,
      /Process changes and the run length \(6\) are those recorded when this version was published\./,
    )

    const old = publishedPackSpcHtml(snapshot())
    assert.doesNotMatch(old, /app-chart__break/)
    assert.match(old, /published before process changes and the run length were kept with published packs/)
    assert.match(old, /7 or more in a row/)
  })

  it('prints the same appendix every time from the same snapshot', () => {
    assert.equal(publishedPackSpcHtml(snapshot(frozen)), publishedPackSpcHtml(snapshot(frozen)))
  })
})
