import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { slugFor, type GlossaryEntry } from '../../domain/glossary.ts'
import { createViewEnvironment } from '../nunjucks.ts'
import { glossaryFormModel, glossaryJson, glossaryPageModel } from './glossary-page.ts'

function entry(
  term: string,
  acronym: string | null,
  definition = `${term}.`,
  source: string | null = null,
): GlossaryEntry {
  return { term, acronym, definition, source, slug: slugFor(term) }
}

const ENTRIES = [
  entry(
    'Section 47 Enquiry',
    'S47',
    'An enquiry, often after a CP referral.\n\n- one\n- two',
    'http://example.org/s47',
  ),
  entry('Child Protection', 'CP', 'Protecting children; see S47 and CP.', 'Working Together 2010'),
  entry('assessment', null),
]

describe('glossaryPageModel', () => {
  it('groups entries A to Z under the letters that have terms', () => {
    const model = glossaryPageModel(ENTRIES, { canManage: false })
    assert.deepEqual(model.letters, [
      { letter: 'A', href: '#glossary-letter-a' },
      { letter: 'C', href: '#glossary-letter-c' },
      { letter: 'S', href: '#glossary-letter-s' },
    ])
    assert.deepEqual(
      model.groups.map((g) => g.entries.map((e) => e.slug)),
      [['assessment'], ['child-protection'], ['section-47-enquiry']],
    )
    assert.equal(model.newHref, null)
    assert.equal(model.groups[0]?.entries[0]?.editHref, null)
  })

  it('marks up other entries’ acronyms in a definition, but not the entry’s own', () => {
    const model = glossaryPageModel(ENTRIES, { canManage: true })
    const cp = model.groups[1]?.entries[0]
    assert.deepEqual(cp?.blocks, [
      {
        kind: 'paragraph',
        segments: [
          { kind: 'text', text: 'Protecting children; see ' },
          { kind: 'acronym', text: 'S47', slug: 'section-47-enquiry', expansion: 'Section 47 Enquiry' },
          { kind: 'text', text: ' and CP.' },
        ],
      },
    ])
    assert.deepEqual(cp?.source, { text: 'Working Together 2010', href: null })
    assert.equal(cp?.editHref, '/glossary/child-protection/edit')
    const s47 = model.groups[2]?.entries[0]
    assert.deepEqual(s47?.source, { text: 'http://example.org/s47', href: 'http://example.org/s47' })
    assert.equal(s47?.blocks[1]?.kind, 'list')
  })

  it('publishes JSON A to Z with each entry’s address', () => {
    const json = glossaryJson(ENTRIES)
    assert.deepEqual(
      json.entries.map((e) => e.url),
      ['/glossary#assessment', '/glossary#child-protection', '/glossary#section-47-enquiry'],
    )
  })

  describe('edge cases', () => {
    it('puts terms starting with a digit after Z', () => {
      const model = glossaryPageModel([entry('16 plus', null), entry('Zebra', null)], { canManage: false })
      assert.deepEqual(
        model.letters.map((l) => l.letter),
        ['Z', '0–9'],
      )
    })

    it('shows an empty glossary with no letters', () => {
      assert.deepEqual(glossaryPageModel([], { canManage: false }).groups, [])
    })

    it('points each form field’s error at the field', () => {
      const model = glossaryFormModel(
        'early-help',
        { term: '', acronym: '', definition: '', source: '' },
        [{ field: 'term', message: 'Enter the term' }],
        'Early Help',
      )
      assert.equal(model.pageTitle, 'Error: Edit Early Help')
      assert.deepEqual(model.errorList, [{ text: 'Enter the term', href: '#term' }])
      assert.deepEqual(model.errors.term, { text: 'Enter the term' })
      assert.equal(model.errors.definition, null)
      assert.equal(model.removeAction, '/glossary/early-help/remove')
    })
  })
})

describe('the markedUp macro', () => {
  const env = createViewEnvironment()
  const render = (segments: unknown) =>
    env.renderString('{% from "partials/glossary.njk" import markedUp %}{{ markedUp(segments) }}', { segments })

  it('links an acronym to its entry with its expansion in an <abbr>', () => {
    assert.equal(
      render([
        { kind: 'text', text: 'Number of ' },
        { kind: 'acronym', text: 'S47', slug: 'section-47-enquiry', expansion: 'Section 47 Enquiry' },
      ]),
      'Number of <a class="govuk-link" href="/glossary#section-47-enquiry"><abbr title="Section 47 Enquiry">S47</abbr></a>',
    )
  })

  describe('edge cases', () => {
    it('escapes every part: text, acronym, slug and expansion', () => {
      const html = render([
        { kind: 'text', text: '<script>alert(1)</script>' },
        { kind: 'acronym', text: '<b>', slug: '"><x', expansion: '" onmouseover="alert(1)' },
      ])
      assert.equal(
        html,
        '&lt;script&gt;alert(1)&lt;/script&gt;<a class="govuk-link" href="/glossary#%22%3E%3Cx">' +
          '<abbr title="&quot; onmouseover=&quot;alert(1)">&lt;b&gt;</abbr></a>',
      )
    })

    it('renders nothing for no segments', () => {
      assert.equal(render([]), '')
    })
  })
})
