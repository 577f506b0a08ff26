import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { periodsEnding } from '../domain/period.ts'
import { lineChartSvg, type LineChartInput } from './line-chart.ts'

function input(overrides: Partial<LineChartInput> = {}): LineChartInput {
  return {
    id: 'chart-cin-open',
    title: 'Children in need: monthly values',
    description: 'Monthly values from April 2017 to April 2018.',
    points: periodsEnding('2018-04', 13).map((period, i) => ({ period, value: 1000 + i * 10 })),
    ...overrides,
  }
}

function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '')
}

function seriesSegments(svg: string): number {
  const d = /class="app-chart__series" d="([^"]+)"/.exec(svg)?.[1]
  return d === undefined ? 0 : (d.match(/M/g) ?? []).length
}

describe('lineChartSvg', () => {
  it('is an image named by its title and described by its desc', () => {
    const svg = lineChartSvg(input())
    assert.match(svg, /role="img"/)
    assert.match(svg, /aria-labelledby="chart-cin-open-title chart-cin-open-desc"/)
    assert.match(svg, /<title id="chart-cin-open-title">Children in need: monthly values<\/title>/)
    assert.match(svg, /<desc id="chart-cin-open-desc">Monthly values from April 2017 to April 2018.<\/desc>/)
  })

  it('labels the x-axis with months', () => {
    const labels = texts(lineChartSvg(input()))
    assert.ok(labels.includes('Apr-17'))
    assert.ok(labels.includes('Apr-18'))
  })

  it('labels the y-axis with the formatter it is given, starting at zero', () => {
    const labels = texts(lineChartSvg(input({ formatValue: (v) => `${v}!` })))
    assert.ok(labels.includes('0!'))
    assert.ok(labels.some((label) => /^1[,0-9]*!$/.test(label) && label !== '0!'))
  })

  it('draws one unbroken line when every month has a value', () => {
    assert.equal(seriesSegments(lineChartSvg(input())), 1)
  })

  it('breaks the line at months with no value', () => {
    const points = periodsEnding('2018-04', 6).map((period, i) => ({ period, value: i === 2 || i === 3 ? null : i }))
    assert.equal(seriesSegments(lineChartSvg(input({ points }))), 2)
  })

  it('draws a target line for each financial year on the chart, only across that year', () => {
    const svg = lineChartSvg(
      input({
        targets: [
          { label: 'Target 2017-18', from: '2017-04', to: '2018-03', value: 1050 },
          { label: 'Target 2018-19', from: '2018-04', to: '2019-03', value: 1100 },
        ],
      }),
    )
    const targets = [...svg.matchAll(/class="app-chart__target" x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)"/g)]
    assert.equal(targets.length, 2)
    const [first, second] = targets.map((m) => ({ x1: Number(m[1]), x2: Number(m[2]) }))
    assert.ok(first !== undefined && second !== undefined)
    assert.equal(first.x1, 64) // the left edge of the plot: April 2017 is the first month
    assert.ok(first.x2 < second.x1) // 2018-19 starts after 2017-18 ends
    assert.match(svg, /<title>Target 2018-19: 1100<\/title>/)
    assert.ok(texts(svg).includes('Target (each financial year)'))
  })

  it('draws a patterned line and a legend entry for each benchmark', () => {
    const svg = lineChartSvg(
      input({
        benchmarks: [
          { label: 'Statistical neighbours', value: 900 },
          { label: 'England', value: 950 },
          { label: 'South East', value: 980 },
        ],
      }),
    )
    const benchmarkLines = [...svg.matchAll(/class="app-chart__benchmark"[^>]*stroke-dasharray="([^"]+)"/g)].map(
      (m) => m[1],
    )
    assert.equal(benchmarkLines.length, 3)
    assert.equal(new Set(benchmarkLines).size, 3, 'each benchmark has its own dash pattern, not just its own colour')
    const labels = texts(svg)
    for (const label of ['Monthly value', 'Statistical neighbours', 'England', 'South East'])
      assert.ok(labels.includes(label))
  })

  it('escapes every piece of text', () => {
    const svg = lineChartSvg(
      input({
        title: '<script>alert(1)</script>',
        description: 'a & b',
        seriesLabel: '<b>bold</b>',
        benchmarks: [{ label: '"England"', value: 5 }],
      }),
    )
    assert.ok(!svg.includes('<script>'))
    assert.ok(!svg.includes('<b>'))
    assert.match(svg, /&lt;script&gt;/)
    assert.match(svg, /a &amp; b/)
    assert.match(svg, /&quot;England&quot;/)
  })

  describe('edge cases', () => {
    it('says there is nothing to show when every month is missing', () => {
      const points = periodsEnding('2018-04', 3).map((period) => ({ period, value: null }))
      const svg = lineChartSvg(input({ points }))
      assert.equal(seriesSegments(svg), 0)
      assert.ok(texts(svg).includes('No values to show'))
    })

    it('copes with no points at all', () => {
      const svg = lineChartSvg(
        input({ points: [], targets: [{ label: 'T', from: '2018-04', to: '2019-03', value: 5 }] }),
      )
      assert.ok(svg.endsWith('</svg>'))
      assert.ok(!svg.includes('NaN'))
      assert.ok(!svg.includes('app-chart__target'))
    })

    it('shows a single month as a dot in the middle', () => {
      const svg = lineChartSvg(input({ points: [{ period: '2018-04', value: 5 }] }))
      assert.match(svg, /<circle cx="380"/) // halfway across the plot, from 64 to 696
      assert.ok(!svg.includes('NaN'))
    })

    it('shows a month with gaps on both sides as a dot', () => {
      const points = periodsEnding('2018-04', 5).map((period, i) => ({ period, value: i === 2 ? 50 : null }))
      assert.equal((lineChartSvg(input({ points })).match(/<circle /g) ?? []).length, 1)
    })

    it('leaves out a target for a year wholly outside the chart', () => {
      const svg = lineChartSvg(
        input({ targets: [{ label: 'Target 2015-16', from: '2015-04', to: '2016-03', value: 1 }] }),
      )
      assert.ok(!svg.includes('app-chart__target'))
      assert.ok(!texts(svg).includes('Target (each financial year)'))
    })

    it('clips a target to the months on the chart', () => {
      const svg = lineChartSvg(
        input({ targets: [{ label: 'Target 2016-17', from: '2016-04', to: '2017-03', value: 1 }] }),
      )
      assert.ok(!svg.includes('app-chart__target'), 'March 2017 is before the first month, April 2017')
      const overlapping = lineChartSvg(
        input({ targets: [{ label: 'Target 2018-19', from: '2018-04', to: '2019-03', value: 1 }] }),
      )
      // April 2018 is the last month: a one-month target still gets a short visible line.
      assert.match(overlapping, /class="app-chart__target" x1="692" y1="[\d.]+" x2="700"/)
    })

    it('includes negative values on the y-axis', () => {
      const points = periodsEnding('2018-04', 3).map((period, i) => ({ period, value: i - 2 }))
      assert.ok(texts(lineChartSvg(input({ points }))).some((label) => label.startsWith('-')))
    })

    it('draws a flat line of zeros without dividing by zero', () => {
      const points = periodsEnding('2018-04', 3).map((period) => ({ period, value: 0 }))
      const svg = lineChartSvg(input({ points }))
      assert.equal(seriesSegments(svg), 1)
      assert.ok(!svg.includes('NaN'))
    })

    it('labels a long history at a steady step rather than every month', () => {
      const points = periodsEnding('2018-04', 60).map((period, i) => ({ period, value: i }))
      const monthLabels = texts(lineChartSvg(input({ points }))).filter((label) => /^[A-Z][a-z]{2}-\d{2}$/.test(label))
      assert.ok(monthLabels.length <= 13, `${monthLabels.length} labels`)
      // Every six months, from April: the start and middle of each financial year.
      assert.ok(monthLabels.every((label) => label.startsWith('Apr') || label.startsWith('Oct')))
      assert.ok(monthLabels.length >= 9)
    })

    it('ignores benchmarks and targets that are not numbers', () => {
      const svg = lineChartSvg(
        input({
          benchmarks: [{ label: 'England', value: Number.NaN }],
          targets: [{ label: 'T', from: '2017-04', to: '2018-03', value: Number.POSITIVE_INFINITY }],
        }),
      )
      assert.ok(!svg.includes('app-chart__benchmark'))
      assert.ok(!svg.includes('app-chart__target'))
      assert.ok(!svg.includes('NaN'))
    })

    it('refuses a malformed period, a programmer error', () => {
      assert.throws(() => lineChartSvg(input({ points: [{ period: 'April', value: 1 }] })), RangeError)
    })
  })
})
