/**
 * `/sign-in` and `/sign-out`. Sign-in follows GOV.UK's form pattern (error summary linking to the fields,
 * re-render on error, 303 on success) and has its own, stricter rate limit; sign-out is a POST with a CSRF token.
 */
import type { FastifyPluginCallback, FastifyReply } from 'fastify'
import type { AccountProblem } from '../../services/account-service.ts'
import type { Services } from '../../services/index.ts'
import { safeReturnPath } from '../access.ts'

/** The cookie holding the session token; a browser session cookie (no expiry), ended by the server's timeouts. */
export const SESSION_COOKIE = 'scrutineer_session'

export interface SignInOptions {
  production: boolean
  /** Sign-in attempts per minute per client before 429. */
  rateLimitPerMinute: number
}

/** The view model of the sign-in form: the email typed (never the password) and any problems. */
export function signInModel(email: string, problems: readonly AccountProblem[]) {
  const fieldMessage = (field: 'email' | 'password') => {
    const problem = problems.find((p) => p.field === field)
    return problem === undefined ? null : { text: problem.message }
  }
  return {
    pageTitle: problems.length > 0 ? 'Error: Sign in' : 'Sign in',
    email,
    errorList: problems.map((p) => ({ text: p.message, href: `#${p.field ?? 'email'}` })),
    emailError: fieldMessage('email'),
    passwordError: fieldMessage('password'),
  }
}

function renderForm(reply: FastifyReply, email: string, problems: readonly AccountProblem[], returnTo: string) {
  return reply.view('pages/sign-in.njk', {
    model: { ...signInModel(email, problems), returnTo },
    csrfToken: reply.csrfToken(),
  })
}

export function signInRoutes(services: Services, options: SignInOptions): FastifyPluginCallback {
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: options.production, path: '/' } as const
  return (app, _options, done) => {
    app.get<{ Querystring: { returnTo?: string } }>(
      '/sign-in',
      { config: { access: 'anyone' } },
      async (request, reply) => renderForm(reply, '', [], safeReturnPath(request.query.returnTo)),
    )

    app.post<{ Body: { email?: unknown; password?: unknown; returnTo?: unknown } }>(
      '/sign-in',
      { config: { access: 'anyone', rateLimit: { max: options.rateLimitPerMinute, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const email = typeof request.body.email === 'string' ? request.body.email : ''
        const password = typeof request.body.password === 'string' ? request.body.password : ''
        const userAgent = request.headers['user-agent'] ?? null
        // Failures back off per account and client address (the address fastify gives, behind any trusted proxy).
        const result = await services.accounts.signIn(email, password, userAgent, {
          correlationId: request.id,
          address: request.ip,
        })
        const returnTo = safeReturnPath(request.body.returnTo)
        if (!result.ok) return renderForm(reply.code(400), email, result.problems, returnTo)
        // A fresh token on every sign-in; any session this browser already had is ended (no session fixation).
        await services.accounts.signOut(request.cookies[SESSION_COOKIE], { correlationId: request.id })
        reply.setCookie(SESSION_COOKIE, result.value.token, cookieOptions)
        return reply.redirect(returnTo, 303)
      },
    )

    app.post('/sign-out', { config: { access: 'anyone' } }, async (request, reply) => {
      await services.accounts.signOut(request.cookies[SESSION_COOKIE], { correlationId: request.id })
      reply.clearCookie(SESSION_COOKIE, cookieOptions)
      return reply.redirect('/', 303)
    })
    done()
  }
}
