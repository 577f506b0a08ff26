import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { blankIndicator, type Indicator, type Observation, type Revision } from '../../domain/catalogue.ts'
import { formatTimestamp, indicatorPageModel, polarityText } from './indicator-page.ts'

const INDICATOR: Indicator = blankIndicator('sa-in-45wd', {
  code: 'SA1',
  title: 'Single assessments completed within 45 working days',
  serviceArea: 'Children in need',
  unit: 'percentage',
  polarity: 'higher',
  owner: 'Jane White',
  reporter: 'Sam Green',
  outcome: 'Children’s needs are assessed in good time.',
  definition: 'Assessments authorised in the month within 45 working days of starting, as a percentage of all.',
  numeratorId: 'sa-45wd-count',
  denominatorId: 'sa-count',
  benchmarks: {
    statisticalNeighbours: { value: 80.25, vintage: 'Updated Nov-17, using 2016-17 data' },
    england: { value: 82.7, vintage: null },
    region: null,
  },
  regionName: 'South East',
  targets: [
    { financialYear: '2018-19', value: 88 },
    { financialYear: '2017-18', value: 85 },
  ],
})

function observation(period: string, value: number | null, numerator: number | null = null): Observation {
  return { indicatorId: 'sa-in-45wd', period, value, numerator, denominator: numerator === null ? null : 100 }
}

const HISTORY: Observation[] = [
  observation('2018-04', 64.84375, 83),
  observation('2018-01', 70, 70),
  observation('2018-03', 66.25, 66),
]

function model(overrides: Partial<Parameters<typeof indicatorPageModel>[0]> = {}) {
  return indicatorPageModel({
    indicator: INDICATOR,
    history: HISTORY,
    revisions: [],
    datasets: [{ id: 'monthly', title: 'Children and Families Monthly Dataset', indicatorIds: ['sa-in-45wd'] }],
    sourceNote: 'April 2018 return, imported 3 May 2018',
    asOf: '2018-04',
    ...overrides,
  })
}

describe('indicatorPageModel drill-down links', () => {
  const linked: Indicator = { ...INDICATOR, measure: { measureId: 'assessments-in-45wd', part: 'value' } }

  it('links a month’s figure to its children only where there are children behind it to show', () => {
    const m = model({ indicator: linked, childrenMonths: new Set(['2018-04']) })
    assert.equal(m.history[0]?.childrenHref, '/indicators/sa-in-45wd/children?month=2018-04')
    assert.equal(m.history[0]?.childrenLabel, 'Children behind the April 2018 figure')
    // March has a figure, but it was typed in (or its records were removed): plain text, not a link to nothing.
    assert.equal(m.history.find((r) => r.period === 'March 2018')?.childrenHref, null)
    assert.ok(m.drillDownHint)
  })

  describe('edge cases', () => {
    it('links nothing for the public, for an indicator without a measure, or for a month without a figure', () => {
      assert.ok(model({ indicator: linked }).history.every((row) => row.childrenHref === null))
      assert.equal(model({ indicator: linked }).drillDownHint, null)
      const all = new Set(['2018-01', '2018-02', '2018-03', '2018-04'])
      assert.ok(model({ childrenMonths: all }).history.every((row) => row.childrenHref === null))
      // February 2018 has no figure: a gap, not a link.
      const february = model({ indicator: linked, childrenMonths: all }).history.find(
        (r) => r.period === 'February 2018',
      )
      assert.equal(february?.childrenHref, null)
    })
  })
})

describe('indicatorPageModel', () => {
  it('describes the indicator in words', () => {
    const m = model()
    assert.equal(m.title, INDICATOR.title)
    assert.equal(m.pageTitle, `SA1 – ${INDICATOR.title}`)
    assert.equal(m.caption, 'Children in need')
    const summary = new Map(m.summary.map((row) => [row.key, row]))
    assert.equal(summary.get('Code')?.value, 'SA1')
    assert.equal(summary.get('Unit')?.value, 'Percentage')
    assert.equal(summary.get('Polarity')?.value, 'Higher is better')
    assert.equal(summary.get('Owner')?.value, 'Jane White')
    assert.equal(summary.get('Reporter')?.value, 'Sam Green')
    assert.equal(summary.get('Definition')?.value, INDICATOR.definition)
    assert.deepEqual(summary.get('Numerator'), {
      key: 'Numerator',
      value: 'sa-45wd-count',
      href: '/indicators/sa-45wd-count',
    })
    assert.deepEqual(summary.get('Denominator'), {
      key: 'Denominator',
      value: 'sa-count',
      href: '/indicators/sa-count',
    })
  })

  it('names the numerator and denominator by title when given the catalogue', () => {
    const catalogue = new Map([['sa-count', blankIndicator('sa-count', { title: 'Single assessments authorised' })]])
    const denominator = model({ catalogue }).summary.find((row) => row.key === 'Denominator')
    assert.equal(denominator?.value, 'Single assessments authorised')
  })

  it('lists benchmarks with their vintages and targets by financial year', () => {
    const m = model()
    assert.deepEqual(m.benchmarks, [
      { label: 'Statistical neighbours', value: '80.3%', vintage: 'Updated Nov-17, using 2016-17 data' },
      { label: 'England', value: '82.7%', vintage: '' },
    ])
    assert.deepEqual(m.targets, [
      { financialYear: '2017-18', value: '85.0%' },
      { financialYear: '2018-19', value: '88.0%' },
    ])
  })

  it('shows every month from the first figure to asOf, newest first, with gaps as blanks', () => {
    const m = model()
    assert.deepEqual(
      m.history.map((row) => [row.period, row.value.text, row.numerator.text]),
      [
        ['April 2018', '64.8', '83'],
        ['March 2018', '66.3', '66'],
        ['February 2018', '', ''],
        ['January 2018', '70.0', '70'],
      ],
    )
    assert.equal(m.history[2]?.value.missing, true)
    assert.equal(m.showCounts, true)
    assert.equal(m.historyCaption, `${INDICATOR.title}: figures by month (%), newest first`)
  })

  it('draws the XmR chart with the targets and benchmarks, its icons in words, described in words', () => {
    // Jan 70, Mar 66.25, Apr 64.84375 (February missing): mean 67.03, moving ranges 3.75 and 1.40625 (mean
    // 2.578), limits 60.17% to 73.89%. Higher is better and the 2018-19 target of 88% is above the upper limit.
    const spc = model().spc
    assert.ok(spc)
    assert.match(spc.chart, /^<svg /)
    assert.match(spc.chart, /role="img"/)
    assert.match(
      spc.chart,
      /<desc id="spc-sa-in-45wd-desc">XmR chart of monthly values from January 2018 to April 2018\. Mean 67\.03%\. Trial process limits 60\.17% to 73\.89%\. Every month is common cause\. Common cause – no significant change\. Consistently failing target\. Latest value 64\.8%\./,
    )
    assert.match(spc.chart, /Target 2017-18: 85%/)
    assert.match(spc.chart, /Statistical neighbours: 80\.3%/)
    assert.equal((spc.chart.match(/class="app-chart__target"/g) ?? []).length, 2)
    assert.equal((spc.chart.match(/class="app-chart__benchmark"/g) ?? []).length, 2)
    assert.equal(spc.variation?.text, 'Common cause – no significant change')
    assert.equal(spc.assurance?.text, 'Consistently failing target')
    assert.ok(spc.trialNote)
    assert.deepEqual(spc.rows[0], {
      month: 'April 2018',
      value: '64.8%',
      mean: '67.03%',
      lowerLimit: '60.17%',
      upperLimit: '73.89%',
      signal: 'Common cause',
    })
    assert.equal(spc.rows[2]?.signal, 'No value')
    // A month withheld from the public is c in the table and left out of the chart (its mean is of the others).
    const withheld = model({ withheldPeriods: new Set(['2018-03']) }).spc
    assert.equal(withheld?.rows[1]?.value, 'c')
    assert.equal(withheld?.rows[1]?.signal, 'Withheld (c): left out of the chart')
    assert.equal(withheld?.rows[0]?.mean, '67.42%')
  })

  it('leads with the latest value, its month and the change from the month before', () => {
    assert.deepEqual(model().headline, {
      value: '64.8%',
      month: 'April 2018',
      change: 'Down 2% from 66.3% in March 2018',
      restricted: false,
    })
    // March withheld from the public: no change is worked out from a c.
    assert.equal(model({ withheldPeriods: new Set(['2018-03']) }).headline?.change, null)
    assert.equal(model({ history: [] }).headline, null)
  })

  it('says who wrote and approved the commentary', () => {
    const story = model({
      commentary: {
        period: '2018-04',
        text: 'Timeliness fell.\n\nPlanning is in hand.\n',
        author: 'Jane White',
        approvedBy: 'Dee Director',
        approvedAt: '2018-05-10T09:00:00Z',
      },
    }).story
    assert.deepEqual(story, {
      heading: 'What the figures say: April 2018',
      paragraphs: ['Timeliness fell.', 'Planning is in hand.'],
      byline: 'Written by Jane White, approved by Dee Director on 10 May 2018 at 10:00.',
    })
    assert.equal(model().story, null)
  })

  it('breaks the chart at a process change inside the months shown, and offers the form only when asked', () => {
    const change = {
      indicatorId: 'sa-in-45wd',
      period: '2018-03',
      reason: 'New team',
      recordedBy: 'user:1',
      recordedAt: '2018-05-01T00:00:00Z',
    }
    const m = model({ processChanges: [change], processChangeForm: { month: '', reason: '', problems: [] } })
    assert.match(m.spc?.chart ?? '', /Process change from Mar-18: New team/)
    assert.equal(m.spc?.processChanges[0]?.month, 'March 2018')
    assert.equal(m.processChangeForm?.action, '/indicators/sa-in-45wd/process-changes')
    assert.equal(model().processChangeForm, null)
  })

  it('lists revisions newest first, in UK time', () => {
    const revisions: Revision[] = [
      {
        indicatorId: 'sa-in-45wd',
        period: '2018-02',
        previousValue: 60,
        newValue: null,
        revisedAt: '2018-04-03T09:00:00Z',
        sourceFile: 'march.csv',
      },
      {
        indicatorId: 'sa-in-45wd',
        period: '2018-03',
        previousValue: 65,
        newValue: 66.25,
        revisedAt: '2018-05-12T14:03:00Z',
        sourceFile: 'april.csv',
      },
    ]
    const m = model({ revisions })
    assert.deepEqual(
      m.revisions.map((r) => [r.period, r.previousValue.text, r.newValue.text, r.when, r.sourceFile]),
      [
        ['March 2018', '65.0', '66.3', '12 May 2018 at 15:03', 'april.csv'],
        ['February 2018', '60.0', '', '3 April 2018 at 10:00', 'march.csv'],
      ],
    )
    assert.equal(m.revisions[1]?.newValue.missing, true)
  })

  it('links to the datasets the indicator is in and says what figures are shown', () => {
    const m = model()
    assert.deepEqual(m.datasets, [{ text: 'Children and Families Monthly Dataset', href: '/datasets/monthly' }])
    assert.equal(m.sourceNote, 'April 2018 return, imported 3 May 2018')
    assert.equal(m.asOfText, 'Figures up to April 2018')
  })

  describe('edge cases', () => {
    it('has no chart and no history rows when there are no figures', () => {
      const m = model({ history: [] })
      assert.equal(m.spc, null)
      assert.deepEqual(m.history, [])
    })

    it('leaves out months after asOf, and shows everything when asOf is null', () => {
      const history = [...HISTORY, observation('2018-05', 50)]
      assert.equal(model({ history }).history[0]?.period, 'April 2018')
      const all = model({ history, asOf: null })
      assert.equal(all.history[0]?.period, 'May 2018')
      assert.equal(all.asOfText, null)
    })

    it('ignores figures and revisions of other indicators', () => {
      const stray: Observation = { ...observation('2017-01', 1), indicatorId: 'other' }
      const revision: Revision = {
        indicatorId: 'other',
        period: '2018-01',
        previousValue: 1,
        newValue: 2,
        revisedAt: '2018-01-01T00:00:00Z',
        sourceFile: 'x',
      }
      const m = model({ history: [...HISTORY, stray], revisions: [revision] })
      assert.equal(m.history.length, 4)
      assert.deepEqual(m.revisions, [])
    })

    it('says "Not given" for blank details and leaves out absent numerator and denominator', () => {
      const bare = blankIndicator('bare')
      const m = indicatorPageModel({
        indicator: bare,
        history: [],
        revisions: [],
        datasets: [],
        sourceNote: '  ',
        asOf: null,
      })
      const summary = new Map(m.summary.map((row) => [row.key, row.value]))
      assert.equal(summary.get('Code'), 'None')
      assert.equal(summary.get('Owner'), 'Not given')
      assert.equal(summary.get('Polarity'), 'Neither higher nor lower is better')
      assert.equal(summary.has('Numerator'), false)
      assert.equal(m.showCounts, false)
      assert.equal(m.sourceNote, null)
      assert.equal(m.pageTitle, 'bare')
      assert.deepEqual(m.benchmarks, [])
    })

    it('names the region benchmark after the region', () => {
      const indicator: Indicator = {
        ...INDICATOR,
        benchmarks: { statisticalNeighbours: null, england: null, region: { value: 81, vintage: null } },
      }
      assert.equal(model({ indicator }).benchmarks[0]?.label, 'South East')
    })
  })
})

describe('polarityText', () => {
  it('says which way is better', () => {
    assert.equal(polarityText('higher'), 'Higher is better')
    assert.equal(polarityText('lower'), 'Lower is better')
  })

  describe('edge cases', () => {
    it('says neither for neutral', () => {
      assert.equal(polarityText('neutral'), 'Neither higher nor lower is better')
    })
  })
})

describe('formatTimestamp', () => {
  it('shows UK time: GMT in winter, BST in summer', () => {
    assert.equal(formatTimestamp('2018-01-12T14:03:00Z'), '12 January 2018 at 14:03')
    assert.equal(formatTimestamp('2018-05-12T14:03:00Z'), '12 May 2018 at 15:03')
  })

  describe('edge cases', () => {
    it('shows text that is not a timestamp as it is', () => {
      assert.equal(formatTimestamp('yesterday'), 'yesterday')
      assert.equal(formatTimestamp('2018-13-45T00:00:00Z'), '2018-13-45T00:00:00Z')
    })

    it('crosses midnight into the next day in BST', () => {
      assert.equal(formatTimestamp('2018-06-30T23:30:00Z'), '1 July 2018 at 00:30')
    })
  })
})

describe('indicatorPageModel with the glossary', () => {
  const glossary = [
    { term: 'Single Assessment', acronym: 'SA', definition: 'x', source: null, slug: 'single-assessment' },
  ]

  it('marks up acronyms in the title and the definition', () => {
    const page = model({
      indicator: { ...INDICATOR, title: 'Single Assessments (SA) in time', definition: 'Each SA authorised.' },
      glossary,
    })
    assert.deepEqual(page.titleSegments, [
      { kind: 'text', text: 'Single Assessments (' },
      { kind: 'acronym', text: 'SA', slug: 'single-assessment', expansion: 'Single Assessment' },
      { kind: 'text', text: ') in time' },
    ])
    const definition = page.summary.find((row) => row.key === 'Definition')
    assert.equal(definition?.value, 'Each SA authorised.')
    assert.equal(definition?.segments?.[1]?.kind, 'acronym')
  })

  describe('edge cases', () => {
    it('leaves the title as one text segment without a glossary, and an empty definition unmarked', () => {
      const page = model({ indicator: { ...INDICATOR, definition: ' ' } })
      assert.deepEqual(page.titleSegments, [{ kind: 'text', text: INDICATOR.title }])
      const definition = page.summary.find((row) => row.key === 'Definition')
      assert.deepEqual(definition, { key: 'Definition', value: 'Not given', href: null })
    })
  })
})

describe('indicatorPageModel with DfE benchmarks', () => {
  const vintage = 'DfE 2024-25 data, statistical neighbours May 2025'
  const council = (laNumber: number, name: string, value: number | null, own = false) => ({
    laNumber,
    name,
    value,
    notPublished: value === null ? 'suppressed' : null,
    own,
  })
  const dfe: Indicator = {
    ...INDICATOR,
    benchmarkItem: 'SA45',
    dfeStanding: {
      value: 70.2,
      notPublished: null,
      rank: 40,
      of: 152,
      quartile: 'B',
      vintage,
      councils: [
        council(852, 'Southampton', 70.2, true),
        council(801, 'Bristol', 91.5),
        council(879, 'Plymouth', null),
        council(870, 'Reading', 60),
      ],
    },
  }

  it("lists the council's own DfE value and rank with the other benchmarks", () => {
    const rows = model({ indicator: dfe }).benchmarks.slice(-2)
    assert.deepEqual(rows, [
      { label: 'This council (DfE)', value: '70.2%', vintage },
      { label: 'Rank among councils (DfE)', value: '40 of 152, quartile B', vintage },
    ])
  })

  it('shows the council beside its neighbours, highest first, then the SN average and England', () => {
    const neighbours = model({ indicator: dfe }).neighbours
    assert.ok(neighbours)
    assert.deepEqual(
      neighbours.rows.map((row) => [row.label, row.value, row.emphasis]),
      [
        ['Bristol', '91.5%', null],
        ['Southampton (this council)', '70.2%', 'own'],
        ['Reading', '60.0%', null],
        ['Plymouth', 'not published (suppressed)', null],
        ['Statistical neighbours average', '80.3%', 'reference'],
        ['England', '82.7%', 'reference'],
      ],
    )
    assert.equal(neighbours.standing, 'Rank 40 of 152 councils, quartile B (1 is the best)')
    assert.match(neighbours.chart, /^<svg /)
    assert.equal((neighbours.chart.match(/<rect class="app-chart__bar/g) ?? []).length, 5) // Plymouth has none
    assert.match(neighbours.chart, /class="app-chart__bar app-chart__bar--own"/)
    const description = /<desc[^>]*>([^<]*)<\/desc>/.exec(neighbours.chart)?.[1] ?? ''
    assert.match(description, /^Southampton: 70.2% \(rank 40 of 152 councils, quartile B; 1 is the best\)\./)
    assert.match(description, /the highest is Bristol \(91.5%\) and the lowest Reading \(60.0%\)/)
    assert.match(description, /England: 82.7%\./)
    assert.ok(neighbours.caption.endsWith(`(${vintage})`))
  })

  it('has no neighbours chart for hand-typed benchmarks, or without the neighbours', () => {
    assert.equal(model().neighbours, null)
    const standing = dfe.dfeStanding
    assert.ok(standing)
    const alone = { ...dfe, dfeStanding: { ...standing, councils: [council(852, 'Southampton', 70.2, true)] } }
    assert.equal(model({ indicator: alone }).neighbours, null)
  })
})

describe('indicatorPageModel with a population from an earlier year', () => {
  it('says which shown financial year’s rate uses an earlier ONS estimate', () => {
    const rate: Indicator = {
      ...INDICATOR,
      unit: 'rate per 10,000',
      populationFallbacks: [
        { financialYear: '2018-19', from: '2017-18', midYear: 2017 },
        { financialYear: '2019-20', from: '2017-18', midYear: 2017 },
      ],
    }
    assert.deepEqual(model({ indicator: rate }).populationNotes, [
      '2018-19: ONS has published no population estimate for 2018-19 yet, so its rate uses the latest earlier one: ' +
        'the mid-2017 estimate (2017-18).',
    ])
    assert.deepEqual(model().populationNotes, [])
  })
})
