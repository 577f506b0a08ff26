import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { barChartSvg, type BarChartInput } from './bar-chart.ts'

function input(overrides: Partial<BarChartInput> = {}): BarChartInput {
  return {
    id: 'neighbours-cpp',
    title: 'Child protection plans: Southampton & its neighbours',
    description: 'Southampton 60; Bristol 40.',
    bars: [
      { label: 'Southampton', value: 60, emphasis: 'own' },
      { label: 'Bristol', value: 40 },
      { label: 'Plymouth', value: null, missingText: 'not published (suppressed)' },
      { label: 'England', value: 30, emphasis: 'reference' },
    ],
    ...overrides,
  }
}

function rects(svg: string): Array<{ className: string; x: number; width: number; fill: string }> {
  return [
    ...svg.matchAll(/<rect class="([^"]+)" x="([^"]+)" y="[^"]+" width="([^"]+)" height="[^"]+" fill="([^"]+)"/g),
  ].map((m) => ({ className: m[1] ?? '', x: Number(m[2]), width: Number(m[3]), fill: m[4] ?? '' }))
}

function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '')
}

describe('barChartSvg', () => {
  it('is an image named by its title and described by its desc, text escaped', () => {
    const svg = barChartSvg(input())
    assert.match(svg, /role="img"/)
    assert.match(svg, /aria-labelledby="neighbours-cpp-title neighbours-cpp-desc"/)
    assert.match(
      svg,
      /<title id="neighbours-cpp-title">Child protection plans: Southampton &amp; its neighbours<\/title>/,
    )
    assert.match(svg, /<desc id="neighbours-cpp-desc">Southampton 60; Bristol 40.<\/desc>/)
  })

  it('draws a bar for each value, from zero, with lengths in proportion to the values', () => {
    const bars = rects(barChartSvg(input()))
    assert.equal(bars.length, 3) // Plymouth has no value
    const [own, bristol, england] = bars
    assert.ok(own && bristol && england)
    assert.equal(own.x, bristol.x)
    assert.equal(own.x, england.x)
    assert.ok(Math.abs(own.width / bristol.width - 60 / 40) < 0.01)
    assert.ok(Math.abs(bristol.width / england.width - 40 / 30) < 0.01)
  })

  it('marks the council and the reference bars by pattern and class, not colour alone', () => {
    const svg = barChartSvg(input())
    const [own, plain, reference] = rects(svg)
    assert.equal(own?.className, 'app-chart__bar app-chart__bar--own')
    assert.equal(plain?.className, 'app-chart__bar')
    assert.equal(reference?.className, 'app-chart__bar app-chart__bar--reference')
    assert.equal(reference?.fill, 'url(#neighbours-cpp-hatch)')
    assert.match(svg, /<pattern id="neighbours-cpp-hatch"/)
    assert.match(svg, /font-weight="bold"[^>]*>Southampton</)
  })

  it('says why a council has no bar, and labels each bar with its value', () => {
    const labels = texts(barChartSvg(input({ formatValue: (v) => `${v}%` })))
    assert.ok(labels.includes('not published (suppressed)'))
    for (const label of ['Southampton', 'Bristol', 'Plymouth', 'England', '60%', '40%', '30%', '0%'])
      assert.ok(labels.includes(label), label)
  })

  it('draws an axis even when no council has a value', () => {
    const svg = barChartSvg(input({ bars: [{ label: 'Southampton', value: null }] }))
    assert.equal(rects(svg).length, 0)
    assert.ok(texts(svg).includes('No value'))
  })
})
