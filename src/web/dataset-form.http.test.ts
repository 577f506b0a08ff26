import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'

describe('creating a dataset in the browser', () => {
  let app: FastifyInstance
  let services: Services
  let store: Store
  let close: () => Promise<void>
  let officer: { cookies: Record<string, string>; csrfToken: string }

  before(async () => {
    ;({ app, services, store, close } = await demoApp())
    officer = await signedInAs(app, services, 'performance-officer')
  })
  after(async () => {
    await close()
  })

  const post = (payload: string) =>
    app.inject({
      method: 'POST',
      url: '/datasets/new',
      cookies: officer.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(officer.csrfToken)}&${payload}`,
    })

  it('links the form from the datasets page for performance officers, and offers the catalogue', async () => {
    const list = await app.inject({ url: '/datasets', cookies: officer.cookies })
    assert.match(list.body, /href="\/datasets\/new"[^>]*>\s*Create a dataset/)
    const form = await app.inject({ url: '/datasets/new', cookies: officer.cookies })
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /<h1 class="govuk-heading-l">Create a dataset<\/h1>/)
    assert.match(form.body, /name="indicators" type="checkbox" value="uha-started"/)
    assert.match(form.body, /name="indicators" type="checkbox" value="lac-count"/)
  })

  it('refuses an empty form with an error summary linking to each field, and creates nothing', async () => {
    const before = await services.packs.listDatasets()
    const response = await post('id=&title=')
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /<title>Error: Create a dataset/)
    assert.match(response.body, /href="#id">Enter an ID for the dataset, like early-help/)
    assert.match(response.body, /href="#title">Enter the title of the dataset/)
    assert.match(response.body, /href="#indicators">Choose at least one indicator for the dataset/)
    assert.deepEqual(await services.packs.listDatasets(), before)
  })

  it('refuses a taken ID and a malformed one, keeping what was typed and ticked', async () => {
    const taken = await post('id=monthly&title=Another&indicators=uha-started')
    assert.equal(taken.statusCode, 400)
    assert.match(taken.body, /There is already a dataset with the ID &quot;monthly&quot;: choose another/)
    assert.match(taken.body, /value="Another"/)
    assert.match(taken.body, /value="uha-started" checked/)
    const malformed = await post('id=Edge+of+Care&title=Edge+of+Care+Dataset&indicators=uha-started')
    assert.equal(malformed.statusCode, 400)
    assert.match(malformed.body, /The ID must start with a letter and use only lower-case letters/)
  })

  it('creates it, audited, and the datasets page shows it with its months', async () => {
    const response = await post('id=edge-of-care&title=Edge+of+Care+Dataset&indicators=uha-started&indicators=mash-24h')
    assert.equal(response.statusCode, 303, response.body.slice(0, 400))
    assert.equal(response.headers.location, '/datasets?created=edge-of-care')
    const list = await app.inject({ url: '/datasets?created=edge-of-care', cookies: officer.cookies })
    assert.match(list.body, /Dataset created: Edge of Care Dataset/)
    assert.match(list.body, /<h2 class="govuk-heading-l" id="dataset-edge-of-care">Edge of Care Dataset<\/h2>/)
    assert.match(list.body, /2 indicators, \d+ months of figures/)
    const latest = await app.inject({ url: '/datasets/edge-of-care', cookies: officer.cookies })
    assert.match(latest.headers.location ?? '', /^\/datasets\/edge-of-care\/\d{4}-\d{2}$/)
    const pack = await app.inject({ url: '/datasets/edge-of-care/2018-04', cookies: officer.cookies })
    assert.equal(pack.statusCode, 200)
    const [event] = await dataAccess(store).audit.list({ subjectType: 'dataset', subjectId: 'edge-of-care' })
    assert.equal(event?.action, 'dataset.create')
    assert.match(event.actor, /^user:\d+$/)
  })

  it('is not offered to, nor open to, a director', async () => {
    const director = await signedInAs(app, services, 'director')
    const list = await app.inject({ url: '/datasets', cookies: director.cookies })
    assert.doesNotMatch(list.body, /Create a dataset/)
    assert.equal((await app.inject({ url: '/datasets/new', cookies: director.cookies })).statusCode, 403)
    // A banner about a dataset is only for those who create them.
    assert.doesNotMatch(
      (await app.inject({ url: '/datasets?created=edge-of-care', cookies: director.cookies })).body,
      /Dataset created/,
    )
  })
})
