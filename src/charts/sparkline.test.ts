import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sparklineSvg, svgId } from './sparkline.ts'

const options = { id: 'spark-referrals', title: 'Trend: referrals', description: 'April 2017 to April 2018.' }

/** The x,y of every point a path's M and L commands visit, grouped into the path's separate lines. */
function segments(svg: string): Array<Array<[number, number]>> {
  const d = /<path d="([^"]+)"/.exec(svg)?.[1]
  if (d === undefined) return []
  return d
    .split('M')
    .filter((part) => part !== '')
    .map((part) =>
      part
        .replace('Z', '')
        .split('L')
        .map((xy) => xy.split(',').map(Number) as [number, number]),
    )
}

function lastMark(svg: string): { cx: number; cy: number } | null {
  const match = /class="app-sparkline__last" cx="([\d.]+)" cy="([\d.]+)"/.exec(svg)
  return match ? { cx: Number(match[1]), cy: Number(match[2]) } : null
}

describe('sparklineSvg', () => {
  it('is an image named by its title and described by its desc', () => {
    const svg = sparklineSvg([1, 2, 3], options)
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    assert.match(svg, /role="img"/)
    assert.match(svg, /aria-labelledby="spark-referrals-title spark-referrals-desc"/)
    assert.match(svg, /<title id="spark-referrals-title">Trend: referrals<\/title>/)
    assert.match(svg, /<desc id="spark-referrals-desc">April 2017 to April 2018.<\/desc>/)
    assert.match(svg, /width="120" height="28" viewBox="0 0 120 28"/)
  })

  it('draws one line through every value, oldest on the left, higher values nearer the top', () => {
    const svg = sparklineSvg([10, 20, 30], options)
    const lines = segments(svg)
    assert.equal(lines.length, 1)
    const points = lines[0] ?? []
    assert.equal(points.length, 3)
    assert.deepEqual(points[0], [3, 25])
    assert.deepEqual(points[2], [117, 3])
    assert.ok((points[1]?.[1] ?? 0) < 25 && (points[1]?.[1] ?? 0) > 3)
  })

  it('marks the last point', () => {
    const svg = sparklineSvg([10, 30, 20], options)
    assert.deepEqual(lastMark(svg), { cx: 117, cy: 14 })
  })

  it('breaks the line at a missing month', () => {
    const svg = sparklineSvg([10, 20, null, 30, 40], options)
    const lines = segments(svg)
    assert.equal(lines.length, 2)
    assert.equal(lines[0]?.length, 2)
    assert.equal(lines[1]?.length, 2)
  })

  it('escapes the title and description', () => {
    const svg = sparklineSvg([1, 2], { ...options, title: '<script>alert(1)</script>', description: 'A & B "quoted"' })
    assert.ok(!svg.includes('<script>'))
    assert.match(svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
    assert.match(svg, /A &amp; B &quot;quoted&quot;/)
  })

  describe('edge cases', () => {
    it('draws nothing but its title and desc when every month is missing', () => {
      const svg = sparklineSvg([null, null], options)
      assert.ok(!svg.includes('<path'))
      assert.ok(!svg.includes('<circle'))
      assert.match(svg, /<title id="spark-referrals-title">/)
      assert.ok(svg.endsWith('</svg>'))
    })

    it('draws nothing for an empty series', () => {
      assert.ok(!sparklineSvg([], options).includes('<path'))
    })

    it('draws a flat series across the middle, not along an edge', () => {
      const svg = sparklineSvg([5, 5, 5], options)
      for (const [, y] of segments(svg)[0] ?? []) assert.equal(y, 14)
    })

    it('marks the last month that has a value when the latest month is missing', () => {
      const svg = sparklineSvg([10, 20, null], options)
      assert.deepEqual(lastMark(svg), { cx: 60, cy: 3 })
    })

    it('shows a value with gaps on both sides as a dot, since no line reaches it', () => {
      const svg = sparklineSvg([10, null, 20, null, 30], options)
      assert.equal((svg.match(/<circle /g) ?? []).length, 4) // three lone values and the last-point mark
    })

    it('treats NaN and Infinity as missing', () => {
      const svg = sparklineSvg([10, Number.NaN, 20, Number.POSITIVE_INFINITY], options)
      assert.deepEqual(
        segments(svg).map((line) => line.length),
        [1, 1],
      )
      assert.ok(!svg.includes('NaN'))
      assert.ok(!svg.includes('Infinity'))
    })

    it('copes with a single value', () => {
      const svg = sparklineSvg([7], options)
      assert.deepEqual(lastMark(svg), { cx: 3, cy: 14 })
    })

    it('makes an unsafe id safe for id and aria-labelledby', () => {
      const svg = sparklineSvg([1, 2], { ...options, id: '9 "bad" id' })
      assert.match(svg, /aria-labelledby="c-9-bad-id-title c-9-bad-id-desc"/)
    })

    it('honours a custom size', () => {
      assert.match(sparklineSvg([1, 2], { ...options, width: 60, height: 14 }), /viewBox="0 0 60 14"/)
    })
  })
})

describe('svgId', () => {
  it('keeps letters, digits, hyphens and underscores', () => {
    assert.equal(svgId('spark-cin_open-2'), 'spark-cin_open-2')
  })

  describe('edge cases', () => {
    it('starts with a letter', () => {
      assert.equal(svgId('1abc'), 'c-1abc')
    })
  })
})
