import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import {
  definitionBlocks,
  glossaryEntryFrom,
  letterOf,
  markUpAcronyms,
  markUpSection,
  parseGlossary,
  slugFor,
  sortEntries,
  splitHeading,
  withAdditions,
  type GlossaryEntry,
} from './glossary.ts'

// Domain tests read no files themselves; the seed text is read here, once, as test data.
const SEED = readFileSync(
  new URL('../../reference/glossary/scrutiny-panel-glossary-2018-06-07.txt', import.meta.url),
  'utf8',
)
const DEFAULT_SOURCE = 'Council glossary, 7 June 2018'
const seed = parseGlossary(SEED, { defaultSource: DEFAULT_SOURCE })
const bySlug = (slug: string) => seed.find((e) => e.slug === slug)

function entry(term: string, acronym: string | null): GlossaryEntry {
  return { term, acronym, definition: `${term}.`, source: null, slug: slugFor(term) }
}

describe('parseGlossary on the council glossary of 7 June 2018', () => {
  it('finds all 23 entries, in the order printed', () => {
    assert.equal(seed.length, 23)
    assert.deepEqual(
      seed.map((e) => e.acronym).filter((a) => a !== null),
      ['CiN', 'CP', 'ICPC', 'DCS', 'EH', 'LSCB', 'PEP', 'S17', 'S20', 'S47', 'SGO', 'SEN'],
    )
    assert.equal(seed[0]?.term, 'Assessment')
    assert.equal(seed.at(-1)?.term, 'Working Together to Safeguard Children')
  })

  it('reads an entry written "Term / ACRONYM" exactly', () => {
    assert.deepEqual(bySlug('personal-education-plan'), {
      term: 'Personal Education Plan',
      acronym: 'PEP',
      definition:
        "All Looked After Children must have a Personal Education Plan (PEP) which summarises the child's " +
        'developmental and educational needs, short term targets, long term plans and aspirations and which contains ' +
        "or refers to the child's record of achievement. The child's social worker is responsible for coordinating " +
        "and compiling the PEP, which should be incorporated into the child's Care Plan.",
      source: DEFAULT_SOURCE,
      slug: 'personal-education-plan',
    })
  })

  it('reads an entry written "Term (ACRONYM)" and takes its source from its "See http…" line', () => {
    const lscb = bySlug('local-safeguarding-childrens-board')
    assert.equal(lscb?.term, "Local Safeguarding Children's Board")
    assert.equal(lscb?.acronym, 'LSCB')
    assert.equal(lscb?.source, 'http://southamptonlscb.co.uk/')
    assert.doesNotMatch(lscb?.definition ?? '', /See http/)
  })

  it('takes a source from "The following definition is taken from …"', () => {
    const cp = bySlug('child-protection')
    assert.equal(cp?.source, 'Working Together to Safeguard Children 2010, paragraph 1.23')
    assert.equal(
      cp?.definition,
      'Child protection is a part of Safeguarding and Promoting the Welfare of Children. This refers to the activity ' +
        'that is undertaken to protect specific children who are suffering, or are likely to suffer, Significant Harm.',
    )
  })

  it('joins a definition cut mid-sentence by a page break, and strips the scan’s bold and underline', () => {
    assert.match(bySlug('review-child-protection-conference')?.definition ?? '', /development of the child in view of/)
    assert.match(bySlug('section-47-enquiry')?.definition ?? '', /likely to suffer Significant Harm, a Section 47/)
    const sgo = bySlug('special-guardianship-order')?.definition ?? ''
    assert.match(sgo, /Special Guardians will have Parental Responsibility/)
    assert.doesNotMatch(sgo + (bySlug('care-order')?.definition ?? ''), /<u>|\*\*/)
  })

  it('keeps bulleted lists as lines starting "- "', () => {
    const blocks = definitionBlocks(bySlug('early-help')?.definition ?? '')
    const list = blocks.find((b) => b.kind === 'list')
    assert.ok(list?.kind === 'list')
    assert.equal(list.items.length, 3)
    assert.match(list.items[2] ?? '', /which focuses on activity/)
  })

  it('leaves out a heading with no definition of its own, and stops at "Sources:"', () => {
    assert.equal(bySlug('child-protection-conference'), undefined)
    assert.ok(seed.every((e) => !/Tri\.x/.test(e.definition)))
  })
})

describe('splitHeading, slugFor, letterOf, sortEntries', () => {
  it('splits both ways the council writes an acronym', () => {
    assert.deepEqual(splitHeading('Section 47 Enquiry / S47'), { term: 'Section 47 Enquiry', acronym: 'S47' })
    assert.deepEqual(splitHeading('Statement of Special Education Needs (SEN)'), {
      term: 'Statement of Special Education Needs',
      acronym: 'SEN',
    })
    assert.deepEqual(splitHeading('Referral'), { term: 'Referral', acronym: null })
  })

  it('makes slugs of letters and digits joined by hyphens', () => {
    assert.equal(slugFor("Director of Children's Services"), 'director-of-childrens-services')
    assert.equal(slugFor('Section 17'), 'section-17')
  })

  it('files terms under their first letter', () => {
    assert.equal(letterOf('early help'), 'E')
    assert.deepEqual(
      sortEntries([entry('b', null), entry('A', null), entry('c', null)]).map((e) => e.term),
      ['A', 'b', 'c'],
    )
  })
})

describe('markUpAcronyms', () => {
  const entries = [
    entry('Initial Child Protection Conference', 'ICPC'),
    entry('Child Protection', 'CP'),
    entry('Child Protection Plan', 'CPP'),
    entry('Looked After Child', 'LAC'),
    entry('Child in Need', 'CiN'),
    entry('Section 47 Enquiry', 'S47'),
  ]

  it('links an acronym to its entry with the term as its expansion', () => {
    assert.deepEqual(markUpAcronyms('Number of Section 47 (S47) enquiries started', entries), [
      { kind: 'text', text: 'Number of Section 47 (' },
      { kind: 'acronym', text: 'S47', slug: 'section-47-enquiry', expansion: 'Section 47 Enquiry' },
      { kind: 'text', text: ') enquiries started' },
    ])
  })

  it('links a plural to the singular entry, the "s" included', () => {
    const segments = markUpAcronyms('Initial Child Protection Conferences (ICPCs) and LACs', entries)
    assert.deepEqual(
      segments.filter((s) => s.kind === 'acronym').map((s) => [s.text, s.slug]),
      [
        ['ICPCs', 'initial-child-protection-conference'],
        ['LACs', 'looked-after-child'],
      ],
    )
  })

  it('prefers the longest acronym: CPP before CP', () => {
    const segments = markUpAcronyms('CPP and CP and CPPs', entries, { every: true })
    assert.deepEqual(
      segments.filter((s) => s.kind === 'acronym').map((s) => s.slug),
      ['child-protection-plan', 'child-protection', 'child-protection-plan'],
    )
  })

  it('marks the first use only by default, every use when asked', () => {
    const first = markUpAcronyms('LAC, LAC and LAC', entries)
    assert.equal(first.filter((s) => s.kind === 'acronym').length, 1)
    assert.equal(first.map((s) => s.text).join(''), 'LAC, LAC and LAC')
    assert.equal(
      markUpAcronyms('LAC, LAC and LAC', entries, { every: true }).filter((s) => s.kind === 'acronym').length,
      3,
    )
  })

  it('matches a mixed-case acronym ("CiN") written in capitals too ("CIN")', () => {
    const segments = markUpAcronyms('new CIN cases; CiN plans', entries, { every: true })
    assert.deepEqual(
      segments.filter((s) => s.kind === 'acronym').map((s) => s.text),
      ['CIN', 'CiN'],
    )
  })

  describe('edge cases', () => {
    it('matches whole words only: not inside another word or a code', () => {
      for (const text of ['CINDY', 'SCIN', 'CP1 and CP5-QL', 'LACE', 'xS47', 'ICPCS']) {
        assert.deepEqual(markUpAcronyms(text, entries), [{ kind: 'text', text }], text)
      }
    })

    it('is case-sensitive: "cp", "Lac" and "cin" are ordinary words', () => {
      const text = 'cp Lac cin Cp'
      assert.deepEqual(markUpAcronyms(text, entries), [{ kind: 'text', text }])
    })

    it('treats punctuation, hyphens and possessives as word boundaries', () => {
      const segments = markUpAcronyms("(LAC's) CPP-related S47.", entries, { every: true })
      assert.deepEqual(
        segments.filter((s) => s.kind === 'acronym').map((s) => s.text),
        ['LAC', 'CPP', 'S47'],
      )
      assert.equal(segments.map((s) => s.text).join(''), "(LAC's) CPP-related S47.")
    })

    it('returns no segments for empty text, and one text segment without acronyms', () => {
      assert.deepEqual(markUpAcronyms('', entries), [])
      assert.deepEqual(markUpAcronyms('CP', []), [{ kind: 'text', text: 'CP' }])
      assert.deepEqual(markUpAcronyms('CP', [entry('Referral', null)]), [{ kind: 'text', text: 'CP' }])
    })

    it('keeps <script> and other markup as plain text segments', () => {
      const text = '<script>alert("CP")</script> & CPP'
      const segments = markUpAcronyms(text, entries, { every: true })
      assert.equal(segments.map((s) => s.text).join(''), text)
      assert.deepEqual(segments[0], { kind: 'text', text: '<script>alert("' })
      assert.ok(segments.some((s) => s.kind === 'text' && s.text.includes('</script>')))
    })

    it('treats regular-expression characters in an acronym literally', () => {
      const odd = [entry('Plus', 'C++'), entry('Dot', 'A.B')]
      assert.deepEqual(markUpAcronyms('CXX AxB', odd), [{ kind: 'text', text: 'CXX AxB' }])
    })

    it('leaves an entry’s own acronym unmarked with exceptSlug', () => {
      assert.deepEqual(markUpAcronyms('LAC', entries, { exceptSlug: 'looked-after-child' }), [
        { kind: 'text', text: 'LAC' },
      ])
    })

    it('matches acronyms next to non-Latin letters as whole words only', () => {
      assert.deepEqual(markUpAcronyms('éLAC', entries), [{ kind: 'text', text: 'éLAC' }])
    })
  })
})

describe('markUpSection: each acronym marked at its first use in a section', () => {
  const entries = [
    entry('Looked After Child', 'LAC'),
    entry('Child Protection', 'CP'),
    entry('Section 47 Enquiry', 'S47'),
  ]
  const acronyms = (paragraphs: Array<ReturnType<typeof markUpAcronyms>>) =>
    paragraphs.map((segments) => segments.filter((s) => s.kind === 'acronym').map((s) => s.text))

  it('marks the first use in the section, whichever paragraph it is in, and leaves later ones plain', () => {
    const section = markUpSection(['LAC numbers rose; LAC placements too.', 'CP and LAC.', 'S47s and CP.'], entries)
    assert.deepEqual(acronyms(section), [['LAC'], ['CP'], ['S47s']])
    assert.deepEqual(section[1], [
      { kind: 'acronym', text: 'CP', slug: 'child-protection', expansion: 'Child Protection' },
      { kind: 'text', text: ' and LAC.' },
    ])
  })

  it('starts afresh in each section, so every commentary or minute explains its own acronyms', () => {
    const first = markUpSection(['LAC rose.'], entries)
    const second = markUpSection(['LAC fell.'], entries)
    assert.deepEqual(acronyms(first), [['LAC']])
    assert.deepEqual(acronyms(second), [['LAC']])
  })

  it('keeps every character of every paragraph, in order', () => {
    const paragraphs = ['LAC, CP.', '', '  S47 (LAC)  ']
    const section = markUpSection(paragraphs, entries)
    assert.deepEqual(
      section.map((segments) => segments.map((s) => s.text).join('')),
      paragraphs,
    )
  })

  describe('edge cases', () => {
    it('returns nothing for no paragraphs, and an empty paragraph as no segments', () => {
      assert.deepEqual(markUpSection([], entries), [])
      assert.deepEqual(markUpSection(['', 'CP'], entries), [
        [],
        [{ kind: 'acronym', text: 'CP', slug: 'child-protection', expansion: 'Child Protection' }],
      ])
    })

    it('marks nothing without a glossary, and leaves an unknown uppercase word alone', () => {
      assert.deepEqual(markUpSection(['LAC'], []), [[{ kind: 'text', text: 'LAC' }]])
      assert.deepEqual(markUpSection(['The ZZQ panel'], entries), [[{ kind: 'text', text: 'The ZZQ panel' }]])
    })

    it('counts a plural as a use: "LACs" first, then "LAC" stays plain', () => {
      assert.deepEqual(acronyms(markUpSection(['LACs', 'LAC'], entries)), [['LACs'], []])
    })

    it('keeps <script> as text in a paragraph whose acronym comes after it', () => {
      const section = markUpSection(['<script>alert(1)</script>', 'LAC <b>'], entries)
      assert.deepEqual(section[0], [{ kind: 'text', text: '<script>alert(1)</script>' }])
      assert.deepEqual(section[1]?.[1], { kind: 'text', text: ' <b>' })
    })
  })
})

describe('glossaryEntryFrom', () => {
  it('tidies an entry and makes its slug', () => {
    assert.deepEqual(
      glossaryEntryFrom({ term: '  Early   Help ', acronym: ' EH ', definition: ' Help early.\r\n', source: ' ' }),
      {
        ok: true,
        value: { term: 'Early Help', acronym: 'EH', definition: 'Help early.', source: null, slug: 'early-help' },
      },
    )
  })

  describe('edge cases', () => {
    it('refuses an empty term and an empty definition, naming the fields', () => {
      const result = glossaryEntryFrom({ term: ' ', acronym: '', definition: '  ', source: '' })
      assert.deepEqual(result, {
        ok: false,
        problems: [
          { field: 'term', message: 'Enter the term' },
          { field: 'definition', message: 'Enter the definition' },
        ],
      })
    })

    it('refuses an acronym without a capital or with spaces or punctuation, and a term of punctuation only', () => {
      for (const acronym of ['cp', 'C P', 'C.P.', '<b>']) {
        const result = glossaryEntryFrom({ term: 'Child Protection', acronym, definition: 'x', source: '' })
        assert.ok(!result.ok, acronym)
        assert.equal(result.problems[0]?.field, 'acronym')
      }
      const result = glossaryEntryFrom({ term: '???', acronym: '', definition: 'x', source: '' })
      assert.ok(!result.ok)
      assert.equal(result.problems[0]?.field, 'term')
      for (const term of ['Main content', 'Glossary letter A']) {
        const reserved = glossaryEntryFrom({ term, acronym: '', definition: 'x', source: '' })
        assert.ok(!reserved.ok, term)
        assert.match(reserved.problems[0]?.message ?? '', /already uses this term as an address/)
      }
    })

    it('refuses over-long fields', () => {
      const result = glossaryEntryFrom({
        term: 'T'.repeat(121),
        acronym: 'A'.repeat(13),
        definition: 'd'.repeat(5001),
        source: 's'.repeat(501),
      })
      assert.ok(!result.ok)
      assert.deepEqual(
        result.problems.map((p) => p.field),
        ['term', 'acronym', 'definition', 'source'],
      )
    })

    it('keeps an SQL-looking term as it is', () => {
      const term = "Robert'); DROP TABLE glossary_entry;--"
      const result = glossaryEntryFrom({ term, acronym: '', definition: 'x', source: '' })
      assert.ok(result.ok)
      assert.equal(result.value.term, term)
      assert.equal(result.value.slug, 'robert-drop-table-glossary-entry')
    })
  })
})

describe('withAdditions and definitionBlocks', () => {
  it('gives an existing entry its acronym and adds a missing entry with a definition', () => {
    const result = withAdditions(
      [entry('Looked After Child', null)],
      [
        { term: 'Looked After Child', acronym: 'LAC', definition: null, source: 'minutes' },
        { term: 'Multi Agency Safeguarding Hub', acronym: 'MASH', definition: 'The hub.', source: 'terms' },
      ],
    )
    assert.deepEqual(
      result.map((e) => [e.slug, e.acronym, e.source]),
      [
        ['looked-after-child', 'LAC', null],
        ['multi-agency-safeguarding-hub', 'MASH', 'terms'],
      ],
    )
  })

  describe('edge cases', () => {
    it('does not replace an acronym already given, nor add an entry without a definition', () => {
      const result = withAdditions(
        [entry('Child in Need', 'CiN')],
        [
          { term: 'Child in Need', acronym: 'CIN', definition: null, source: 'x' },
          { term: 'Unknown', acronym: 'UNK', definition: null, source: 'x' },
        ],
      )
      assert.deepEqual(result, [entry('Child in Need', 'CiN')])
    })

    it('splits paragraphs and bullets, ignoring blank lines and Windows line ends', () => {
      assert.deepEqual(definitionBlocks('One\r\ntwo\r\n\r\n- a\n  more\n- b\n\n\n'), [
        { kind: 'paragraph', text: 'One two' },
        { kind: 'list', items: ['a more', 'b'] },
      ])
      assert.deepEqual(definitionBlocks(''), [])
    })
  })
})
