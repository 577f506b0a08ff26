import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  packLayout,
  parseSections,
  publicInformation,
  sectionsText,
  textBlocks,
  type PublicInformationSection,
} from './public-information.ts'

const messages = (result: { ok: boolean; problems?: Array<{ message: string }> }) =>
  result.ok ? [] : (result.problems ?? []).map((p) => p.message)

describe('the committee’s public information', () => {
  it('reads each section from its ## heading to the next', () => {
    const result = parseSections(
      '## Access\r\nAccess is available for the disabled.\r\n\r\n## Mobile telephones\nPlease switch your mobile\ntelephones to silent.\n',
    )
    assert.deepEqual(result, {
      ok: true,
      value: [
        { heading: 'Access', text: 'Access is available for the disabled.' },
        { heading: 'Mobile telephones', text: 'Please switch your mobile\ntelephones to silent.' },
      ],
    })
  })

  it('keeps blank lines between paragraphs, one blank line however many were typed', () => {
    const result = parseSections('##   Use of   social media  \nFirst.\n\n\n\nSecond.   \n\n')
    assert.deepEqual(result, { ok: true, value: [{ heading: 'Use of social media', text: 'First.\n\nSecond.' }] })
  })

  it('writes the sections back as they are edited, and reads them again unchanged', () => {
    const sections = [
      { heading: 'Access', text: 'One.\n\nTwo.' },
      { heading: 'Council Strategy', text: 'Outcomes:\n- Growth\n- A good start in life' },
    ]
    const text = sectionsText(sections)
    assert.equal(text, '## Access\nOne.\n\nTwo.\n\n## Council Strategy\nOutcomes:\n- Growth\n- A good start in life')
    assert.deepEqual(parseSections(text), { ok: true, value: sections })
  })

  it('treats an empty lead-in as none and tidies its spaces', () => {
    assert.deepEqual(publicInformation({ sections: '', leadIn: '  ' }), {
      ok: true,
      value: { leadIn: null, sections: [] },
    })
    const result = publicInformation({ sections: '', leadIn: ' Scrutiny of   services to include: ' })
    assert.ok(result.ok)
    assert.equal(result.value.leadIn, 'Scrutiny of services to include:')
  })

  it('prints paragraphs and lists, joining a paragraph’s lines', () => {
    assert.deepEqual(textBlocks('Outcomes that make\nup our vision.\n- Growth\n- A good\n  start in life\n\nAfter.'), [
      { kind: 'paragraph', text: 'Outcomes that make up our vision.' },
      { kind: 'list', items: ['Growth', 'A good start in life'] },
      { kind: 'paragraph', text: 'After.' },
    ])
  })

  it('lays the sections out in the seed’s order around the quorum, the dates and the interests page', () => {
    const s = (heading: string): PublicInformationSection => ({ heading, text: 'x' })
    const layout = packLayout([
      s('Public representations'),
      s('Business to be discussed'),
      s('Rules of procedure'),
      s('Disclosure of interests'),
      s('Other Interests'),
    ])
    assert.deepEqual(
      layout.beforeQuorum.map((x) => x.heading),
      ['Public representations', 'Business to be discussed'],
    )
    assert.deepEqual(
      layout.afterQuorum.map((x) => x.heading),
      ['Rules of procedure'],
    )
    assert.deepEqual(
      layout.interests.map((x) => x.heading),
      ['Disclosure of interests', 'Other Interests'],
    )
  })

  describe('edge cases', () => {
    it('names the line of text that comes before any heading', () => {
      assert.deepEqual(messages(parseSections('\n\nAccess is available\n## Access\nText')), [
        'Line 3: start each section with a line like "## Access"',
      ])
    })

    it('names the line of a heading that is empty or too long', () => {
      assert.deepEqual(messages(parseSections(`## Access\nText\n##   \nMore\n## ${'h'.repeat(121)}\nText`)), [
        'Line 3: write the section\'s heading after "##"',
        'Line 5: the heading must be 120 characters or fewer',
      ])
      assert.ok(parseSections(`## ${'h'.repeat(120)}\nText`).ok)
    })

    it('refuses a heading with no text under it', () => {
      assert.deepEqual(messages(parseSections('## Access\n\n\n## Smoking policy\nNo smoking.')), [
        'Line 1: write the text of "Access" under its heading, or remove the heading',
      ])
    })

    it('refuses more than 20,000 characters but accepts exactly that many', () => {
      const body = (n: number) => `## Access\n${'a'.repeat(n - 10)}`
      assert.ok(parseSections(body(20_000)).ok)
      assert.deepEqual(messages(parseSections(body(20_001))), [
        'The public information must be 20,000 characters or fewer (it has 20,001)',
      ])
    })

    it('refuses a lead-in over 300 characters alongside problems with the sections', () => {
      const result = publicInformation({ sections: 'no heading', leadIn: 'x'.repeat(301) })
      assert.ok(!result.ok)
      assert.deepEqual(
        result.problems.map((p) => p.field),
        ['sections', 'leadIn'],
      )
    })

    it('keeps markup as plain text for printing to escape', () => {
      const result = parseSections('## <b>Access</b>\n<script>alert(1)</script>')
      assert.deepEqual(result, {
        ok: true,
        value: [{ heading: '<b>Access</b>', text: '<script>alert(1)</script>' }],
      })
    })

    it('a heading-like line inside text needs the ## at its start', () => {
      const result = parseSections('## Access\nCall 0238 ## ext 2')
      assert.ok(result.ok)
      assert.equal(result.value.length, 1)
    })

    it('with no sections lays out nothing, and without "Business to be discussed" puts every section before the quorum', () => {
      assert.deepEqual(packLayout([]), { beforeQuorum: [], afterQuorum: [], interests: [] })
      const layout = packLayout([{ heading: 'Access', text: 'a' }])
      assert.equal(layout.beforeQuorum.length, 1)
      assert.equal(layout.afterQuorum.length, 0)
    })

    it('an empty text has no blocks, and a list item starts a new list after a paragraph', () => {
      assert.deepEqual(textBlocks(''), [])
      assert.deepEqual(textBlocks('Intro:\n- one'), [
        { kind: 'paragraph', text: 'Intro:' },
        { kind: 'list', items: ['one'] },
      ])
    })
  })
})
