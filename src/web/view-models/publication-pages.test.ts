import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { blankIndicator } from '../../domain/catalogue.ts'
import type { Pack } from '../../domain/pack.ts'
import { disclosePack, revisedSincePublication, type Publication } from '../../domain/publication.ts'
import { packIndicator, values, MONTHS } from '../../exporters/testing.ts'
import { createViewEnvironment } from '../nunjucks.ts'
import { packPageModel } from './pack-page.ts'
import {
  liveNotice,
  publicationsPageModel,
  publishedNotice,
  publishedWords,
  publishPageModel,
  suppressionText,
} from './publication-pages.ts'

function pack(april: number): Pack {
  return {
    dataset: 'monthly',
    period: '2018-04',
    months: MONTHS,
    indicators: [
      packIndicator('adoptions', {
        title: 'Adoptions',
        values: values([12, 8, 10, 9, 8, 7, 9, 10, 12, 6, 8, 9, april]),
      }),
      packIndicator('lac-count', {
        title: 'Looked after children',
        values: values([5, 8, 10, 9, 8, 7, 9, 10, 12, 6, 8, 9, 521]),
      }),
    ],
  }
}
const CATALOGUE = new Map([blankIndicator('adoptions'), blankIndicator('lac-count')].map((i) => [i.id, i]))

function publication(overrides: Partial<Publication> = {}): Publication {
  return {
    datasetId: 'monthly',
    period: '2018-04',
    version: 1,
    publishedBy: 'Jo Director',
    publishedAt: '2018-05-15T10:00:00.000Z',
    contentHash: 'f'.repeat(64),
    intact: true,
    snapshot: {
      format: 1,
      datasetId: 'monthly',
      datasetTitle: 'Monthly dataset',
      period: '2018-04',
      publishedBy: 'Jo Director',
      publishedAt: '2018-05-15T10:00:00.000Z',
      pack: pack(3),
      catalogue: [...CATALOGUE.values()],
      commentary: [
        {
          indicatorId: 'lac-count',
          text: 'Stable.',
          author: 'Jane White',
          approvedBy: 'Jo Director',
          approvedAt: '2018-05-10T09:00:00Z',
        },
        {
          indicatorId: 'adoptions',
          text: 'Low.\nAs expected.',
          author: 'Jane White',
          approvedBy: 'Jo Director',
          approvedAt: '2018-05-10T09:00:00Z',
        },
        {
          indicatorId: 'gone',
          text: 'Not in the pack.',
          author: 'X',
          approvedBy: 'Y',
          approvedAt: '2018-05-10T09:00:00Z',
        },
      ],
      overview: {
        sections: [{ title: 'Summary', text: 'A steady month.' }],
        author: 'Jo Director',
        approvedBy: 'Jo Director',
        approvedAt: '2018-05-11T09:00:00Z',
      },
      disclosureRule: { min: 1, max: 5, symbol: 'c' },
    },
    ...overrides,
  }
}

describe('the pack page with publication marks', () => {
  it('shows withheld figures as c in the public view', () => {
    const disclosed = disclosePack(pack(3), CATALOGUE)
    const model = packPageModel(disclosed.pack, CATALOGUE, {
      datasetTitle: 'Monthly dataset',
      availablePeriods: ['2018-04'],
      publicView: true,
      marks: { withheld: disclosed.withheld },
    })
    const [adoptions, lac] = model.groups[0]?.rows ?? []
    assert.deepEqual(adoptions?.values.at(-1), { text: 'c', missing: false, withheld: true })
    assert.equal(adoptions?.changeFromPreviousMonth.text, 'c')
    assert.equal(adoptions?.figures[0]?.text, 'c')
    assert.equal(adoptions?.rag.text, 'c')
    // 5 looked-after children in April 2017 is withheld; its year-on-year change with it.
    assert.equal(lac?.values[0]?.text, 'c')
    assert.equal(lac?.changeFromSameMonthLastYear.text, 'c')
    assert.equal(lac?.values.at(-1)?.text, '521')
  })

  it('marks a live figure revised since publication with the published value', () => {
    const revised = revisedSincePublication(pack(4), pack(3))
    const model = packPageModel(pack(4), CATALOGUE, {
      datasetTitle: 'Monthly dataset',
      availablePeriods: ['2018-04'],
      publicView: false,
      marks: { revised },
      downloadQuery: '?version=2',
    })
    const cell = model.groups[0]?.rows[0]?.values.at(-1)
    assert.equal(cell?.text, '4')
    assert.equal(cell?.revised, 'Revised since publication: published as 3')
    assert.equal(model.groups[0]?.rows[1]?.values.at(-1)?.revised, undefined)
    assert.equal(model.downloads[0]?.href, '/datasets/monthly/2018-04.csv?version=2')
  })
})

describe('publication notices', () => {
  it('says who published which version, with its hash and what c means', () => {
    const notice = publishedNotice(publication(), { officer: false, latestVersion: 1 })
    assert.equal(notice.title, 'Published on 15 May 2018 at 11:00 by Jo Director, version 1')
    assert.equal(notice.contentHash, 'f'.repeat(64))
    assert.equal(notice.links.length, 0)
    assert.match(notice.suppressionText ?? '', /^c means the figure is withheld .* counts of 1 to 5 children/)
    const officer = publishedNotice(publication(), { officer: true, latestVersion: 3 })
    assert.match(officer.title, /version 1 \(superseded by version 3\)$/)
    assert.deepEqual(
      officer.links.map((l) => l.href),
      ['/datasets/monthly/2018-04', '/datasets/monthly/2018-04/publications'],
    )
  })

  it('tells preparers whether the month is published, how many figures were revised, and offers directors the button', () => {
    const none = liveNotice('monthly', '2018-04', null, { revisedCount: 0, canPublish: true })
    assert.equal(none.title, 'Not published yet')
    assert.equal(none.publishHref, '/datasets/monthly/2018-04/publish')
    assert.equal(none.publishText, 'Publish this pack')
    const published = liveNotice('monthly', '2018-04', publication(), { revisedCount: 2, canPublish: false })
    assert.equal(published.title, 'Published on 15 May 2018 at 11:00 (version 1)')
    assert.equal(published.publishHref, null)
    assert.match(published.revisedText ?? '', /^2 figures have been revised since publication/)
    assert.deepEqual(
      published.links.map((l) => l.href),
      [
        '/datasets/monthly/2018-04/cycle',
        '/datasets/monthly/2018-04/commentary',
        '/datasets/monthly/2018-04/overview',
        '/datasets/monthly/2018-04?version=1',
        '/datasets/monthly/2018-04/publications',
      ],
    )
    // Before publication, preparers still reach the words that will go out with the figures.
    assert.deepEqual(
      none.links.map((l) => l.text),
      ['The month’s cycle at a glance', 'Commentary on each indicator', 'Performance overview'],
    )
  })

  it('lists the overview and the commentary in pack order, keeping only indicators in the pack', () => {
    const words = publishedWords(publication().snapshot)
    assert.equal(words.overview?.sections[0]?.title, 'Summary')
    assert.equal(words.overview?.byline, 'Jo Director, approved by Jo Director on 11 May 2018 at 10:00')
    assert.deepEqual(
      words.commentary.map((c) => [c.title, c.href]),
      [
        ['Adoptions', '/indicators/adoptions'],
        ['Looked after children', '/indicators/lac-count'],
      ],
    )
  })

  it('renders the notice, the overview and the commentary on the pack page, escaping the words', () => {
    const snapshot = publication().snapshot
    const first = snapshot.commentary[0]
    assert.ok(first)
    snapshot.commentary[0] = { ...first, text: '<script>alert(1)</script>' }
    const disclosed = disclosePack(snapshot.pack, CATALOGUE)
    const html = createViewEnvironment().render('pages/pack.njk', {
      councilName: 'Test council',
      currentPath: '/datasets/monthly/2018-04',
      cspNonce: 'n',
      model: packPageModel(disclosed.pack, CATALOGUE, {
        datasetTitle: 'Monthly dataset',
        availablePeriods: ['2018-04'],
        publicView: true,
        marks: { withheld: disclosed.withheld },
      }),
      notice: publishedNotice(publication({ intact: false }), { officer: true, latestVersion: 1 }),
      words: publishedWords(snapshot),
    })
    assert.match(html, /Published on 15 May 2018 at 11:00 by Jo Director, version 1/)
    assert.match(html, /Integrity check failed/)
    assert.match(html, /<h2 class="govuk-heading-m" id="overview-heading">Performance overview<\/h2>/)
    assert.match(html, /A steady month\./)
    assert.match(html, /id="commentary-lac-count"/)
    assert.doesNotMatch(html, /<script>alert/)
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
  })

  it('marks up acronyms in the overview and commentary, first use in each, never inside the title link', () => {
    const snapshot = publication().snapshot
    const glossary = [
      { term: 'Looked After Child', acronym: 'LAC', definition: 'x', source: null, slug: 'looked-after-child' },
    ]
    snapshot.commentary = snapshot.commentary.map((c) => ({ ...c, text: 'LAC rose; LAC fell.' }))
    snapshot.pack = {
      ...snapshot.pack,
      indicators: snapshot.pack.indicators.map((row) =>
        row.id === 'lac-count' ? { ...row, title: 'LAC count' } : row,
      ),
    }
    const words = publishedWords(snapshot, glossary)
    assert.deepEqual(words.commentary[0]?.segments, [
      { kind: 'acronym', text: 'LAC', slug: 'looked-after-child', expansion: 'Looked After Child' },
      { kind: 'text', text: ' rose; LAC fell.' },
    ])
    // Each commentary explains its own acronyms.
    assert.equal(words.commentary[1]?.segments[0]?.kind, 'acronym')
    const disclosed = disclosePack(snapshot.pack, CATALOGUE)
    const html = createViewEnvironment().render('pages/pack.njk', {
      councilName: 'Test council',
      currentPath: '/datasets/monthly/2018-04',
      cspNonce: 'n',
      model: packPageModel(disclosed.pack, CATALOGUE, {
        datasetTitle: 'Monthly dataset',
        availablePeriods: ['2018-04'],
        publicView: true,
        marks: { withheld: disclosed.withheld },
      }),
      notice: publishedNotice(publication(), { officer: false, latestVersion: 1 }),
      words,
    })
    const link =
      '<a class="govuk-link" href="/glossary#looked-after-child"><abbr title="Looked After Child">LAC</abbr></a>'
    assert.ok(html.includes(`<p class="govuk-body app-published-text">${link} rose; LAC fell.</p>`))
    // The title is a link already: its LAC stays plain (a link cannot hold another).
    assert.match(
      html,
      /<h3 class="govuk-heading-s"><a class="govuk-link" href="\/indicators\/lac-count">LAC count<\/a><\/h3>/,
    )
    assert.equal(publishedWords(snapshot).commentary[0]?.segments.length, 1)
  })

  describe('edge cases', () => {
    it('warns everyone, the public too, when a snapshot no longer matches its hash', () => {
      const broken = publication({ intact: false })
      assert.equal(publishedNotice(broken, { officer: true, latestVersion: 1 }).integrityFailed, true)
      assert.equal(publishedNotice(broken, { officer: false, latestVersion: 1 }).integrityFailed, true)
      assert.equal(publishedNotice(publication(), { officer: false, latestVersion: 1 }).integrityFailed, false)
      assert.equal(
        liveNotice('monthly', '2018-04', broken, { revisedCount: 0, canPublish: false }).integrityFailed,
        true,
      )
    })

    it('publishes with no words: no overview, no commentary, and the confirmation page warns', () => {
      const snapshot = { ...publication().snapshot, commentary: [], overview: null }
      assert.deepEqual(publishedWords(snapshot), { overview: null, commentary: [] })
      const page = publishPageModel({
        datasetId: 'monthly',
        datasetTitle: 'Monthly dataset',
        period: '2018-04',
        indicatorCount: 2,
        approvedCommentaryCount: 1,
        withoutApprovedCommentary: [{ id: 'adoptions', title: 'Adoptions' }],
        overviewApproved: false,
        nextVersion: 2,
        disclosureRule: { min: 1, max: 9, symbol: 'c' },
      })
      assert.equal(page.heading, 'Publish Monthly dataset \u2013 April 2018')
      assert.equal(page.buttonText, 'Publish version 2')
      assert.equal(page.warnings.length, 2)
      assert.match(page.warnings[1] ?? '', /^1 of 2 indicators have no approved commentary/)
      assert.match(page.frozen.join(' '), /counts of 1 to 9 children/)
      assert.equal(suppressionText({ min: 1, max: 9, symbol: 'c' }).includes('1 to 9'), true)
    })

    it('lists no versions for a month never published', () => {
      const model = publicationsPageModel('Monthly dataset', 'monthly', '2018-04', [])
      assert.equal(model.rows.length, 0)
      assert.equal(model.backHref, '/datasets/monthly/2018-04')
    })
  })
})
