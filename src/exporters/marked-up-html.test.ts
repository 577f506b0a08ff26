import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { GlossaryEntry } from '../domain/glossary.ts'
import { markedUpHtml, sectionHtml } from './marked-up-html.ts'

const glossary: GlossaryEntry[] = [
  {
    term: 'Looked After Child',
    acronym: 'LAC',
    definition: 'A child in care.',
    source: null,
    slug: 'looked-after-child',
  },
  { term: 'Section 47 Enquiry', acronym: 'S47', definition: 'x', source: null, slug: 'section-47-enquiry' },
]

describe('markedUpHtml', () => {
  it('prints an acronym as <abbr> with its expansion, and the text around it escaped', () => {
    assert.equal(
      markedUpHtml([
        { kind: 'text', text: 'Our ' },
        { kind: 'acronym', text: 'LACs', slug: 'looked-after-child', expansion: 'Looked After Child' },
        { kind: 'text', text: ' & others' },
      ]),
      'Our <abbr title="Looked After Child">LACs</abbr> &amp; others',
    )
  })

  it('does not link in print: no /glossary address', () => {
    assert.doesNotMatch(sectionHtml(['LAC'], glossary).join(''), /href|glossary#/)
  })

  describe('edge cases', () => {
    it('escapes markup in text, in the acronym and in the expansion (a quote cannot leave the title)', () => {
      assert.equal(
        markedUpHtml([
          { kind: 'text', text: '<script>alert("x")</script> ' },
          { kind: 'acronym', text: '<A>', slug: 'a', expansion: 'A "quoted" <term> & \'more\'' },
        ]),
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ' +
          '<abbr title="A &quot;quoted&quot; &lt;term&gt; &amp; &#39;more&#39;">&lt;A&gt;</abbr>',
      )
    })

    it('prints nothing for no segments', () => {
      assert.equal(markedUpHtml([]), '')
    })
  })
})

describe('sectionHtml', () => {
  it('marks each acronym at its first use in the section only', () => {
    assert.deepEqual(sectionHtml(['LAC rose.', 'LAC and S47 fell.'], glossary), [
      '<abbr title="Looked After Child">LAC</abbr> rose.',
      'LAC and <abbr title="Section 47 Enquiry">S47</abbr> fell.',
    ])
  })

  describe('edge cases', () => {
    it('keeps a script inert next to an acronym, and leaves an unknown uppercase word alone', () => {
      assert.deepEqual(sectionHtml(['<script>LAC</script> ZZQ'], glossary), [
        '&lt;script&gt;<abbr title="Looked After Child">LAC</abbr>&lt;/script&gt; ZZQ',
      ])
    })

    it('marks nothing without a glossary', () => {
      assert.deepEqual(sectionHtml(['LAC & CP'], []), ['LAC &amp; CP'])
    })
  })
})
