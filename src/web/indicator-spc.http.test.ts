import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'

const CHILDREN_LINK = /href="(\/indicators\/[^"/]+\/children\?month=[0-9-]+)"/g

describe('the indicator page tells its story first', () => {
  let app: FastifyInstance
  let services: Services
  let store: Store
  let close: () => Promise<void>
  let officer: { cookies: Record<string, string>; csrfToken: string }
  let director: { cookies: Record<string, string>; csrfToken: string }
  let indicatorIds: string[] = []

  before(async () => {
    ;({ app, services, store, close } = await demoApp({ signInRateLimitPerMinute: 1000, rateLimitPerMinute: 100000 }))
    officer = await signedInAs(app, services, 'performance-officer', 'Pat Officer')
    director = await signedInAs(app, services, 'director', 'Dee Director')
    indicatorIds = await dataAccess(store).catalogue.indicatorIds()
  })
  after(async () => {
    await close()
  })

  it('links a figure to its children only where there are children to show: no link on any demo page answers 404', async () => {
    const links = new Set<string>()
    let pagesWithFigures = 0
    for (const id of indicatorIds) {
      const page = await app.inject({ url: `/indicators/${id}`, cookies: officer.cookies })
      assert.equal(page.statusCode, 200, id)
      if (page.body.includes('id="history-caption"')) pagesWithFigures += 1
      for (const match of page.body.matchAll(CHILDREN_LINK)) links.add((match[1] ?? '').replaceAll('&amp;', '&'))
    }
    assert.ok(pagesWithFigures > 20, `${pagesWithFigures} pages with figures`)
    // The demo computes May and June 2018 from Annex A returns: those figures have children behind them.
    assert.ok(links.size > 0, 'some figures link to their children')
    assert.ok(
      [...links].every((link) => /month=2018-0[56]$/.test(link)),
      [...links].join(' '),
    )
    for (const link of links) {
      const response = await app.inject({ url: link, cookies: officer.cookies })
      assert.equal(response.statusCode, 200, link)
    }
    // April 2018 was typed in (the council's published table): no children, so its figures are plain text.
    const april = await app.inject({ url: '/indicators/icpc-in-time/children?month=2018-04', cookies: officer.cookies })
    assert.equal(april.statusCode, 404)
  })

  it('opens with the latest value and its change, then the XmR chart with its words, then the commentary, then the details', async () => {
    const page = await app.inject({ url: '/indicators/contacts-cin-referrals', cookies: officer.cookies })
    assert.equal(page.statusCode, 200)
    const body = page.body
    const at = (text: string) => {
      const index = body.indexOf(text)
      assert.ok(index >= 0, `page has ${text}`)
      return index
    }
    assert.ok(at('id="headline"') < at('id="spc"'))
    assert.ok(at('id="spc"') < at('class="app-chart app-chart--xmr"'))
    assert.ok(at('class="app-chart app-chart--xmr"') < at('About this indicator'))
    assert.match(body, /class="app-headline__value">[0-9,.%]+<\/span>/)
    assert.match(body, /(Up|Down) [0-9]+% from [0-9,.%]+ in [A-Z][a-z]+ 2018|No change from/)
    // The variation icon's words are on the page, never only the picture.
    assert.match(body, /Common cause – no significant change|Special cause of (improving|concerning|neither)/)
    assert.match(body, /Show the chart as a table/)
    if (body.includes('id="story"')) assert.ok(at('id="story"') < at('About this indicator'))
  })

  it('shows the latest approved commentary where there is one', async () => {
    const approved = await dataAccess(store).commentary.listCommentary('monthly', '2018-05', 'approved')
    const published = await dataAccess(store).commentary.listCommentary('monthly', '2018-04', 'published')
    const commentary = approved[0] ?? published[0]
    assert.ok(commentary, 'the demo has approved commentary')
    const page = await app.inject({ url: `/indicators/${commentary.indicatorId}`, cookies: officer.cookies })
    assert.match(page.body, /id="story"/)
    const firstWords = commentary.text.split('\n')[0]?.slice(0, 30) ?? ''
    assert.ok(page.body.includes(firstWords.replaceAll('&', '&amp;').replaceAll("'", '&#39;')), firstWords)
  })

  it('keeps a published version as it was published when a process change is recorded later, and redraws the live pack', async () => {
    const glanceRow = (body: string, id: string): string => {
      const start = body.indexOf(
        `<tr class="govuk-table__row app-glance-table__row">`,
        body.indexOf('app-glance-table'),
      )
      const rows = body.slice(start).split('</tr>')
      return rows.find((row) => row.includes(`href="/indicators/${id}"`)) ?? ''
    }
    const before = await app.inject('/datasets/monthly/2018-04')
    assert.equal(before.statusCode, 200)
    const id = indicatorIds.find((i) => glanceRow(before.body, i).includes('Statistical process control: '))
    assert.ok(id, 'an indicator with SPC words on the public pack page')
    const live = await app.inject({ url: '/datasets/monthly/2018-04', cookies: officer.cookies })
    assert.match(glanceRow(live.body, id), /Statistical process control: /)
    const recorded = await app.inject({
      method: 'POST',
      url: `/indicators/${id}/process-changes`,
      cookies: officer.cookies,
      payload: { _csrf: officer.csrfToken, month: '2018-04', reason: 'A new front door' },
    })
    assert.equal(recorded.statusCode, 303)
    try {
      // The published version (and its printed pack) keeps the settings frozen with it.
      const published = await app.inject('/datasets/monthly/2018-04')
      assert.equal(glanceRow(published.body, id), glanceRow(before.body, id))
      const publicIndicator = await app.inject(`/indicators/${id}`)
      assert.equal(publicIndicator.statusCode, 200)
      assert.doesNotMatch(publicIndicator.body, /A new front door/)
      // The live pack is redrawn: from April 2018 alone there is one point, too few for limits, so no SPC words.
      const redrawn = await app.inject({ url: '/datasets/monthly/2018-04', cookies: officer.cookies })
      assert.doesNotMatch(glanceRow(redrawn.body, id), /Statistical process control: /)
      const liveIndicator = await app.inject({ url: `/indicators/${id}`, cookies: officer.cookies })
      assert.match(liveIndicator.body, /A new front door/)
    } finally {
      await services.spc.removeProcessChange(id, '2018-04', { actor: 'test' })
    }
  })

  it('lets a performance officer record and remove a process change, audited; refuses bad input, changing nothing', async () => {
    const url = '/indicators/contacts-cin-referrals'
    const bad = await app.inject({
      method: 'POST',
      url: `${url}/process-changes`,
      cookies: officer.cookies,
      payload: { _csrf: officer.csrfToken, month: 'Jan-18', reason: '' },
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /There is a problem/)
    assert.match(bad.body, /Enter the month as a year and month, like 2018-01/)
    assert.match(bad.body, /Enter why the process changed/)
    assert.deepEqual(await services.spc.processChanges('contacts-cin-referrals'), [])

    const noToken = await app.inject({
      method: 'POST',
      url: `${url}/process-changes`,
      cookies: officer.cookies,
      payload: { month: '2017-10', reason: 'New front door' },
    })
    assert.equal(noToken.statusCode, 403)
    const byDirector = await app.inject({
      method: 'POST',
      url: `${url}/process-changes`,
      cookies: director.cookies,
      payload: { _csrf: director.csrfToken, month: '2017-10', reason: 'New front door' },
    })
    assert.equal(byDirector.statusCode, 403)
    assert.deepEqual(await services.spc.processChanges('contacts-cin-referrals'), [])

    const good = await app.inject({
      method: 'POST',
      url: `${url}/process-changes`,
      cookies: officer.cookies,
      payload: { _csrf: officer.csrfToken, month: '2017-10', reason: 'New front door' },
    })
    assert.equal(good.statusCode, 303)
    assert.equal(good.headers.location, `${url}#spc`)
    const page = await app.inject({ url, cookies: officer.cookies })
    assert.match(page.body, /class="app-chart__break"/)
    assert.match(page.body, /Process change from Oct-17: New front door/)
    assert.match(
      page.body,
      /<th scope="row" class="govuk-table__header">October 2017<\/th>\s*<td class="govuk-table__cell">New front door<\/td>/,
    )
    const [event] = await dataAccess(store).audit.list({
      subjectType: 'indicator',
      subjectId: 'contacts-cin-referrals',
    })
    assert.equal(event?.action, 'spc.process-change.add')

    // The director sees the break but has no form.
    const directorPage = await app.inject({ url, cookies: director.cookies })
    assert.match(directorPage.body, /Process change from Oct-17/)
    assert.doesNotMatch(directorPage.body, /Record the process change/)

    const removed = await app.inject({
      method: 'POST',
      url: `${url}/process-changes/remove`,
      cookies: officer.cookies,
      payload: { _csrf: officer.csrfToken, month: '2017-10' },
    })
    assert.equal(removed.statusCode, 303)
    assert.deepEqual(await services.spc.processChanges('contacts-cin-referrals'), [])
    const again = await app.inject({
      method: 'POST',
      url: `${url}/process-changes/remove`,
      cookies: officer.cookies,
      payload: { _csrf: officer.csrfToken, month: '2017-10' },
    })
    assert.equal(again.statusCode, 404)
  })

  it('shows the public the chart and its words without a form or a drill-down link', async () => {
    const page = await app.inject({ url: '/indicators/contacts-cin-referrals' })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /class="app-chart app-chart--xmr"/)
    assert.doesNotMatch(page.body, /Record the process change/)
    assert.doesNotMatch(page.body, /\/children\?month=/)
  })
})

describe('the SPC summary grid', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>

  before(async () => {
    ;({ app, services, close } = await demoApp({ signInRateLimitPerMinute: 1000 }))
  })
  after(async () => {
    await close()
  })

  it('places every indicator of a published month by variation and assurance, linked from the pack, for the public', async () => {
    const pack = await app.inject('/datasets/monthly/2018-04')
    assert.match(
      pack.body,
      /id="spc-grid-link" href="\/datasets\/monthly\/2018-04\/spc"|href="\/datasets\/monthly\/2018-04\/spc" id="spc-grid-link"/,
    )
    const grid = await app.inject('/datasets/monthly/2018-04/spc')
    assert.equal(grid.statusCode, 200)
    assert.match(grid.body, /Variation and assurance<\/h1>/)
    const published = await services.publications.publishedPack('monthly', '2018-04')
    const ids = published?.snapshot.pack.indicators.map((row) => row.id) ?? []
    assert.ok(ids.length > 20)
    // Every indicator once, each a link to its page.
    for (const id of ids) {
      const links = grid.body.split(`href="/indicators/${id}"`).length - 1
      assert.equal(links, 1, id)
    }
    assert.match(grid.body, new RegExp(`${ids.length} indicators`))
    // Row and column headings are the icons' words.
    assert.match(grid.body, /Common cause – no significant change/)
    assert.match(grid.body, /Consistently (passing|failing) target|Inconsistently passing target \(hit and miss\)/)
  })

  it('shows the public no month that is not published, and answers 404 for a month that is not a month', async () => {
    assert.equal((await app.inject('/datasets/monthly/2018-06/spc')).statusCode, 404)
    assert.equal((await app.inject('/datasets/monthly/June/spc')).statusCode, 404)
    const officer = await signedInAs(app, services, 'performance-officer', 'Pat Officer')
    const draft = await app.inject({ url: '/datasets/monthly/2018-06/spc', cookies: officer.cookies })
    assert.equal(draft.statusCode, 200)
    assert.equal(draft.headers['cache-control'], 'private, no-store')
  })
})
