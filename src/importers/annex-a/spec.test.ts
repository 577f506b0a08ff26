import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AnnexASpecError, buildSpec, loadAnnexASpec, specFromJson, specToJson, toPatterns, toRegExp } from './spec.ts'

describe('loadAnnexASpec', () => {
  it('describes lists 1 to 11 from annex-a-merge.yml', () => {
    const spec = loadAnnexASpec()
    assert.deepEqual([...spec.lists.keys()], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    const list1 = spec.lists.get(1) ?? []
    assert.deepEqual(
      list1.map((column) => column.name),
      [
        'Child Unique ID',
        'Gender',
        'Ethnicity',
        'Date of Birth',
        'Age of Child (Years)',
        'Date of Contact',
        'Contact Source',
      ],
    )
    const contact = list1.find((column) => column.name === 'Date of Contact')
    assert.equal(contact?.type, 'date')
    assert.equal(contact.canBeBlank, false)
    assert.equal(contact.patterns[0]?.test('DATE OF CONTACT'), true)
  })

  it('resolves YAML aliases, so later lists share the first list column patterns', () => {
    const childId = loadAnnexASpec()
      .lists.get(8)
      ?.find((column) => column.name === 'Child Unique ID')
    assert.equal(childId?.canBeBlank, false)
    assert.equal(childId.patterns[0]?.test('Child ID'), true)
  })

  it('reads allowed codes from data-map.yml as short codes', () => {
    const reasons = loadAnnexASpec().codes.get(8)?.get('Reason Ceased to be Looked After') ?? []
    assert.ok(
      reasons.some((entry) => entry.code === 'E11' && entry.label === 'a) E11: Adopted - application unopposed'),
    )
    const providers = loadAnnexASpec().codes.get(8)?.get('Placement Provider') ?? []
    assert.deepEqual(
      providers.map((entry) => entry.code),
      ['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5'],
    )
  })

  it('counts every date column of every list, including those no measure reads', () => {
    const dates = [...loadAnnexASpec().lists.values()].flat().filter((column) => column.type === 'date')
    // 2 + 3 + 2 + 3 + 3 + 4 + 5 + 10 + 1 + 9 + 11 (lists 1 to 11, each with its date of birth but list 11)
    assert.equal(dates.length, 53)
  })

  describe('edge cases', () => {
    it('keeps codes whose entry has no pattern list (a slip in data-map.yml)', () => {
      const legal = loadAnnexASpec().codes.get(8)?.get("Child's Legal Status") ?? []
      const epo = legal.find((entry) => entry.code === 'L2')
      assert.deepEqual(epo?.patterns, [])
    })
  })
})

describe('toRegExp', () => {
  it('turns a /pattern/flags string into a RegExp', () => {
    const pattern = toRegExp('/.*date.*birth.*/i')
    assert.equal(pattern?.flags, 'i')
    assert.equal(pattern.test('Date of Birth'), true)
  })

  describe('edge cases', () => {
    it('gives null for text that is not a pattern or does not compile', () => {
      assert.equal(toRegExp('date of birth'), null)
      assert.equal(toRegExp('/[unclosed/i'), null)
      assert.equal(toRegExp('/x/q'), null)
    })

    it('keeps a slash inside the pattern', () => {
      assert.equal(toRegExp('/.*Health.*/sTrust.*/i')?.test('Health /sTrust'), true)
    })
  })
})

describe('buildSpec', () => {
  it('throws a named error for a malformed column pattern (a programmer error in our reference file)', () => {
    const merge =
      'datasources:\n  List 1:\n    Date of Contact:\n      type: date\n      regex:\n        - not a pattern\n'
    assert.throws(() => buildSpec(merge, 'data_config: {}'), AnnexASpecError)
  })

  describe('edge cases', () => {
    it('skips a malformed pattern in the data map instead of failing', () => {
      assert.deepEqual(toPatterns(['/ok/i', 'not a pattern'], 'test', false).length, 1)
    })

    it('treats a column without canbeblank as optional and without a type as text', () => {
      const spec = buildSpec('datasources:\n  List 2:\n    Notes: {}\n', 'data_config: {}')
      assert.deepEqual(spec.lists.get(2), [{ name: 'Notes', type: 'text', patterns: [], canBeBlank: true }])
    })
  })
})

describe('the specification as JSON (what the compiled server reads instead of the YAML)', () => {
  it('comes back exactly as built, every pattern matching as before', () => {
    const spec = loadAnnexASpec()
    const back = specFromJson(JSON.parse(JSON.stringify(specToJson(spec))) as ReturnType<typeof specToJson>)
    assert.deepEqual(back, spec)
    const dateOfContact = back.lists.get(1)?.find((c) => c.name === 'Date of Contact')
    assert.ok(dateOfContact)
    const reasons = back.codes.get(8)?.get('Reason Ceased to be Looked After') ?? []
    assert.ok(reasons.length > 10)
    assert.ok(reasons.some((code) => code.code === 'E11'))
    // A pattern keeps its flags: the header patterns ignore case.
    const original = spec.lists.get(1)?.flatMap((c) => c.patterns) ?? []
    assert.deepEqual(
      (back.lists.get(1)?.flatMap((c) => c.patterns) ?? []).map((p) => `${p.source}/${p.flags}`),
      original.map((p) => `${p.source}/${p.flags}`),
    )
  })
})
