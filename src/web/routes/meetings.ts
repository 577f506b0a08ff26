/**
 * The panel's public pages and feeds: `/meetings` (a municipal year's calendar), `/meetings/{id}` (front sheet and
 * agenda), `/meetings.ics` (iCalendar), `/meetings.rss` and `/committees/{id}/feed.rss` (RSS: upcoming meetings,
 * packs, minutes and responses) and the JSON API under `/api/` (docs/api.md); and for
 * democratic services, `/meetings/new` to schedule a meeting.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import { isMunicipalYear } from '../../domain/calendar/municipal-year.ts'
import { MEETING_STATUSES, type MeetingProblem } from '../../domain/scrutiny/committee.ts'
import {
  agendaItemToJson,
  API_VERSION,
  badIdError,
  committeeToJson,
  documentPackToJson,
  meetingToJson,
  minutesLinkToJson,
} from '../../exporters/meetings-json.ts'
import { meetingsToIcal } from '../../exporters/meetings-ical.ts'
import { RSS_CONTENT_TYPE, rssFeed } from '../../exporters/rss.ts'
import type { Services } from '../../services/index.ts'
import { actorOf, requestCan } from '../access.ts'
import { renderMeetingPage } from './meeting-page.ts'
import { feedLinks, meetingsPageModel } from '../view-models/meeting-pages.ts'
import { formField, positiveId, readFormDate, withDateProblem } from '../request-input.ts'
import { formDateItems } from '../view-models/date-input.ts'
import type { DateInputProblem } from '../../domain/calendar/date-input.ts'
import { doneUrl } from '../success-banners.ts'

/** The site's public address (PUBLIC_URL), never the request's Host or X-Forwarded-Host, which anyone can send. */
export function baseUrl(request: FastifyRequest): string {
  return request.server.publicUrl
}

export function meetingRoutes(services: Services): FastifyPluginCallback {
  const calendarAccess = { access: 'view-meeting-calendar' } as const
  const papersAccess = { access: 'view-published-papers' } as const

  async function renderNewMeeting(
    reply: FastifyReply,
    values: Record<string, string>,
    problems: readonly MeetingProblem[],
    dateProblem: DateInputProblem | null = null,
  ): Promise<FastifyReply> {
    const committees = await services.meetings.listCommittees()
    return reply.view('pages/meeting-new.njk', {
      model: {
        pageTitle: problems.length > 0 ? 'Error: Schedule a meeting' : 'Schedule a meeting',
        // A council that started without the demo has no committee yet: it sets one up first.
        setUpHref: committees.length === 0 ? '/committees/new' : null,
        committees: committees.map((c) => ({
          value: String(c.id),
          text: c.name,
          selected: values.committee === String(c.id),
        })),
        values,
        dateItems: formDateItems(
          values,
          'date',
          dateProblem ?? (problems.some((p) => p.field === 'date') ? { part: null } : null),
        ),
        errorList: problems.map((p) => ({ text: p.message, href: `#${p.field === 'date' ? 'date-day' : p.field}` })),
        errors: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
      },
    })
  }

  const STATUS_TEXT = { scheduled: 'Scheduled', held: 'Held', cancelled: 'Cancelled' } as const

  function renderEditMeeting(
    reply: FastifyReply,
    id: number,
    values: Record<string, string>,
    problems: readonly MeetingProblem[],
    dateProblem: DateInputProblem | null = null,
  ): FastifyReply {
    return reply.view('pages/meeting-edit.njk', {
      model: {
        pageTitle: problems.length > 0 ? 'Error: Change the meeting' : 'Change the meeting',
        action: `/meetings/${id}/edit`,
        backHref: `/meetings/${id}`,
        values,
        statuses: MEETING_STATUSES.map((status) => ({
          value: status,
          text: STATUS_TEXT[status],
          checked: values.status === status,
        })),
        dateItems: formDateItems(
          values,
          'date',
          dateProblem ?? (problems.some((p) => p.field === 'date') ? { part: null } : null),
        ),
        errorList: problems.map((p) => ({ text: p.message, href: `#${p.field === 'date' ? 'date-day' : p.field}` })),
        errors: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
      },
    })
  }

  return (app, _options, done) => {
    app.get<{ Params: { id: string } }>(
      '/meetings/:id/edit',
      { config: { access: 'manage-meetings' } },
      async (request, reply) => {
        const id = positiveId(request.params.id)
        const view = id === null ? null : await services.meetings.getMeeting(id)
        if (id === null || view === null) return reply.callNotFound()
        const { meeting } = view
        return renderEditMeeting(
          reply,
          id,
          {
            date: meeting.date,
            startTime: meeting.startTime,
            venue: meeting.venue,
            notice: meeting.notice ?? '',
            status: meeting.status,
          },
          [],
        )
      },
    )

    app.post<{ Params: { id: string } }>(
      '/meetings/:id/edit',
      { config: { access: 'manage-meetings' } },
      async (request, reply) => {
        const id = positiveId(request.params.id)
        if (id === null || (await services.meetings.getMeeting(id)) === null) return reply.callNotFound()
        const date = readFormDate(request.body, 'date', 'Date of the meeting')
        const values = {
          ...Object.fromEntries(
            ['startTime', 'venue', 'notice', 'status'].map((name) => [name, formField(request.body, name).trim()]),
          ),
          ...date.values,
        }
        const result = await services.meetings.updateMeeting(
          id,
          {
            date: values.date ?? '',
            startTime: values.startTime ?? '',
            venue: values.venue ?? '',
            status: values.status ?? '',
            notice: values.notice ?? null,
          },
          { actor: actorOf(request), correlationId: request.id },
          services.clock.today(),
        )
        if (!result.ok) {
          return renderEditMeeting(
            reply.code(400),
            id,
            values,
            withDateProblem(result.problems, 'date', date.problem),
            date.problem,
          )
        }
        return reply.redirect(doneUrl(`/meetings/${id}`, 'meeting-saved'), 303)
      },
    )

    app.get<{ Querystring: { year?: string } }>('/meetings', { config: calendarAccess }, async (request, reply) => {
      const years = await services.meetings.years()
      const asked = request.query.year
      if (asked !== undefined && !isMunicipalYear(asked)) return reply.callNotFound()
      const year = asked ?? years[0]
      // Democratic services start a new meeting from the calendar, once there is a committee to hold it.
      const manages = requestCan(request, 'manage-meetings')
      const noCommittee = manages && (await services.meetings.listCommittees()).length === 0
      const scheduleHref = manages && !noCommittee ? '/meetings/new' : null
      const setUpHref = noCommittee ? '/committees/new' : null
      if (year === undefined) {
        return reply.view('pages/meetings.njk', {
          model: meetingsPageModel('', [], []),
          scheduleHref,
          setUpHref,
          feeds: feedLinks(null),
        })
      }
      return reply.view('pages/meetings.njk', {
        model: meetingsPageModel(year, years, await services.meetings.calendar(year)),
        scheduleHref,
        setUpHref,
        feeds: feedLinks(null),
      })
    })

    app.get('/meetings.ics', { config: calendarAccess }, async (request, reply) => {
      const entries = await services.meetings.allMeetings()
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="meetings.ics"')
        .send(
          meetingsToIcal(entries, {
            baseUrl: baseUrl(request),
            councilName: services.config.councilName,
            generatedAt: services.clock.now().toISOString(),
          }),
        )
    })

    // The same bytes for everyone: only what the public may read goes in, so any cache may keep it a while.
    async function sendFeed(request: FastifyRequest, reply: FastifyReply, committeeId: number | null) {
      const found = await services.feeds.items(committeeId)
      if (found === null) return reply.callNotFound()
      const base = baseUrl(request)
      const name = found.committee?.name ?? services.config.councilName
      const page = found.committee === null ? '/meetings' : `/committees/${found.committee.id}`
      const self = found.committee === null ? '/meetings.rss' : `/committees/${found.committee.id}/feed.rss`
      return reply
        .type(RSS_CONTENT_TYPE)
        .header('cache-control', 'public, max-age=300')
        .send(
          rssFeed(
            {
              title: `${name}: meetings, papers, minutes and responses`,
              description: `Upcoming meetings, newly published document packs and minutes, and responses to recommendations of ${found.committee === null ? `the committees of ${services.config.councilName}` : found.committee.name}.`,
              link: base + page,
              self: base + self,
              generatedAt: services.clock.now().toISOString(),
            },
            found.items,
            base,
          ),
        )
    }

    app.get('/meetings.rss', { config: papersAccess }, async (request, reply) => sendFeed(request, reply, null))

    app.get<{ Params: { id: string } }>(
      '/committees/:id/feed.rss',
      { config: papersAccess },
      async (request, reply) => {
        const id = positiveId(request.params.id)
        if (id === null) return reply.callNotFound()
        return sendFeed(request, reply, id)
      },
    )

    // `?committee=` (from the committee's page) chooses the committee in advance.
    app.get<{ Querystring: { committee?: string } }>(
      '/meetings/new',
      { config: { access: 'manage-meetings' } },
      async (request, reply) =>
        renderNewMeeting(
          reply,
          { startTime: '17:30', committee: String(positiveId(request.query.committee ?? '') ?? '') },
          [],
        ),
    )

    app.post('/meetings/new', { config: { access: 'manage-meetings' } }, async (request, reply) => {
      const date = readFormDate(request.body, 'date', 'Date of the meeting')
      const values = {
        ...Object.fromEntries(
          ['committee', 'startTime', 'venue', 'notice'].map((name) => [name, formField(request.body, name).trim()]),
        ),
        ...date.values,
      }
      const committeeId = positiveId(values.committee ?? '')
      if (committeeId === null) {
        return renderNewMeeting(reply.code(400), values, [{ field: 'date', message: 'Choose the committee' }])
      }
      const result = await services.meetings.createMeeting(
        committeeId,
        {
          date: values.date ?? '',
          startTime: values.startTime ?? '',
          venue: values.venue ?? '',
          notice: values.notice ?? null,
        },
        { actor: actorOf(request), correlationId: request.id },
      )
      if (!result.ok) {
        return renderNewMeeting(
          reply.code(400),
          values,
          withDateProblem(result.problems, 'date', date.problem),
          date.problem,
        )
      }
      return reply.redirect(doneUrl(`/meetings/${result.value}`, 'meeting-scheduled'), 303)
    })

    app.get<{ Params: { id: string } }>('/meetings/:id', { config: papersAccess }, async (request, reply) => {
      const id = positiveId(request.params.id)
      const view = id === null ? null : await services.meetings.getMeeting(id)
      if (view === null) return reply.callNotFound()
      return renderMeetingPage(services, request, reply, view)
    })

    app.get('/api/committees', { config: papersAccess }, async (request) => {
      const base = baseUrl(request)
      return {
        version: API_VERSION,
        committees: (await services.meetings.listCommittees()).map((c) => committeeToJson(c, base)),
      }
    })

    app.get<{ Querystring: { year?: string } }>('/api/meetings', { config: calendarAccess }, async (request, reply) => {
      const base = baseUrl(request)
      const year = request.query.year
      if (year !== undefined && !isMunicipalYear(year)) {
        return reply.code(400).send({ error: `"${year}" is not a municipal year: use the form 2018-19.` })
      }
      const entries =
        year === undefined ? await services.meetings.allMeetings() : await services.meetings.calendar(year)
      return { version: API_VERSION, meetings: entries.map((e) => meetingToJson(e.meeting, e.committee, base)) }
    })

    app.get<{ Params: { id: string } }>('/api/meetings/:id', { config: papersAccess }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null) {
        return reply.code(400).send(badIdError(request.params.id))
      }
      const view = await services.meetings.getMeeting(id)
      if (view === null) return reply.code(404).send({ error: 'There is no meeting with that id.' })
      const base = baseUrl(request)
      const reportIds = await services.reports.reportIdsByItem(id)
      const pack = await services.documentPacks.latest(id)
      const minutes = await services.minutes.get(id)
      return {
        version: API_VERSION,
        meeting: meetingToJson(view.meeting, view.committee, base),
        agenda: view.agenda.map((item) =>
          agendaItemToJson(item, { reportId: reportIds.get(item.id) ?? null, baseUrl: base }),
        ),
        documentPack: documentPackToJson(id, pack?.pack ?? null, base),
        minutes: minutesLinkToJson(id, minutes?.minutes.status ?? null, base),
      }
    })
    done()
  }
}
