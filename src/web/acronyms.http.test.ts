/**
 * Acronyms in commentary, the performance overview, minutes and report cover sheets are marked up to their
 * glossary entry (an <abbr> inside a link to /glossary#slug), at their first use in each section, and the text
 * around them stays escaped. The demo glossary has LAC (Looked After Child), CP, MASH, S47 and others.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import { linkedOwner } from '../../test/owners.ts'
import type { Services } from '../services/index.ts'

type Session = { cookies: Record<string, string>; csrfToken: string }

/** The markup of an acronym linked to its glossary entry. */
function linked(acronym: string, slug: string, term: string): string {
  return `<a class="govuk-link" href="/glossary#${slug}"><abbr title="${term}">${acronym}</abbr></a>`
}
const LAC = linked('LAC', 'looked-after-child', 'Looked After Child')
const CP = linked('CP', 'child-protection', 'Child Protection')

function count(text: string, part: string): number {
  return text.split(part).length - 1
}

/** The body of the first element of `html` starting with `open`, to its first `close`. */
function between(html: string, open: string, close: string): string {
  const start = html.indexOf(open)
  assert.ok(start >= 0, `${open} is missing`)
  const end = html.indexOf(close, start + open.length)
  return html.slice(start, end)
}

const SCRIPT = '<script>alert("LAC")</script>'
const INERT = /&lt;script&gt;alert\(&quot;.*?&quot;\)&lt;\/script&gt;/

describe('acronyms marked up to the glossary', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let owner: Session
  let director: Session
  let officer: Session
  let clerk: Session

  const post = (session: Session, url: string, payload: Record<string, string>) =>
    app.inject({ method: 'POST', url, cookies: session.cookies, payload: { _csrf: session.csrfToken, ...payload } })
  const get = (session: Session, url: string) => app.inject({ url, cookies: session.cookies })
  const meetingOn = async (date: string) => {
    const found = (await services.meetings.allMeetings()).find((e) => e.meeting.date === date)
    assert.ok(found, `no meeting on ${date}`)
    return found.meeting.id
  }

  before(async () => {
    ;({ app, services, close } = await demoApp({ signInRateLimitPerMinute: 10_000, rateLimitPerMinute: 10_000 }))
    // Jane White owns missing-children in the demo catalogue.
    await linkedOwner(services, 'Jane White')
    owner = await signedInAs(app, services, 'indicator-owner', 'Jane White')
    director = await signedInAs(app, services, 'director', 'Dee Director')
    officer = await signedInAs(app, services, 'performance-officer')
    clerk = await signedInAs(app, services, 'democratic-services')
  })
  after(async () => {
    await close()
  })

  it('marks up the published pack’s commentary and overview for the public, first use in each only', async () => {
    const page = await app.inject('/datasets/monthly/2018-04')
    assert.equal(page.statusCode, 200)
    const commentary = between(page.body, 'id="commentary-care-leavers-suitable"', '</div>')
    // "90% of care leavers were in contact… LAC and care leaver timeliness measures…"
    assert.ok(commentary.includes(`${LAC} and care leaver`), commentary)
    // The title is a link already: nothing is marked up inside it.
    assert.doesNotMatch(commentary, /<h3 class="govuk-heading-s"><a [^>]*>[^<]*<(a|abbr)\b/)

    const overview = between(page.body, 'id="overview-heading"', '</section>')
    // "LAC numbers were 521 … Our LAC rate …": the first LAC is marked, the later ones are plain.
    const corporateParenting = between(overview, `${LAC} numbers were 521`, '</p>')
    assert.equal(count(corporateParenting, '<abbr title="Looked After Child">'), 1)
    assert.match(corporateParenting, /Our LAC rate/)
    assert.ok(overview.includes(linked('MASH', 'multi-agency-safeguarding-hub', 'Multi Agency Safeguarding Hub')))
    // "SW teams": SW is not in the glossary and stays plain text.
    assert.doesNotMatch(page.body, /<abbr title="[^"]*">SW<\/abbr>/)
  })

  it('marks up commentary as shown, but not in the textarea the owner edits it in', async () => {
    const url = '/datasets/monthly/2018-03/commentary/missing-children'
    const text = `LAC went missing more often. ${SCRIPT}\n\nCP and LAC plans were reviewed by the ZZQ team.`
    assert.equal((await post(owner, url, { text })).statusCode, 303)

    const editing = await get(owner, url)
    assert.equal(editing.statusCode, 200)
    const textarea = between(editing.body, '<textarea', '</textarea>')
    assert.doesNotMatch(textarea, /<abbr|<a /)
    assert.match(textarea, /LAC went missing more often\./)
    assert.doesNotMatch(editing.body, /<script>alert/)

    assert.equal((await post(owner, `${url}/submit`, {})).statusCode, 303)
    const shown = await get(director, url)
    assert.equal(shown.statusCode, 200)
    assert.ok(shown.body.includes(`<p class="govuk-body">${LAC} went missing more often. &lt;script&gt;`))
    // The second paragraph: CP's first use is marked; LAC was marked in the paragraph before.
    assert.ok(shown.body.includes(`<p class="govuk-body">${CP} and LAC plans were reviewed by the ZZQ team.</p>`))
    assert.match(shown.body, INERT)
    assert.doesNotMatch(shown.body, /<script>alert/)
    // An unknown uppercase word is left alone.
    assert.doesNotMatch(shown.body, /<abbr[^>]*>ZZQ/)
  })

  it('marks up the performance overview page, each section on its own', async () => {
    const page = await get(officer, '/datasets/monthly/2018-04/overview')
    assert.equal(page.statusCode, 200)
    assert.ok(page.body.includes(linked('MASH', 'multi-agency-safeguarding-hub', 'Multi Agency Safeguarding Hub')))
    assert.ok(page.body.includes(linked('S47', 'section-47-enquiry', 'Section 47 Enquiry')))
    assert.ok(page.body.includes(`${LAC} numbers were 521`))
    assert.match(page.body, /Our LAC rate/)
  })

  it('marks up the minutes’ text and RESOLVED decisions, first use in each minute', async () => {
    const march = await meetingOn('2018-03-22')
    const page = await app.inject(`/meetings/${march}/minutes`)
    assert.equal(page.statusCode, 200)
    // Minute 32 first says "Looked After Children (LAC)": that use is marked; later ones, the decision's too, are plain.
    const minute32 = between(page.body, 'id="minute-32"', 'id="minute-33"')
    assert.equal(count(minute32, '<abbr title="Looked After Child">'), 1)
    assert.ok(minute32.includes(`Looked After Children (${LAC})`))
    assert.match(minute32, /<strong>RESOLVED<\/strong> \(i\) That the LAC indicator in the performance report/)

    const september = await meetingOn('2018-09-27')
    const heading = await post(clerk, `/meetings/${september}/minutes/edit`, {
      present: 'Councillor Taggart (Chair)',
      apologies: '',
      officers: '',
      declarations: '',
    })
    assert.equal(heading.statusCode, 303)
    const added = await post(clerk, `/meetings/${september}/minutes/items/new`, {
      title: 'LAC sufficiency',
      text: `The Panel discussed LAC placements. ${SCRIPT}\n\nLAC and CP numbers were noted.`,
      resolved: 'that\n1) the LAC report be circulated; and\n2) the ZZQ figures be checked.',
      inTheChair: '',
      agendaItem: '',
    })
    assert.equal(added.statusCode, 303)
    const minutes = await app.inject(`/meetings/${september}/minutes`)
    const minute = between(minutes.body, 'id="minute-1"', '</form>')
    assert.equal(count(minute, '<abbr title="Looked After Child">'), 1)
    assert.ok(minute.includes(`<p class="govuk-body">The Panel discussed ${LAC} placements. &lt;script&gt;`))
    assert.ok(minute.includes(`<p class="govuk-body">LAC and ${CP} numbers were noted.</p>`))
    // Numbered decisions print "(i)", "(ii)" as the council's minutes do, whatever number was typed.
    assert.ok(minute.includes('<p class="govuk-body">(i) the LAC report be circulated; and</p>'))
    // The heading is plain; the script is inert; ZZQ is left alone.
    assert.match(minute, /<h2 class="govuk-heading-m">1\. LAC sufficiency<\/h2>/)
    assert.match(minute, INERT)
    assert.doesNotMatch(minutes.body, /<script>alert|<abbr[^>]*>ZZQ/)
  })

  it('marks up a report’s cover sheet, each section on its own', async () => {
    const june = await meetingOn('2018-06-07')
    const view = await services.reports.itemReport(june, 9)
    assert.ok(view)
    const saved = await services.reports.saveCoverSheet(
      view.item.id,
      {
        ...services.reports.formValues(view),
        briefSummary: `LAC numbers and LAC placements. ${SCRIPT}`,
        recommendations: 'That the Panel note LAC numbers\nThat the Panel note CP and LAC visits',
        reasons: 'To scrutinise LAC performance.',
      },
      { actor: 'test' },
    )
    assert.equal(saved.ok, true)
    const page = await app.inject(`/meetings/${june}/items/9`)
    assert.equal(page.statusCode, 200)
    assert.ok(page.body.includes(`<p class="govuk-body">${LAC} numbers and LAC placements. &lt;script&gt;`))
    assert.ok(page.body.includes(`<p class="govuk-body">(i) That the Panel note ${LAC} numbers</p>`))
    assert.ok(page.body.includes(`<p class="govuk-body">(ii) That the Panel note ${CP} and LAC visits</p>`))
    assert.ok(page.body.includes(`<p class="govuk-body">1. To scrutinise ${LAC} performance.</p>`))
    assert.match(page.body, INERT)
    assert.doesNotMatch(page.body, /<script>alert/)
  })

  describe('edge cases', () => {
    it('leaves an acronym plain once it is no longer in the glossary', async () => {
      const removed = await services.glossary.remove('looked-after-child', { actor: 'test' })
      assert.ok(removed)
      const march = await meetingOn('2018-03-22')
      const page = await app.inject(`/meetings/${march}/minutes`)
      assert.match(page.body, /<strong>RESOLVED<\/strong> \(i\) That the LAC indicator/)
      assert.doesNotMatch(page.body, /<abbr title="Looked After Child">/)
    })

    it('never puts markup into the cover sheet form’s fields', async () => {
      const june = await meetingOn('2018-06-07')
      const form = await get(clerk, `/meetings/${june}/items/9/report`)
      assert.equal(form.statusCode, 200)
      // The brief summary written above, with its LAC, is in the form as typed.
      assert.match(form.body, /LAC numbers and LAC placements\. &lt;script&gt;/)
      assert.doesNotMatch(form.body, /<abbr/)
    })
  })
})
