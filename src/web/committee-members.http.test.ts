/**
 * Committee → member → committee: the committee's page names its members by their member records, linked to their
 * pages, with each municipal year's members and their offices' dates; each member's page links back. And the demo's
 * later meetings from the seeds: the Members' Room paper of 26 September 2019 (seed 002) for those allowed, and the
 * cover sheet of 1 October 2020 (seed 000) asking the Data Protection Impact Assessment question.
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

/** The rows of the table captioned `caption`, each as its cells' text (links' text). */
function tableRows(html: string, caption: string): string[][] {
  const start = html.indexOf(`>${caption}</caption>`)
  assert.ok(start >= 0, `a table captioned ${caption}`)
  const table = html.slice(start, html.indexOf('</table>', start))
  const body = table.slice(table.indexOf('<tbody'))
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
      (cell[1] ?? '')
        .replace(/<[^>]+>/g, '')
        .replace(/&#39;/g, "'")
        .trim(),
    ),
  )
}

describe('committee and member pages link both ways', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>

  before(async () => {
    ;({ app, services, close } = await demoApp())
  })
  after(async () => {
    await close()
  })

  it('lists the committee’s members as links to their pages', async () => {
    const page = await app.inject('/committees/1')
    assert.equal(page.statusCode, 200)
    assert.match(
      page.body,
      /<a class="govuk-link" href="\/members\/councillor-taggart">Councillor Taggart<\/a> \(Chair\)/,
    )
    assert.match(page.body, /<a class="govuk-link" href="\/members\/rob-sanders">Rob Sanders<\/a>/)
  })

  it('shows each municipal year’s members with office and dates, from the member records', async () => {
    const page = await app.inject('/committees/1')
    // The latest year the panel met in (1 October 2020): those whose 2019/20 places have no end (members.json,
    // from the minutes of 6 June 2019). Years it neither met in nor changed members are not listed.
    assert.doesNotMatch(page.body, /Members 2021\/22 municipal year/)
    const latest = tableRows(page.body, 'Members 2020/21 municipal year')
    assert.deepEqual(latest, [
      ['Councillor Taggart', 'Chair', '15 May 2019', 'to date'],
      ['Councillor Mitchell', 'Vice-chair', '6 June 2019', 'to date'],
      ['Councillor Chaloner', 'Member', '15 May 2019', 'to date'],
      ['Councillor Guthrie', 'Member', '15 May 2019', 'to date'],
      ['Councillor J Baillie', 'Member', '15 May 2019', 'to date'],
      ['Councillor Laurent', 'Member', '15 May 2019', 'to date'],
      ['Councillor Mintoff', 'Member', '15 May 2019', 'to date'],
      ['Rob Sanders', 'Member', '15 May 2019', 'to date'],
    ])
    const year2019 = tableRows(page.body, 'Members 2019/20 municipal year')
    assert.deepEqual(
      year2019.find((r) => r[0] === 'Councillor Mitchell' && r[1] === 'Member'),
      ['Councillor Mitchell', 'Member', '15 May 2019', '5 June 2019'],
    )
    const year2018 = tableRows(page.body, 'Members 2018/19 municipal year')
    assert.equal(year2018.length, 9, 'the nine members of the front sheet of 7 June 2018')
    assert.deepEqual(year2018[0], ['Councillor Taggart', 'Chair', '1 May 2018', '30 April 2019'])
    assert.ok(year2018.some((r) => r[0] === 'Catherine Hobbs'))
    assert.ok(tableRows(page.body, 'Members 2017/18 municipal year').some((r) => r[0] === "Councillor O'Neill"))
  })

  it('goes committee → member → committee', async () => {
    const committee = await app.inject('/committees/1')
    const href = /href="(\/members\/councillor-mitchell)"/.exec(committee.body)?.[1]
    assert.ok(href)
    const member = await app.inject(href)
    assert.equal(member.statusCode, 200)
    assert.match(member.body, /<a class="govuk-link" href="\/committees\/1">Children and Families Scrutiny Panel<\/a>/)
    assert.equal((await app.inject('/committees/1')).statusCode, 200)
  })

  it('keeps the list in step: a member added on the committee has a page naming the committee from today', async () => {
    const officer = await signedInAs(app, services, 'democratic-services')
    const added = await app.inject({
      method: 'POST',
      url: '/committees/1/members/new',
      cookies: officer.cookies,
      payload: { _csrf: officer.csrfToken, name: 'Savage', kind: 'councillor', role: 'member' },
    })
    assert.equal(added.statusCode, 303)
    const committee = await app.inject('/committees/1')
    assert.match(committee.body, /href="\/members\/councillor-savage">Councillor Savage<\/a>/)
    const member = await app.inject('/members/councillor-savage')
    assert.equal(member.statusCode, 200)
    assert.match(
      member.body,
      /href="\/committees\/1">Children and Families Scrutiny Panel<\/a><\/td>\s*<td[^>]*>Member/,
    )
    assert.match(member.body, /to date/)
  })
})

describe('the demo’s later meetings from the seeds', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>

  before(async () => {
    ;({ app, services, close } = await demoApp())
  })
  after(async () => {
    await close()
  })

  async function itemOn(date: string, title: string) {
    const entry = (await services.meetings.allMeetings()).find((e) => e.meeting.date === date)
    assert.ok(entry, `a meeting on ${date}`)
    const item = (await services.meetings.getMeeting(entry.meeting.id))?.agenda.find((i) => i.title === title)
    assert.ok(item, `${title} on the agenda of ${date}`)
    return { meetingId: entry.meeting.id, position: item.position }
  }

  it('gives 26 September 2019 its Members’ Room paper, item 7, for panel members only', async () => {
    const { meetingId, position } = await itemOn('2019-09-26', 'Children and Families - Performance')
    assert.equal(position, 7, 'seed 002 lists it as item 7')
    const member = await signedInAs(app, services, 'panel-member')
    const page = await app.inject({ url: `/meetings/${meetingId}/items/${position}`, cookies: member.cookies })
    assert.equal(page.statusCode, 200)
    const href = /href="(\/reports\/appendices\/\d+)"[^>]*>[^<]*Children &amp; Families Performance Overview/.exec(
      page.body,
    )?.[1]
    assert.ok(href, 'a link to the Members’ Room paper')
    const paper = await app.inject({ url: href, cookies: member.cookies })
    assert.equal(paper.statusCode, 200)
    assert.equal(paper.headers['content-type'], 'application/pdf')
    const folder = mkdtempSync(join(tmpdir(), 'scrutineer-paper-'))
    try {
      writeFileSync(join(folder, 'paper.pdf'), paper.rawPayload)
      const text = execFileSync('pdftotext', [join(folder, 'paper.pdf'), '-'], { encoding: 'utf8' })
      assert.match(text, /Children & Families Performance Overview/)
      assert.match(text, /Contacts have reduced \(Aug 1337 from July 1861\)/)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
    const publicly = await app.inject(href)
    assert.notEqual(publicly.statusCode, 200, 'the public never gets the Members’ Room paper')
  })

  it('asks the Data Protection Impact Assessment question on the cover sheet of 1 October 2020', async () => {
    const { meetingId, position } = await itemOn('2020-10-01', 'Children and Families - Performance')
    const page = await app.inject(`/meetings/${meetingId}/items/${position}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /require a Data Protection Impact Assessment \(DPIA\) to be carried out/)
    assert.doesNotMatch(page.body, /Privacy Impact Assessment/)
    assert.match(page.body, /Deputy Chief Executive/)
    // The 2019 meeting, before the changeover, still asks the Privacy Impact Assessment question.
    const september = await itemOn('2019-09-26', 'Children and Families - Performance')
    const earlier = await app.inject(`/meetings/${september.meetingId}/items/${september.position}`)
    assert.match(earlier.body, /Privacy Impact Assessment \(PIA\)/)
  })
})
