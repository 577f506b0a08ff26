/**
 * `/set-up/{token}`: the one-time link `npm start` prints on a database with no accounts, to create the first
 * administrator in the browser. Open to anyone (nobody can sign in yet) but useless without a live token; rate
 * limited like sign-in. A link that was never made gets 404, one that expired or was used 410, never a 500. On
 * success the new administrator is signed in and taken to the accounts page to add everyone else.
 */
import type { FastifyPluginCallback, FastifyReply } from 'fastify'
import type { Services } from '../../services/index.ts'
import { deadLink, type SetUpLinkProblem, type SetUpProblem } from '../../services/set-up-service.ts'
import { formField } from '../request-input.ts'
import { deadLinkPage, setUpModel, type SetUpInput } from '../view-models/set-up-page.ts'
import { SESSION_COOKIE } from './sign-in.ts'

export interface SetUpOptions {
  production: boolean
  /** Attempts per minute per client before 429: the sign-in limit. */
  rateLimitPerMinute: number
}

type TokenParams = { Params: { token: string } }

function isLinkProblem(problem: SetUpProblem): problem is SetUpLinkProblem {
  return problem.field === 'link'
}

export function setUpRoutes(services: Services, options: SetUpOptions): FastifyPluginCallback {
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: options.production, path: '/' } as const
  const config = { access: 'anyone', rateLimit: { max: options.rateLimitPerMinute, timeWindow: '1 minute' } } as const

  // The link is a credential: no cache keeps the page, and no other site is told the address.
  const renderForm = (reply: FastifyReply, input: SetUpInput, problems: readonly SetUpProblem[]) =>
    reply
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .view('pages/set-up.njk', { model: setUpModel(input, problems), csrfToken: reply.csrfToken() })

  const renderDead = (reply: FastifyReply, problem: SetUpLinkProblem) => {
    const page = deadLinkPage(problem)
    return reply.code(page.status).header('cache-control', 'no-store').view('pages/error.njk', page.view)
  }

  return (app, _options, done) => {
    app.get<TokenParams>('/set-up/:token', { config }, async (request, reply) => {
      const state = await services.setUp.linkState(request.params.token)
      if (state !== 'valid') {
        return renderDead(reply, deadLink(state))
      }
      return renderForm(reply, { name: '', email: '' }, [])
    })

    app.post<TokenParams>('/set-up/:token', { config }, async (request, reply) => {
      const input = { name: formField(request.body, 'name'), email: formField(request.body, 'email') }
      const password = formField(request.body, 'password')
      const result = await services.setUp.createAdministrator(
        request.params.token,
        { ...input, password },
        { correlationId: request.id },
      )
      if (!result.ok) {
        const dead = result.problems.find(isLinkProblem)
        if (dead !== undefined) return renderDead(reply, dead)
        return renderForm(reply.code(400), input, result.problems)
      }
      request.log.info({ userId: result.value.id }, 'The first administrator was created with a set-up link')
      const signedIn = await services.accounts.signIn(
        result.value.email,
        password,
        request.headers['user-agent'] ?? null,
        {
          correlationId: request.id,
        },
      )
      if (!signedIn.ok) return reply.redirect('/sign-in', 303)
      reply.setCookie(SESSION_COOKIE, signedIn.value.token, cookieOptions)
      return reply.redirect('/admin/users?done=first-administrator', 303)
    })
    done()
  }
}
