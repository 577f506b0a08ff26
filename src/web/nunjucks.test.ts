import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { blankIndicator, type Indicator } from '../domain/catalogue.ts'
import type { Pack, PackIndicator } from '../domain/pack.ts'
import { periodsEnding } from '../domain/period.ts'
import { createViewEnvironment } from './nunjucks.ts'
import { datasetsPageModel } from './view-models/datasets-page.ts'
import { indicatorPageModel } from './view-models/indicator-page.ts'
import { packPageModel } from './view-models/pack-page.ts'

const XSS = '<script>alert(1)</script>'
const COMMON = {
  councilName: 'Southampton City Council',
  cspNonce: 'n0nce-123',
  currentPath: '/datasets/monthly/2018-04',
}
const MONTHS = periodsEnding('2018-04', 13)

function packIndicator(id: string, overrides: Partial<PackIndicator> = {}): PackIndicator {
  return {
    id,
    code: 'CP1',
    title: `Children on a child protection plan ${id}`,
    serviceArea: 'Child protection',
    unit: 'count',
    polarity: 'lower',
    values: MONTHS.map((period, i) => ({
      period,
      value: i === 6 ? null : 400 + i * 5,
      numerator: null,
      denominator: null,
    })),
    changeFromPreviousMonth: { percent: -12, direction: 'decrease', judgement: 'positive' },
    changeFromSameMonthLastYear: { percent: null, direction: 'n/a', judgement: 'n/a' },
    average12Months: 430,
    max12Months: 460,
    benchmarks: { statisticalNeighbours: 410, england: 380, region: null },
    target: 460,
    rag: 'green',
    ...overrides,
  }
}

const PACK: Pack = {
  dataset: 'monthly',
  period: '2018-04',
  months: MONTHS,
  indicators: [packIndicator('cp-plans', { title: XSS }), packIndicator('cp-second', { serviceArea: 'Looked after' })],
}
const CATALOGUE = new Map<string, Indicator>(
  PACK.indicators.map((row) => [row.id, blankIndicator(row.id, { regionName: 'South East' })]),
)

function render(page: string, context: object): string {
  return createViewEnvironment().render(page, { ...COMMON, ...context })
}

function renderPack(context: object = {}): string {
  const model = packPageModel(PACK, CATALOGUE, {
    datasetTitle: 'Children and Families Monthly Dataset',
    availablePeriods: ['2018-03', '2018-04'],
    publicView: true,
  })
  return render('pages/pack.njk', { model, ...context })
}

function renderIndicator(): string {
  const indicator = blankIndicator('cp-plans', {
    code: 'CP1',
    title: XSS,
    unit: 'count',
    polarity: 'lower',
    targets: [{ financialYear: '2018-19', value: 460 }],
  })
  const model = indicatorPageModel({
    indicator,
    history: MONTHS.map((period, i) => ({
      indicatorId: 'cp-plans',
      period,
      value: 400 + i,
      numerator: null,
      denominator: null,
    })),
    revisions: [
      {
        indicatorId: 'cp-plans',
        period: '2018-03',
        previousValue: 1,
        newValue: 2,
        revisedAt: '2018-05-01T09:00:00Z',
        sourceFile: `${XSS}.csv`,
      },
    ],
    datasets: [{ id: 'monthly', title: 'Monthly dataset', indicatorIds: ['cp-plans'] }],
    sourceNote: `Imported from ${XSS}`,
    asOf: '2018-04',
  })
  return render('pages/indicator.njk', { model })
}

function renderDatasets(): string {
  const model = datasetsPageModel([
    { dataset: { id: 'monthly', title: XSS, indicatorIds: ['a'] }, periods: ['2018-03', '2018-04'] },
  ])
  return render('pages/datasets.njk', { model })
}

const PAGES: Record<string, () => string> = {
  home: () => render('pages/home.njk', {}),
  datasets: renderDatasets,
  pack: renderPack,
  indicator: renderIndicator,
  error: () =>
    render('pages/error.njk', {
      pageTitle: 'Sorry, there is a problem with the service',
      message: 'Try again later.',
      stack: null,
    }),
  'not-found': () => render('pages/not-found.njk', { pageTitle: 'Page not found' }),
}

/** Every value of an `id` attribute on the page. */
function ids(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? '')
}

describe('page templates', () => {
  for (const [name, renderPage] of Object.entries(PAGES)) {
    describe(name, () => {
      const html = renderPage()

      it('is a whole council-branded page with one h1', () => {
        assert.match(html, /^<!DOCTYPE html>/)
        assert.match(html, /<html lang="en"/)
        assert.equal((html.match(/<h1[\s>]/g) ?? []).length, 1)
        assert.match(html, /<main class="govuk-main-wrapper[^"]*" id="main-content"/)
        assert.match(html, /href="#main-content"[^>]*>Skip to main content/)
        assert.match(html, /Southampton City Council/)
        assert.match(html, /Scrutineer/)
        assert.match(html, /<link rel="stylesheet" href="\/stylesheets\/application.css">/)
        assert.match(html, /Beta/)
        assert.match(html, /Published by Southampton City Council/)
      })

      it('has no crown, Crown copyright or OGL logo', () => {
        assert.ok(!/crown/i.test(html), 'no crown or Crown copyright anywhere')
        assert.ok(!html.includes('govuk-footer__licence-logo'))
        assert.ok(!html.includes('Open Government Licence'))
        assert.ok(!html.includes('govuk-logo'))
      })

      it('puts the CSP nonce on every script', () => {
        const scripts = html.match(/<script[^>]*>/g) ?? []
        assert.ok(scripts.length >= 2)
        for (const tag of scripts) assert.match(tag, /nonce="n0nce-123"/)
        assert.match(html, /<script type="module" src="\/javascripts\/application.js" nonce="n0nce-123">/)
      })

      it('shows text from data as text: an XSS payload comes out inert', () => {
        assert.ok(!html.includes(XSS))
        assert.equal((html.match(/<script/g) ?? []).length, 2, 'only the two scripts of the layout')
      })

      it('never repeats an id', () => {
        const all = ids(html)
        assert.equal(
          new Set(all).size,
          all.length,
          `repeated: ${all.filter((id, i) => all.indexOf(id) !== i).join(', ')}`,
        )
      })
    })
  }

  describe('pack', () => {
    const html = renderPack()

    it('has a captioned table with column, column-group and row headers', () => {
      assert.match(
        html,
        /<caption class="govuk-table__caption[^"]*" id="pack-caption">Children and Families Monthly Dataset: 2 indicators, April 2017 to April 2018<\/caption>/,
      )
      assert.match(html, /<th scope="colgroup" colspan="13"[^>]*>Monthly values<\/th>/)
      assert.equal(
        (
          html.match(
            /<th scope="col" class="govuk-table__header govuk-table__header--numeric app-pack-table__month">/g,
          ) ?? []
        ).length,
        13,
      )
      // Each indicator heads a row of the at-a-glance table and of the full table.
      assert.equal((html.match(/<th scope="row"/g) ?? []).length, 4)
      assert.match(html, /<th scope="rowgroup" colspan="25"[^>]*><span>Child protection<\/span><\/th>/)
      assert.match(html, /<colgroup span="13"/)
    })

    it('leads with the latest month at a glance and keeps the monthly values behind "Show monthly values"', () => {
      assert.match(html, /<caption[^>]*id="glance-caption">At a glance: April 2018/)
      const glance = html.slice(html.indexOf('id="glance-caption"'), html.indexOf('Show monthly values'))
      assert.ok(glance.includes('Change from last month'))
      assert.ok(glance.includes('12-month average'))
      assert.ok(glance.includes('Benchmarks'))
      assert.ok(!glance.includes('Apr-17'), 'no month columns before the disclosure')
      assert.match(html, /<details class="govuk-details app-pack-history">/)
      assert.ok(html.indexOf('Show monthly values') < html.indexOf('id="pack-caption"'))
      assert.match(html, /Showing 2 of 2 indicators/)
      assert.match(html, /<form method="get" action="\/datasets\/monthly\/2018-04"/)
    })

    it('opens "Show monthly values" in the standalone file, which is printed as the full table, and has no filters', () => {
      const standalone = renderPack({ standalone: true, inlineStylesheet: '' })
      assert.match(standalone, /<details class="govuk-details app-pack-history" open>/)
      assert.doesNotMatch(standalone, /<form method="get"/)
    })

    it('scrolls the table in a keyboard-focusable, labelled region', () => {
      assert.match(
        html,
        /<div class="app-table-scroll[^"]*" role="region" aria-labelledby="pack-caption" tabindex="0">/,
      )
    })

    it('escapes the indicator title in the table and in its sparkline', () => {
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/a>/)
      assert.match(html, /<title id="spark-cp-plans-title">Trend: &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/title>/)
    })

    it('writes direction of travel and RAG in words', () => {
      assert.match(html, /<span class="app-dot__symbol" aria-hidden="true">▼<\/span> Decrease – positive/)
      assert.match(html, /<strong class="govuk-tag govuk-tag--green">Green<\/strong>/)
      assert.match(html, /−12%/)
      assert.match(html, />n\/a</)
      assert.match(html, /<span class="govuk-visually-hidden">No value<\/span>/)
    })

    it('links to the previous month, the downloads and the indicator pages', () => {
      assert.match(html, /href="\/datasets\/monthly\/2018-03"/)
      for (const extension of ['csv', 'xlsx', 'json'])
        assert.match(html, new RegExp(`href="/datasets/monthly/2018-04\\.${extension}"`))
      assert.match(html, /href="\/indicators\/cp-plans"/)
    })

    it('uses the full window width and marks the Datasets navigation item', () => {
      assert.match(html, /class="govuk-width-container app-width-container--wide"/)
      assert.match(html, /href="\/datasets" aria-current="true"/)
    })
  })

  describe('indicator', () => {
    const html = renderIndicator()

    it('pairs the XmR chart with the same figures as a table, and lists the figures by month', () => {
      assert.match(html, /<svg [^>]*class="app-chart app-chart--xmr"[^>]*role="img"/)
      assert.match(html, /Show the chart as a table/)
      assert.match(html, /<caption class="govuk-table__caption govuk-table__caption--s" id="spc-caption">/)
      assert.match(html, /<caption class="govuk-table__caption govuk-table__caption--s" id="history-caption">/)
      // 13 months in the chart's table, 13 in the history, 1 revision.
      assert.equal(
        (html.match(/<th scope="row" class="govuk-table__header">[A-Z][a-z]+ 20\d\d<\/th>/g) ?? []).length,
        13 + 13 + 1,
      )
    })

    it('shows revisions, targets and the source note', () => {
      assert.match(html, /Previous value/)
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;.csv/)
      assert.match(html, /2018-19/)
      assert.match(html, /Source: Imported from &lt;script&gt;/)
      assert.match(html, /href="\/datasets\/monthly"/)
    })
  })

  describe('edge cases', () => {
    it('marks Datasets as the current page on /datasets itself', () => {
      const html = render('pages/datasets.njk', { model: datasetsPageModel([]), currentPath: '/datasets' })
      assert.match(html, /href="\/datasets" aria-current="page"/)
    })

    it('titles the page with the page, the service and the council', () => {
      assert.match(
        renderPack(),
        /<title>Children and Families Monthly Dataset – April 2018 – Scrutineer – Southampton City Council<\/title>/,
      )
    })

    it('renders without a council name or a nonce', () => {
      const html = createViewEnvironment().render('pages/home.njk', {})
      assert.match(html, /<title>Scrutineer – Council<\/title>/)
      assert.ok(!html.includes('nonce='))
    })

    it('escapes a nonce that is not safe, rather than breaking out of the attribute', () => {
      const html = render('pages/home.njk', { cspNonce: '"><script>x</script>' })
      assert.ok(!html.includes('"><script>x'))
    })

    it('shows the stack on the error page as text', () => {
      const html = render('pages/error.njk', {
        pageTitle: 'Sorry',
        message: 'Broken',
        stack: `Error: ${XSS}\n    at x`,
      })
      assert.match(html, /<pre class="app-stack">Error: &lt;script&gt;/)
    })

    it('says so when there are no datasets', () => {
      const html = render('pages/datasets.njk', { model: datasetsPageModel([]) })
      assert.match(html, /There are no datasets yet/)
    })

    it('says so when an indicator has no figures, without a chart', () => {
      const model = indicatorPageModel({
        indicator: blankIndicator('x'),
        history: [],
        revisions: [],
        datasets: [],
        sourceNote: null,
        asOf: null,
      })
      const html = render('pages/indicator.njk', { model })
      assert.match(html, /There are no figures for this indicator yet/)
      assert.ok(!html.includes('app-chart'))
    })

    it('renders an empty pack without a table', () => {
      const model = packPageModel({ ...PACK, indicators: [] }, new Map(), {
        datasetTitle: 'Monthly',
        availablePeriods: ['2018-04'],
        publicView: true,
      })
      const html = render('pages/pack.njk', { model })
      assert.match(html, /has no indicators for April 2018/)
      assert.ok(!html.includes('<table'))
    })

    it('formats numbers and periods through its filters', () => {
      const env = createViewEnvironment()
      assert.equal(
        env.renderString('{{ 1234.5 | formatNumber }}|{{ 0.05 | formatNumber(1) }}|{{ "x" | formatNumber }}', {}),
        '1,235|0.1|',
      )
      assert.equal(
        env.renderString('{{ "2018-04" | periodLong }}|{{ "2018-04" | periodShort }}|{{ "April" | periodLong }}', {}),
        'April 2018|Apr-18|',
      )
    })
  })
})
