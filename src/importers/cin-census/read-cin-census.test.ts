import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { createRandom } from '../../synthetic/annex-a.ts'
import { cinCensusMessages, readCinCensus } from './read-cin-census.ts'

const FIXTURES = new URL('../../../fixtures/cin-census/', import.meta.url)
const fixture = (name: string): Buffer => readFileSync(new URL(name, FIXTURES))

/** The text as a stream of small chunks, so elements and characters are split across chunk boundaries. */
function* chunked(bytes: Uint8Array, size = 7): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

const read = (text: string | Uint8Array, size?: number) =>
  readCinCensus(chunked(typeof text === 'string' ? Buffer.from(text) : text, size))

function census(
  children: string,
  header = '<Header><CollectionDetails><Year>2019</Year></CollectionDetails></Header>',
) {
  return `<?xml version="1.0" encoding="utf-8"?>\n<Message>${header}<Children>${children}</Children></Message>`
}

describe('readCinCensus on the public fixtures', () => {
  it('reads the 2024 sample: both children, every module, and the deliberately wrong authorisation date', async () => {
    const result = await readCinCensus(new URL('CIN_Census_2024.xml', FIXTURES).pathname)
    assert.ok(result.ok)
    const { counts, records, problems } = result.value
    assert.deepEqual(counts, {
      children: 2,
      referrals: 2,
      assessments: 2,
      section47: 1,
      icpcs: 2,
      cin_plans: 1,
      cp_plans: 1,
      problems: 1,
    })
    assert.equal(records.referrals.length, 2)
    assert.deepEqual(
      records.referrals.map((r) => [r.childId, r.referralDate, r.nfa]),
      [
        ['DfEX0000001', '2022-10-06', false],
        ['child_fails_assessments', '2024-10-24', false],
      ],
    )
    assert.deepEqual(records.section47s[0], {
      row: 54,
      childId: 'DfEX0000001',
      dateOfBirth: '2015-03-27',
      invalid: new Set(),
      strategyDate: '2022-06-02',
      icpcDate: '2022-06-17',
      icpcResultedInPlan: false,
    })
    assert.equal(records.plans[0]?.previousPlans, 10)
    assert.deepEqual(problems, [
      {
        childId: 'DfEX0000001',
        path: 'Message/Children/Child/CINdetails/Assessments/AssessmentAuthorisationDate',
        line: 43,
        column: null,
        value: '2020-09-19',
        reason: cinCensusMessages.authorisedBeforeStart,
      },
    ])
  })

  it('reads the 2021-22 names (GenderCurrent, ExpectedPersonBirthDate) the same way', async () => {
    const result = await read(fixture('cin-2022.xml'), 13)
    assert.ok(result.ok)
    assert.equal(result.value.year, '2022')
    assert.equal(result.value.referenceDate, '2022-03-31')
    assert.equal(result.value.records.cin[0]?.startDate, '1970-10-06')
    assert.equal(result.value.records.cin[0]?.closureDate, '1971-02-27')
    assert.equal(result.value.records.assessments[0]?.authorisationDate, '1971-07-18')
  })

  it('gives the same records whatever the chunk size', async () => {
    const whole = await readCinCensus(new URL('CIN2rows.xml', FIXTURES).pathname)
    const bytes = await read(fixture('CIN2rows.xml'), 1)
    assert.ok(whole.ok && bytes.ok)
    assert.deepEqual(bytes.value, whole.value)
  })

  it('refuses the XSD: its root is not <Message>', async () => {
    const result = await readCinCensus(new URL('CIN_schema_2024.xsd', FIXTURES).pathname)
    assert.ok(!result.ok)
    assert.equal(result.problems[0]?.line, 2)
    assert.match(result.problems[0]?.reason ?? '', /not a children in need census/)
  })
})

describe('readCinCensus on documents that are not a census', () => {
  const refused = async (text: string | Uint8Array) => {
    const result = await read(text)
    assert.ok(!result.ok, 'expected the document to be refused')
    assert.equal(result.problems.length, 1)
    return result.problems[0]
  }

  it('refuses an unclosed tag with its line and column', async () => {
    const problem = await refused('<Message>\n<Children>\n<Child>\n<ChildIdentifiers>\n</Child>')
    assert.equal(problem?.line, 5)
    assert.ok((problem?.column ?? 0) > 0)
    assert.match(problem?.reason ?? '', /not well-formed XML/)
  })

  it('refuses a truncated file', async () => {
    const problem = await refused(census('<Child><ChildIdentifiers><LAchildID>A</LAchildID>').slice(0, -12))
    assert.match(problem?.reason ?? '', /not well-formed XML/)
  })

  it('refuses text that is not XML, an empty file and a binary file', async () => {
    assert.match((await refused('LAchildID,CINreferralDate\nA1,2018-01-01\n'))?.reason ?? '', /not well-formed XML/)
    assert.match((await refused(''))?.reason ?? '', /not well-formed XML/)
    const binary = await refused(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]))
    assert.match(binary?.reason ?? '', /control character U\+0003, which no census XML file contains/)
    assert.equal(binary?.line, 1)
  })

  it('refuses a document of another kind (wrong root), saying what it found', async () => {
    const problem = await refused('<?xml version="1.0"?>\n\n<Children><Child/></Children>')
    assert.equal(problem?.line, 3)
    assert.equal(problem?.reason, cinCensusMessages.wrongRoot('Children'))
  })
})

describe('readCinCensus values', () => {
  it('reads every date and yes/no spelling of the schema years and reports the rest with child, path and value', async () => {
    const result = await read(
      census(`<Child><ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>31/02/2010</PersonBirthDate></ChildIdentifiers>
<CINdetails><CINreferralDate>2018-04-03Z</CINreferralDate><CINclosureDate>2018-05-01T00:00:00</CINclosureDate><ReferralNFA>1</ReferralNFA>
<Assessments><AssessmentActualStartDate>03/04/2018</AssessmentActualStartDate><AssessmentAuthorisationDate>43220</AssessmentAuthorisationDate></Assessments>
</CINdetails><CINdetails><CINreferralDate>2018-06-01</CINreferralDate><ReferralNFA>maybe</ReferralNFA></CINdetails></Child>`),
    )
    assert.ok(result.ok)
    const { records, problems } = result.value
    assert.deepEqual(
      records.referrals.map((r) => [r.referralDate, r.nfa, [...r.invalid]]),
      [
        ['2018-04-03', true, ['dateOfBirth']],
        ['2018-06-01', null, ['nfa', 'dateOfBirth']],
      ],
    )
    assert.equal(records.cin[0]?.closureDate, '2018-05-01')
    assert.equal(records.assessments[0]?.startDate, '2018-04-03')
    assert.equal(records.assessments[0]?.authorisationDate, null)
    assert.deepEqual(
      problems.map((p) => [p.childId, p.path?.split('/').slice(3).join('/'), p.value, p.reason]),
      [
        ['C1', 'ChildIdentifiers/PersonBirthDate', '31/02/2010', '31/02/2010 is not a real date'],
        ['C1', 'CINdetails/Assessments/AssessmentAuthorisationDate', '43220', cinCensusMessages.notADate],
        ['C1', 'CINdetails/ReferralNFA', 'maybe', cinCensusMessages.notYesNo],
      ],
    )
    assert.equal(result.value.counts.problems, 3)
  })

  it('matches names without regard to case or namespace prefix, and reads an unborn child', async () => {
    const result = await read(
      `<cin:Message xmlns:cin="urn:x"><cin:Children><cin:Child><cin:ChildIdentifiers><cin:LAchildID>U1</cin:LAchildID>
<cin:ExpectedPersonBirthDate>2018-09-01</cin:ExpectedPersonBirthDate></cin:ChildIdentifiers>
<cin:CINDetails><cin:CINReferralDate>2018-04-03</cin:CINReferralDate></cin:CINDetails></cin:Child></cin:Children></cin:Message>`,
    )
    assert.ok(result.ok)
    assert.equal(result.value.records.referrals[0]?.dateOfBirth, '2018-09-01')
    assert.equal(result.value.records.referrals[0]?.referralDate, '2018-04-03')
  })

  it('refuses a child without an LAchildID but counts its elements', async () => {
    const result = await read(
      census('<Child><CINdetails><CINreferralDate>2018-04-03</CINreferralDate></CINdetails></Child>'),
    )
    assert.ok(result.ok)
    assert.equal(result.value.records.referrals.length, 0)
    assert.equal(result.value.counts.referrals, 1)
    assert.equal(result.value.problems[0]?.reason, cinCensusMessages.noChildId)
  })

  it('links an ICPC to the plan that starts on its date, and RC8 closures to "no support needed"', async () => {
    const result = await read(
      census(`<Child><ChildIdentifiers><LAchildID>P1</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2018-04-03</CINreferralDate><ReasonForClosure>RC8</ReasonForClosure>
<Assessments><AssessmentActualStartDate>2018-04-03</AssessmentActualStartDate><AssessmentAuthorisationDate>2018-04-20</AssessmentAuthorisationDate></Assessments>
<Section47><S47ActualStartDate>2018-04-04</S47ActualStartDate><DateOfInitialCPC>2018-04-24</DateOfInitialCPC></Section47>
<ChildProtectionPlans><CPPstartDate>2018-04-24</CPPstartDate></ChildProtectionPlans></CINdetails></Child>`),
    )
    assert.ok(result.ok)
    assert.equal(result.value.records.section47s[0]?.icpcResultedInPlan, true)
    assert.equal(result.value.records.assessments[0]?.requiresSupport, false)
  })

  it('cuts an enormous value rather than holding it, and reports it', async () => {
    const huge = 'x'.repeat(100_000)
    const result = await read(
      census(
        `<Child><ChildIdentifiers><LAchildID>H1</LAchildID></ChildIdentifiers><CINdetails><CINreferralDate>${huge}</CINreferralDate></CINdetails></Child>`,
      ),
      4096,
    )
    assert.ok(result.ok)
    assert.equal(result.value.problems[0]?.reason, cinCensusMessages.tooLong(1000))
    assert.ok((result.value.problems[0]?.value?.length ?? 0) < 100)
  })
})

describe('readCinCensus on hostile documents', () => {
  it('refuses entities a DTD defines (no expansion, no outside files) with the line and column', async () => {
    for (const entity of ['<!ENTITY a "aaaa">', '<!ENTITY a SYSTEM "file:///etc/passwd">']) {
      const result = await read(
        `<?xml version="1.0"?>\n<!DOCTYPE Message [${entity}]>\n<Message><Children><Child><ChildIdentifiers><LAchildID>&a;</LAchildID></ChildIdentifiers></Child></Children></Message>`,
      )
      assert.ok(!result.ok)
      assert.equal(result.problems[0]?.line, 3)
      assert.equal(result.problems[0]?.reason, cinCensusMessages.notXml('undefined entity'))
    }
  })

  it('says so when the file is missing or is a folder', async () => {
    const missing = await readCinCensus('/no/such/census.xml')
    assert.ok(!missing.ok)
    assert.equal(missing.problems[0]?.reason, cinCensusMessages.missing('census.xml'))
    const folder = await readCinCensus(new URL('.', FIXTURES).pathname)
    assert.ok(!folder.ok)
    assert.equal(folder.problems[0]?.reason, cinCensusMessages.folder('cin-census'))
  })

  it('reads UTF-16 with a byte order mark', async () => {
    const text = fixture('CIN2rows.xml').toString('utf8')
    const result = await read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 9)
    assert.ok(result.ok)
    assert.equal(result.value.counts.children, 1)
  })

  it('refuses a child with an absurd number of elements without holding them', async () => {
    const many = '<Disability>NONE</Disability>'.repeat(60_000)
    const result = await read(
      census(
        `<Child><ChildIdentifiers><LAchildID>M1</LAchildID></ChildIdentifiers><ChildCharacteristics><Disabilities>${many}</Disabilities></ChildCharacteristics><CINdetails><CINreferralDate>2018-04-03</CINreferralDate></CINdetails></Child>` +
          '<Child><ChildIdentifiers><LAchildID>M2</LAchildID></ChildIdentifiers><CINdetails><CINreferralDate>2018-04-04</CINreferralDate></CINdetails></Child>',
      ),
      65536,
    )
    assert.ok(result.ok)
    assert.equal(result.value.problems[0]?.reason, cinCensusMessages.tooBig(50_000))
    // The next child is read as usual: the nesting was followed while the elements were dropped.
    assert.deepEqual(
      result.value.records.referrals.map((r) => r.childId),
      ['M2'],
    )
    assert.equal(result.value.counts.children, 2)
    assert.equal(result.value.counts.referrals, 2, "the refused child's elements are still counted")
  })

  it('refuses a document nested absurdly deep with the line and column', async () => {
    const result = await read(`<Message>${'<a>'.repeat(1000)}${'</a>'.repeat(1000)}</Message>`, 4096)
    assert.ok(!result.ok)
    assert.equal(result.problems[0]?.reason, cinCensusMessages.tooDeep(32))
    assert.equal(result.problems[0]?.line, 1)
  })
})

describe('readCinCensus on mutated fixtures (property)', () => {
  const mutations: Array<(text: string, random: () => number) => string | Uint8Array> = [
    // Drop one element (its start tag to its end tag, or just a tag).
    (text, random) => {
      const tags = [...text.matchAll(/<[A-Za-z][^>]*>/g)]
      const tag = tags[Math.floor(random() * tags.length)]
      if (tag?.index === undefined) return text
      const name = /<([A-Za-z][^\s>/]*)/.exec(tag[0])?.[1] ?? ''
      const close = text.indexOf(`</${name}>`, tag.index)
      return random() < 0.7 && close > 0
        ? text.slice(0, tag.index) + text.slice(close + name.length + 3)
        : text.slice(0, tag.index) + text.slice(tag.index + tag[0].length)
    },
    // Swap two dates.
    (text, random) => {
      const dates = [...text.matchAll(/\d{4}-\d{2}-\d{2}/g)]
      const a = dates[Math.floor(random() * dates.length)]
      const b = dates[Math.floor(random() * dates.length)]
      if (a?.index === undefined || b?.index === undefined || a.index === b.index) return text
      const [x, y] = a.index < b.index ? [a, b] : [b, a]
      return (
        text.slice(0, x.index) +
        y[0] +
        text.slice((x.index ?? 0) + 10, y.index) +
        x[0] +
        text.slice((y.index ?? 0) + 10)
      )
    },
    // Corrupt a few bytes.
    (text, random) => {
      const bytes = Buffer.from(text)
      for (let n = 0; n < 1 + random() * 4; n++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256)
      return bytes
    },
    // Turn a date into nonsense.
    (text, random) => text.replace(/\d{4}-\d{2}-\d{2}/, random() < 0.5 ? '2018-02-31' : 'soon'),
  ]

  it('reads or refuses every mutation with reasons, never crashing', async () => {
    const random = createRandom(13)
    const names = ['CIN2rows.xml', 'CIN_Census_2024.xml', 'cin-2022.xml']
    let refused = 0
    for (let i = 0; i < 300; i++) {
      const name = names[i % names.length] as string
      let mutated: string | Uint8Array = fixture(name).toString('utf8')
      for (let m = 0; m < 1 + Math.floor(random() * 3); m++) {
        const mutate = mutations[Math.floor(random() * mutations.length)] as (typeof mutations)[number]
        mutated = mutate(typeof mutated === 'string' ? mutated : Buffer.from(mutated).toString('latin1'), random)
      }
      const result = await read(mutated, 1 + Math.floor(random() * 64))
      if (!result.ok) {
        refused++
        for (const p of result.problems) assert.ok(p.reason.length > 0 && (p.line === null || p.line >= 1))
      } else {
        const { counts, problems } = result.value
        assert.equal(counts.problems, problems.length)
        for (const p of problems) assert.ok(p.reason.length > 0 && p.path !== null)
      }
    }
    assert.ok(refused > 0 && refused < 300, `some mutations are refused, some read (${refused} refused)`)
  })
})
