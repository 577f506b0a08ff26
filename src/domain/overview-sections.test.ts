import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  DEFAULT_OVERVIEW_SECTIONS,
  fillSection,
  parseSectionTitles,
  sectionsToEdit,
  SIGNIFICANT_VARIATIONS_TITLE,
  variationsText,
} from './overview-sections.ts'

describe('overview sections', () => {
  it('defaults to the headings of the council overview, plus significant variations', () => {
    assert.deepEqual(DEFAULT_OVERVIEW_SECTIONS, [
      'Demand',
      'Timescales',
      'Corporate Parenting',
      'Significant variations',
    ])
  })

  it('reads a semicolon-separated list', () => {
    assert.deepEqual(parseSectionTitles(' Demand; Timescales ;;Corporate Parenting '), {
      ok: true,
      value: ['Demand', 'Timescales', 'Corporate Parenting'],
    })
  })

  it('shows configured sections in order, keeping written ones no longer configured', () => {
    assert.deepEqual(
      sectionsToEdit(
        ['Demand', 'Timescales'],
        [
          { title: 'Old heading', text: 'kept' },
          { title: 'demand', text: 'Contacts fell.' },
        ],
      ),
      [
        { title: 'Demand', text: 'Contacts fell.' },
        { title: 'Timescales', text: '' },
        { title: 'Old heading', text: 'kept' },
      ],
    )
  })

  it('fills an empty significant variations section, and refuses to overwrite one with text unless told to', () => {
    const empty = [{ title: SIGNIFICANT_VARIATIONS_TITLE, text: ' ' }]
    assert.deepEqual(fillSection(empty, 'S47s rose.', false), {
      ok: true,
      value: [{ title: 'Significant variations', text: 'S47s rose.' }],
    })
    const written = [{ title: SIGNIFICANT_VARIATIONS_TITLE, text: 'My words' }]
    assert.equal(fillSection(written, 'S47s rose.', false).ok, false)
    assert.deepEqual(fillSection(written, 'S47s rose.', true), {
      ok: true,
      value: [{ title: 'Significant variations', text: 'S47s rose.' }],
    })
  })

  it('writes one sentence a paragraph', () => {
    const text = variationsText([
      { indicatorId: 'a', title: 'A', reasons: ['change'], sentence: 'A rose.' },
      { indicatorId: 'b', title: 'B', reasons: ['target'], sentence: 'B fell.' },
    ])
    assert.equal(text, 'A rose.\n\nB fell.')
  })

  describe('edge cases', () => {
    it('refuses an empty list, a repeated title and an over-long one', () => {
      assert.equal(parseSectionTitles(' ; ;').ok, false)
      const twice = parseSectionTitles('Demand;demand')
      assert.ok(!twice.ok)
      assert.match(twice.problems[0] ?? '', /listed twice/)
      assert.equal(parseSectionTitles('x'.repeat(101)).ok, false)
    })

    it('adds the section at the end when the council has removed it from its list', () => {
      const result = fillSection([{ title: 'Demand', text: 'Up.' }], 'S47s rose.', false)
      assert.ok(result.ok)
      assert.deepEqual(result.value.at(-1), { title: 'Significant variations', text: 'S47s rose.' })
    })

    it('says so when nothing varied significantly', () => {
      assert.match(variationsText([]), /^No indicator changed by 10% or more/)
    })
  })
})
