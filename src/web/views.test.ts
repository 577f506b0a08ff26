/**
 * A guard on the templates: nunjucks escapes everything unless a template says `| safe`. Each `| safe` here is
 * markup that Scrutineer itself built and escaped (charts, the inlined stylesheet), listed with the test that
 * proves its text is escaped. Any other use fails, so user text (commentary, titles, minutes) can never be
 * marked safe by accident.
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'

const VIEWS = fileURLToPath(new URL('./views', import.meta.url))

/** `file: expression` → why it is safe. */
const ALLOWED = new Map([
  ['layout.njk: inlineStylesheet', 'our own compiled CSS, for standalone HTML files'],
  [
    'pages/indicator.njk: model.spc.chart',
    'SVG from src/charts/xmr-chart.ts, which escapes every text (its tests: a process change reason with <…>)',
  ],
  [
    'partials/spc.njk: icon.icon',
    'SVG from xmr-chart.ts variationIconSvg/assuranceIconSvg: fixed shapes, no text given',
  ],
  ['pages/spc-grid.njk: column.assurance.icon', 'SVG from xmr-chart.ts assuranceIconSvg: fixed shapes, no text given'],
  ['pages/spc-grid.njk: row.variation.icon', 'SVG from xmr-chart.ts variationIconSvg: fixed shapes, no text given'],
  [
    'pages/indicator.njk: model.neighbours.chart',
    'SVG from src/charts/bar-chart.ts, which escapes every text (its tests)',
  ],
  ['pages/pack.njk: row.sparkline', 'SVG from src/charts/sparkline.ts, which escapes every text (its tests)'],
  [
    'partials/commentary-story.njk: story.chart',
    'SVG from src/charts/line-chart.ts, which escapes every text (its tests)',
  ],
  ['pages/pack.njk: row.glanceSparkline', 'SVG from src/charts/sparkline.ts, which escapes every text (its tests)'],
])

function templates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templates(join(dir, entry.name)) : entry.name.endsWith('.njk') ? [join(dir, entry.name)] : [],
  )
}

/** Every `{{ expression | safe }}` in a template, as `file: expression`. */
export function safeUses(file: string, text: string): string[] {
  return [...text.matchAll(/\{\{-?\s*([^}|]+?)\s*\|\s*safe\s*-?\}\}/g)].map((m) => `${file}: ${m[1]}`)
}

describe('templates mark nothing safe but our own escaped markup', () => {
  it('uses `| safe` only where listed', () => {
    const found = templates(VIEWS).flatMap((path) => safeUses(relative(VIEWS, path), readFileSync(path, 'utf8')))
    const unexpected = found.filter((use) => !ALLOWED.has(use))
    assert.deepEqual(unexpected, [], 'Render user text escaped; if this is markup Scrutineer built, list it here.')
    assert.ok(found.length > 0)
  })

  describe('edge cases', () => {
    it('finds `| safe` with or without spaces and trim marks', () => {
      assert.deepEqual(safeUses('a.njk', '{{ x|safe }} {{- y | safe -}} {{ z | upper }}'), ['a.njk: x', 'a.njk: y'])
    })
  })
})
