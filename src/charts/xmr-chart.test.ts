import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { periodsEnding } from '../domain/period.ts'
import { xmrChart } from '../domain/statistics/spc.ts'
import { assuranceIconSvg, variationIconSvg, xmrChartSvg, type XmrChartInput } from './xmr-chart.ts'

// 20s and 22s with a 40 in October 2017: mean 292 ÷ 13 = 22.46, moving ranges 2 ×10 and 18 ×2 (mean 4.67), upper
// limit 34.87, so the 40 is outside (improving when higher is better); six points either side of it are no run.
const VALUES = [20, 22, 20, 22, 20, 22, 40, 22, 20, 22, 20, 22, 20]
const PERIODS = periodsEnding('2018-04', 13)

function input(overrides: Partial<XmrChartInput> = {}): XmrChartInput {
  return {
    id: 'spc-cin',
    title: 'Children in need: XmR chart',
    description: 'Thirteen months.',
    periods: PERIODS,
    chart: xmrChart(VALUES, { polarity: 'higher' }),
    ...overrides,
  }
}

function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '')
}

describe('xmrChartSvg', () => {
  it('is an image named by its title and described by its desc', () => {
    const svg = xmrChartSvg(input())
    assert.match(svg, /role="img"/)
    assert.match(svg, /aria-labelledby="spc-cin-title spc-cin-desc"/)
    assert.match(svg, /<title id="spc-cin-title">Children in need: XmR chart<\/title>/)
    assert.match(svg, /<desc id="spc-cin-desc">Thirteen months.<\/desc>/)
  })

  it('lays the legend in two columns for print, read down each column, and is shorter by the rows saved', () => {
    // Mean, trial limits, common cause, special cause – improving: two rows of two.
    const one = xmrChartSvg(input())
    const two = xmrChartSvg(input({ legendColumns: 2 }))
    const height = (svg: string) => Number(/ height="(\d+(?:\.\d+)?)"/.exec(svg)?.[1])
    assert.equal(height(one) - height(two), 2 * 22)
    const legend = (svg: string) =>
      [
        ...(svg.split('class="app-chart__legend"')[1] ?? '').matchAll(/<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</g),
      ].map((m) => [Number(m[1]), Number(m[2]), m[3]] as const)
    const entries = legend(two)
    assert.deepEqual(
      entries.map(([, , label]) => label),
      ['Mean', 'Trial process limits (fewer than 15 months)', 'Common cause', 'Special cause – improving'],
    )
    const [mean, trial, common, improving] = entries
    assert.ok(mean && trial && common && improving)
    assert.equal(mean[0], trial[0])
    assert.equal(common[0], improving[0])
    assert.ok(common[0] > mean[0] + 300, 'the second column is half the chart across')
    assert.equal(mean[1], common[1])
    assert.equal(trial[1], improving[1])
  })

  it('draws the mean and dashed trial limits, and says they are trial', () => {
    const svg = xmrChartSvg(input())
    assert.equal((svg.match(/class="app-chart__mean"/g) ?? []).length, 1)
    const limits = [...svg.matchAll(/<line class="app-chart__limit"[^>]*>/g)].map((m) => m[0])
    assert.equal(limits.length, 2)
    assert.ok(limits.every((l) => l.includes('stroke-dasharray')))
    assert.ok(texts(svg).includes('Trial limits'))
    assert.ok(texts(svg).includes('Trial process limits (fewer than 15 months)'))
  })

  it('draws firm limits solid from 15 points', () => {
    const values = [...VALUES, 22, 20]
    const svg = xmrChartSvg(
      input({ periods: periodsEnding('2018-06', 15), chart: xmrChart(values, { polarity: 'higher' }) }),
    )
    const limits = [...svg.matchAll(/<line class="app-chart__limit"[^>]*>/g)].map((m) => m[0])
    assert.ok(limits.every((l) => !l.includes('stroke-dasharray')))
    assert.ok(!texts(svg).includes('Trial limits'))
    assert.ok(texts(svg).includes('Process limits'))
  })

  it('marks each cause with its own shape and names it in the legend and the point’s title', () => {
    const svg = xmrChartSvg(input())
    // The 40 is improving: a square, and its title says so.
    assert.match(svg, /<g><rect [^>]*fill="#1d70b8"\/><title>Oct-17: 40, special cause – improving<\/title><\/g>/)
    assert.match(svg, /<g><circle [^>]*\/><title>Apr-17: 20, common cause<\/title><\/g>/)
    const labels = texts(svg)
    assert.ok(labels.includes('Common cause'))
    assert.ok(labels.includes('Special cause – improving'))
    assert.ok(!labels.includes('Special cause – concerning'), 'only causes on the chart are in the legend')
    // Lower is better: the same 40 is concerning, a diamond.
    const lower = xmrChartSvg(input({ chart: xmrChart(VALUES, { polarity: 'lower' }) }))
    assert.match(
      lower,
      /<g><path d="[^"]+Z" fill="#d4351c"\/><title>Oct-17: 40, special cause – concerning<\/title><\/g>/,
    )
  })

  it('draws a break at a process change, each period with its own mean, and no line across it', () => {
    const chart = xmrChart(VALUES, { polarity: 'higher', breaks: [8] })
    const svg = xmrChartSvg(input({ chart, breaks: [{ period: '2017-12', reason: 'New <front> door' }] }))
    assert.equal((svg.match(/class="app-chart__mean"/g) ?? []).length, 2)
    assert.match(
      svg,
      /class="app-chart__break"[^>]*><title>Process change from Dec-17: New &lt;front&gt; door<\/title>/,
    )
    assert.ok(texts(svg).includes('Process change'))
    assert.ok(texts(svg).includes('Process change: limits worked out afresh'))
    // One series path per period: the line does not join November to December.
    assert.equal((svg.match(/class="app-chart__series"/g) ?? []).length, 2)
  })

  it('draws target and benchmark lines with their values in titles', () => {
    const svg = xmrChartSvg(
      input({
        targets: [{ label: 'Target 2018-19', from: '2018-04', to: '2019-03', value: 12 }],
        benchmarks: [{ label: 'England', value: 14 }],
        formatValue: (v) => `${v}%`,
      }),
    )
    assert.match(svg, /class="app-chart__target"[^>]*><title>Target 2018-19: 12%<\/title>/)
    assert.match(svg, /class="app-chart__benchmark"[^>]*><title>England: 14%<\/title>/)
    assert.ok(texts(svg).includes('Target'))
    assert.ok(texts(svg).includes('England'))
  })

  it('refuses a chart whose points do not match its months', () => {
    assert.throws(() => xmrChartSvg(input({ periods: PERIODS.slice(1) })), RangeError)
  })

  it('says so when there are no values', () => {
    const svg = xmrChartSvg(input({ periods: ['2018-04'], chart: xmrChart([null]) }))
    assert.ok(texts(svg).includes('No values to show'))
  })
})

describe('Making Data Count icons', () => {
  it('are decorative pictures, so the words beside them are what is read', () => {
    for (const svg of [variationIconSvg('common'), variationIconSvg('improving-low'), assuranceIconSvg('pass')]) {
      assert.match(svg, /aria-hidden="true"/)
      assert.doesNotMatch(svg, /<title/)
    }
  })

  it('show H or L for the direction and P, F or ? for assurance', () => {
    assert.match(variationIconSvg('concerning-high'), />H<\/text>/)
    assert.match(variationIconSvg('neither-low'), />L<\/text>/)
    assert.doesNotMatch(variationIconSvg('common'), /<text/)
    assert.match(assuranceIconSvg('pass'), />P<\/text>/)
    assert.match(assuranceIconSvg('fail'), />F<\/text>/)
    assert.match(assuranceIconSvg('hit-and-miss'), />\?<\/text>/)
  })
})
