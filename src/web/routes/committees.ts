/**
 * The committees: `/committees` lists them and `/committees/{id}` shows one, for everyone (its role, terms of reference, quorum, members, contacts and
 * meetings by municipal year) and, for democratic services, the forms that keep it up to date: its details
 * (`/committees/{id}/edit`), members (`/committees/{id}/members/new`, `…/members/{n}/edit`, `…/members/{n}/remove`)
 * and contacts (`/committees/{id}/contacts/new`, `…/contacts/{n}/edit`, `…/contacts/{n}/remove`), where `n` is the
 * member's or contact's place in the list, 1 first. A council that starts without the demo sets up its committee at
 * `/committees/new`. Its standing public information, printed in every pack, is kept at
 * `/committees/{id}/public-information`.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { Committee } from '../../domain/scrutiny/committee.ts'
import type { CommitteeProblem } from '../../domain/scrutiny/committee-rules.ts'
import type { Services } from '../../services/index.ts'
import { actorOf, requestCan } from '../access.ts'
import { formField, positiveId } from '../request-input.ts'
import {
  committeeDetailsValues,
  committeeEditModel,
  committeesListModel,
  committeeViewModel,
  contactFormModel,
  contactValues,
  memberFormModel,
  memberValues,
  newCommitteeModel,
  publicInformationFormModel,
  publicInformationValues,
  removeModel,
  type FormValues,
} from '../view-models/committee-pages.ts'
import { feedLinks } from '../view-models/meeting-pages.ts'
import { workProgrammePageModel } from '../view-models/work-programme-pages.ts'

type CommitteeParams = { Params: { id: string } }
type PlaceParams = { Params: { id: string; position: string } }

const DETAIL_FIELDS = ['name', 'purpose', 'termsOfReference', 'quorum'] as const
const MEMBER_FIELDS = ['name', 'kind', 'role', 'current'] as const
const CONTACT_FIELDS = ['role', 'name', 'phone', 'email', 'current'] as const

/** The fields of a form body, each '' when missing; an empty or odd body reads as an empty form. */
function fieldsOf<F extends string>(body: unknown, names: readonly F[]): Record<F, string> {
  return Object.fromEntries(names.map((name) => [name, formField(body, name)])) as Record<F, string>
}

export function committeeRoutes(services: Services): FastifyPluginCallback {
  const manage = { access: 'manage-meetings' } as const
  const context = (request: FastifyRequest) => ({ actor: actorOf(request), correlationId: request.id })

  async function committeeOf(request: FastifyRequest<CommitteeParams>): Promise<Committee | null> {
    const id = positiveId(request.params.id)
    return id === null ? null : services.committees.get(id)
  }

  /** The committee and a place in its list of members or contacts that holds someone; null when either is missing. */
  async function placeOf(
    request: FastifyRequest<PlaceParams>,
    list: 'members' | 'contacts',
  ): Promise<{ committee: Committee; position: number } | null> {
    const committee = await committeeOf(request)
    const position = positiveId(request.params.position)
    if (committee === null || position === null || committee[list][position - 1] === undefined) return null
    return { committee, position }
  }

  const afterChange = (reply: FastifyReply, committee: Committee) => reply.redirect(`/committees/${committee.id}`, 303)

  function renderMember(
    reply: FastifyReply,
    committee: Committee,
    position: number | null,
    values: FormValues,
    problems: readonly CommitteeProblem[],
  ) {
    return reply.view('pages/committee-member-form.njk', {
      model: memberFormModel(committee, position, values, problems),
    })
  }

  function renderContact(
    reply: FastifyReply,
    committee: Committee,
    position: number | null,
    values: FormValues,
    problems: readonly CommitteeProblem[],
  ) {
    return reply.view('pages/committee-contact-form.njk', {
      model: contactFormModel(committee, position, values, problems),
    })
  }

  function renderRemove(
    reply: FastifyReply,
    committee: Committee,
    list: 'members' | 'contacts',
    position: number,
    problems: readonly CommitteeProblem[],
  ) {
    const member = committee.members[position - 1]
    const contact = committee.contacts[position - 1]
    const what =
      list === 'members'
        ? member === undefined
          ? null
          : ({ kind: 'member', member } as const)
        : contact === undefined
          ? null
          : ({ kind: 'contact', contact } as const)
    // The place emptied meanwhile: back to the committee, where the list shows what is there now.
    if (what === null) return afterChange(reply.code(303), committee)
    return reply.view('pages/committee-remove.njk', { model: removeModel(committee, what, position, problems) })
  }

  return (app, _options, done) => {
    app.get('/committees', { config: { access: 'view-published-papers' } }, async (request, reply) => {
      return reply.view('pages/committees.njk', {
        model: committeesListModel(await services.committees.list(), requestCan(request, 'manage-meetings')),
      })
    })

    app.get('/committees/new', { config: manage }, async (_request, reply) => {
      return reply.view('pages/committee-edit.njk', { model: newCommitteeModel({}, []) })
    })

    app.post('/committees/new', { config: manage }, async (request, reply) => {
      const values = fieldsOf(request.body, DETAIL_FIELDS)
      const result = await services.committees.create(values, context(request))
      if (!result.ok) {
        return reply.code(400).view('pages/committee-edit.njk', { model: newCommitteeModel(values, result.problems) })
      }
      return afterChange(reply, result.value)
    })

    app.get<CommitteeParams>(
      '/committees/:id',
      { config: { access: 'view-published-papers' } },
      async (request, reply) => {
        const committee = await committeeOf(request)
        if (committee === null) return reply.callNotFound()
        const meetings = (await services.meetings.allMeetings())
          .filter((e) => e.committee.id === committee.id)
          .map((e) => e.meeting)
        const programme = await services.workProgramme.list(committee.id)
        const membership = await services.committees.membership(committee.id)
        return reply.view('pages/committee.njk', {
          model: committeeViewModel(committee, meetings, requestCan(request, 'manage-meetings'), membership),
          // The programme as the public sees it, each item with its status; changing it is on its own page.
          programme: workProgrammePageModel(committee, programme, meetings, { canManage: false }).rows,
          // The committee's own feed only: the page is about this committee.
          feeds: feedLinks(committee).slice(0, 1),
        })
      },
    )

    app.get<CommitteeParams>('/committees/:id/edit', { config: manage }, async (request, reply) => {
      const committee = await committeeOf(request)
      if (committee === null) return reply.callNotFound()
      return reply.view('pages/committee-edit.njk', {
        model: committeeEditModel(committee, committeeDetailsValues(committee), []),
      })
    })

    app.post<CommitteeParams>('/committees/:id/edit', { config: manage }, async (request, reply) => {
      const committee = await committeeOf(request)
      if (committee === null) return reply.callNotFound()
      const values = fieldsOf(request.body, DETAIL_FIELDS)
      const result = await services.committees.updateDetails(committee.id, values, context(request))
      if (!result.ok) {
        return reply.code(400).view('pages/committee-edit.njk', {
          model: committeeEditModel(committee, values, result.problems),
        })
      }
      return afterChange(reply, committee)
    })

    app.get<CommitteeParams>('/committees/:id/public-information', { config: manage }, async (request, reply) => {
      const committee = await committeeOf(request)
      if (committee === null) return reply.callNotFound()
      return reply.view('pages/committee-public-information.njk', {
        model: publicInformationFormModel(committee, publicInformationValues(committee), []),
      })
    })

    app.post<CommitteeParams>('/committees/:id/public-information', { config: manage }, async (request, reply) => {
      const committee = await committeeOf(request)
      if (committee === null) return reply.callNotFound()
      const values = fieldsOf(request.body, ['sections', 'leadIn'] as const)
      const render = (problems: ReadonlyArray<{ field: 'sections' | 'leadIn'; message: string }>) =>
        reply.code(400).view('pages/committee-public-information.njk', {
          model: publicInformationFormModel(committee, values, problems),
        })
      // An empty box is "no sections"; a form without the box at all is not this form.
      const body = request.body as Record<string, unknown> | null | undefined
      if (typeof body?.['sections'] !== 'string') {
        return render([{ field: 'sections', message: 'Enter the public information' }])
      }
      const result = await services.committees.updatePublicInformation(committee.id, values, context(request))
      if (!result.ok) return render(result.problems)
      return afterChange(reply, committee)
    })

    app.get<CommitteeParams>('/committees/:id/members/new', { config: manage }, async (request, reply) => {
      const committee = await committeeOf(request)
      if (committee === null) return reply.callNotFound()
      return renderMember(reply, committee, null, { kind: 'councillor', role: 'member' }, [])
    })

    app.post<CommitteeParams>('/committees/:id/members/new', { config: manage }, async (request, reply) => {
      const committee = await committeeOf(request)
      if (committee === null) return reply.callNotFound()
      const values = fieldsOf(request.body, MEMBER_FIELDS)
      const result = await services.committees.addMember(committee.id, values, context(request))
      if (!result.ok) return renderMember(reply.code(400), committee, null, values, result.problems)
      return afterChange(reply, committee)
    })

    app.get<PlaceParams>('/committees/:id/members/:position/edit', { config: manage }, async (request, reply) => {
      const place = await placeOf(request, 'members')
      const member = place?.committee.members[place.position - 1]
      if (place === null || member === undefined) return reply.callNotFound()
      return renderMember(reply, place.committee, place.position, memberValues(member), [])
    })

    app.post<PlaceParams>('/committees/:id/members/:position/edit', { config: manage }, async (request, reply) => {
      const place = await placeOf(request, 'members')
      if (place === null) return reply.callNotFound()
      const values = fieldsOf(request.body, MEMBER_FIELDS)
      const result = await services.committees.changeMember(
        place.committee.id,
        place.position,
        values.current,
        values,
        context(request),
      )
      if (!result.ok) return renderMember(reply.code(400), place.committee, place.position, values, result.problems)
      return afterChange(reply, place.committee)
    })

    app.get<PlaceParams>('/committees/:id/members/:position/remove', { config: manage }, async (request, reply) => {
      const place = await placeOf(request, 'members')
      if (place === null) return reply.callNotFound()
      return renderRemove(reply, place.committee, 'members', place.position, [])
    })

    app.post<PlaceParams>('/committees/:id/members/:position/remove', { config: manage }, async (request, reply) => {
      const place = await placeOf(request, 'members')
      if (place === null) return reply.callNotFound()
      const current = formField(request.body, 'current')
      const result = await services.committees.removeMember(
        place.committee.id,
        place.position,
        current,
        context(request),
      )
      if (!result.ok) return renderRemove(reply.code(400), place.committee, 'members', place.position, result.problems)
      return afterChange(reply, place.committee)
    })

    app.get<CommitteeParams>('/committees/:id/contacts/new', { config: manage }, async (request, reply) => {
      const committee = await committeeOf(request)
      if (committee === null) return reply.callNotFound()
      return renderContact(reply, committee, null, {}, [])
    })

    app.post<CommitteeParams>('/committees/:id/contacts/new', { config: manage }, async (request, reply) => {
      const committee = await committeeOf(request)
      if (committee === null) return reply.callNotFound()
      const values = fieldsOf(request.body, CONTACT_FIELDS)
      const result = await services.committees.addContact(committee.id, values, context(request))
      if (!result.ok) return renderContact(reply.code(400), committee, null, values, result.problems)
      return afterChange(reply, committee)
    })

    app.get<PlaceParams>('/committees/:id/contacts/:position/edit', { config: manage }, async (request, reply) => {
      const place = await placeOf(request, 'contacts')
      const contact = place?.committee.contacts[place.position - 1]
      if (place === null || contact === undefined) return reply.callNotFound()
      return renderContact(reply, place.committee, place.position, contactValues(contact), [])
    })

    app.post<PlaceParams>('/committees/:id/contacts/:position/edit', { config: manage }, async (request, reply) => {
      const place = await placeOf(request, 'contacts')
      if (place === null) return reply.callNotFound()
      const values = fieldsOf(request.body, CONTACT_FIELDS)
      const result = await services.committees.changeContact(
        place.committee.id,
        place.position,
        values.current,
        values,
        context(request),
      )
      if (!result.ok) return renderContact(reply.code(400), place.committee, place.position, values, result.problems)
      return afterChange(reply, place.committee)
    })

    app.get<PlaceParams>('/committees/:id/contacts/:position/remove', { config: manage }, async (request, reply) => {
      const place = await placeOf(request, 'contacts')
      if (place === null) return reply.callNotFound()
      return renderRemove(reply, place.committee, 'contacts', place.position, [])
    })

    app.post<PlaceParams>('/committees/:id/contacts/:position/remove', { config: manage }, async (request, reply) => {
      const place = await placeOf(request, 'contacts')
      if (place === null) return reply.callNotFound()
      const current = formField(request.body, 'current')
      const result = await services.committees.removeContact(
        place.committee.id,
        place.position,
        current,
        context(request),
      )
      if (!result.ok) {
        return renderRemove(reply.code(400), place.committee, 'contacts', place.position, result.problems)
      }
      return afterChange(reply, place.committee)
    })
    done()
  }
}
