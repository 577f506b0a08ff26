/**
 * `/admin/users`: administrators list, add and manage accounts. Each action on an account is its own POST with a
 * CSRF token; on success it redirects (303) back to the account with `?done=…`, which shows a notification
 * banner, so the server keeps nothing between requests. The rules (nobody disables or demotes themselves, the last
 * administrator stays) are the service's; a refusal re-renders the page with an error summary (400).
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { AccountProblem } from '../../services/account-service.ts'
import type { Services } from '../../services/index.ts'
import type { AdministratorContext } from '../../services/user-administration-service.ts'
import { indicatorOwnersModel, ownerField } from '../view-models/indicator-owner-page.ts'
import { newUserModel, userListModel, userPageModel, type NewUserInput } from '../view-models/user-pages.ts'
import { positiveId } from '../request-input.ts'

type Body = Record<string, unknown> | undefined

function text(body: Body, name: string): string {
  const value = body?.[name]
  return typeof value === 'string' ? value : ''
}

function accountId(params: { id: string }): number | null {
  return positiveId(params.id)
}

function contextOf(request: FastifyRequest): AdministratorContext {
  // The access hook has already refused anyone not signed in.
  const id = request.user?.id ?? null
  return { actor: id === null ? 'anonymous' : `user:${id}`, actorUserId: id, correlationId: request.id }
}

export function adminUserRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    const config = { access: 'manage-users' } as const

    app.get<{ Querystring: { done?: string } }>('/admin/users', { config }, async (request, reply) =>
      reply.view('pages/admin-users.njk', { model: userListModel(await services.users.list(), request.query.done) }),
    )

    const renderNew = (reply: FastifyReply, input: NewUserInput, problems: readonly AccountProblem[]) =>
      reply.view('pages/admin-user-new.njk', { model: newUserModel(input, problems) })

    app.get('/admin/users/new', { config }, async (request, reply) =>
      renderNew(reply, { name: '', email: '', role: '' }, []),
    )

    app.post<{ Body: Body }>('/admin/users/new', { config }, async (request, reply) => {
      const input = {
        name: text(request.body, 'name'),
        email: text(request.body, 'email'),
        role: text(request.body, 'role'),
      }
      const result = await services.accounts.createUser(
        { ...input, password: text(request.body, 'password') },
        contextOf(request),
      )
      if (!result.ok) return renderNew(reply.code(400), input, result.problems)
      return reply.redirect(`/admin/users/${result.value.id}?done=created`, 303)
    })

    app.get<{ Params: { id: string }; Querystring: { done?: string } }>(
      '/admin/users/:id',
      { config },
      async (request, reply) => {
        const id = accountId(request.params)
        const account = id === null ? null : await services.users.find(id)
        if (account === null) return reply.callNotFound()
        return reply.view('pages/admin-user.njk', {
          model: userPageModel(account, { done: request.query.done, currentUserId: request.user?.id ?? 0 }),
        })
      },
    )

    /** Registers one action: run it, then redirect with its `done` flag, or show the page again with the problem. */
    const action = (
      path: string,
      doneFlag: string,
      run: (
        id: number,
        body: Body,
        context: AdministratorContext,
      ) => Promise<{ ok: true } | { ok: false; problems: AccountProblem[] }>,
    ) => {
      app.post<{ Params: { id: string }; Body: Body }>(
        `/admin/users/:id/${path}`,
        { config },
        async (request, reply) => {
          const id = accountId(request.params)
          const existing = id === null ? null : await services.users.find(id)
          if (id === null || existing === null) return reply.callNotFound()
          const result = await run(id, request.body, contextOf(request))
          if (result.ok) return reply.redirect(`/admin/users/${id}?done=${doneFlag}`, 303)
          const account = (await services.users.find(id)) ?? existing
          return reply.code(400).view('pages/admin-user.njk', {
            model: userPageModel(account, { problems: result.problems, currentUserId: request.user?.id ?? 0 }),
          })
        },
      )
    }

    // Indicator owners: which account writes each indicator's commentary (never matched by name).
    app.get<{ Querystring: { done?: string } }>('/admin/indicator-owners', { config }, async (request, reply) =>
      reply.view('pages/admin-indicator-owners.njk', {
        model: indicatorOwnersModel(await services.owners.overview(), { done: request.query.done }),
      }),
    )

    app.post<{ Body: Body }>('/admin/indicator-owners', { config }, async (request, reply) => {
      const overview = await services.owners.overview()
      // Only the indicators the form sent: a field left out changes nothing.
      const links = overview.indicators.flatMap((o) => {
        const value = request.body?.[ownerField(o.indicatorId)]
        if (typeof value !== 'string') return []
        const userId = value === '' ? null : /^\d{1,9}$/.test(value) ? Number(value) : -1
        return [{ indicatorId: o.indicatorId, userId }]
      })
      const result = await services.owners.link(links, contextOf(request))
      if (result.ok) return reply.redirect('/admin/indicator-owners?done=saved', 303)
      return reply.code(400).view('pages/admin-indicator-owners.njk', {
        model: indicatorOwnersModel(overview, { problems: result.problems }),
      })
    })

    action('role', 'role', (id, body, context) => services.users.changeRole(id, text(body, 'role'), context))
    action('disable', 'disabled', (id, _body, context) => services.users.disable(id, context))
    action('enable', 'enabled', (id, _body, context) => services.users.enable(id, context))
    action('unlock', 'unlocked', (id, _body, context) => services.users.unlock(id, context))
    action('sign-out-everywhere', 'signed-out', (id, _body, context) => services.users.signOutEverywhere(id, context))
    action('password', 'password', (id, body, context) =>
      services.users.setPassword(id, text(body, 'password'), context),
    )
    done()
  }
}
