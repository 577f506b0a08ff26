import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

describe('every decision its own record', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let june: number

  before(async () => {
    ;({ app, services, close } = await demoApp())
    const meetings = await services.meetings.allMeetings()
    june = meetings.find((e) => e.meeting.date === '2019-06-06')?.meeting.id ?? 0
  })
  after(async () => {
    await close()
  })

  it('lists each decision of the minutes on its own, numbered, for the public, filtered by a GET form', async () => {
    const page = await app.inject('/decisions?year=2019-20&words=Young+Inspectors')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /1 of \d+ decisions/)
    assert.match(page.body, /\(ii\) The Panel be provided with information on the Young Inspectors Scheme/)
    assert.match(page.body, /Decided: no recommendation/)
    const all = await app.inject('/decisions')
    assert.match(all.body, /\(i\) A detailed performance overview be produced/)
    assert.match(all.body, /\(i\) That the LAC indicator in the performance report/)
    const none = await app.inject('/decisions?committee=999&outcome=nonsense&year=x')
    assert.equal(none.statusCode, 200)
    assert.match(none.body, /0 of \d+ decisions/)
  })

  it('makes one recommendation per decision of a two-decision minute, and the register links each', async () => {
    const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
    const made = await app.inject({
      method: 'POST',
      url: `/meetings/${june}/minutes/items/4/recommendation`,
      cookies,
      payload: { _csrf: csrfToken, leadOfficer: '' },
    })
    assert.equal(made.statusCode, 303)
    const fromMinute = (await services.recommendations.list()).filter(
      (r) => r.meetingId === june && r.minuteNumber === 4,
    )
    assert.equal(fromMinute.length, 2)
    const register = await app.inject('/decisions?outcome=recommendation')
    for (const r of fromMinute)
      assert.match(register.body, new RegExp(`href="/recommendations/${r.id}">Recommendation: Awaiting response`))
    assert.match(register.body, /2 of \d+ decisions/)
  })

  it('rewrites a minute’s decisions when its resolution is corrected', async () => {
    const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
    const changed = await app.inject({
      method: 'POST',
      url: `/meetings/${june}/minutes/items/3/edit`,
      cookies,
      payload: {
        _csrf: csrfToken,
        title: 'Minutes of the previous meeting',
        text: '',
        resolved: 'that\n(i) the minutes be approved; and\n(ii) the action log be circulated.',
        inTheChair: '',
        agendaItem: '',
      },
    })
    assert.equal(changed.statusCode, 303)
    const register = await app.inject('/decisions?words=action+log')
    assert.match(register.body, /\(ii\) the action log be circulated\./)
  })
})
