/**
 * Signing in through the real form in route tests: fetch the form for its CSRF cookie and token, post the
 * credentials, and hand back the cookies a browser would then send.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'

/** Cookies from a response as a `cookie` header map, merged over earlier ones. */
export function cookiesFrom(response: LightMyRequestResponse, earlier: Record<string, string> = {}) {
  const cookies = new Map(Object.entries(earlier))
  for (const cookie of response.cookies) {
    // A cleared cookie comes back empty.
    if (cookie.value === '') cookies.delete(cookie.name)
    else cookies.set(cookie.name, cookie.value)
  }
  return Object.fromEntries(cookies)
}

/** The CSRF token in a page's forms. */
export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html)
  if (match?.[1] === undefined) throw new Error('The page has no CSRF token.')
  return match[1]
}

/** Fetches the sign-in form: its cookies and CSRF token. */
export async function signInForm(app: FastifyInstance) {
  const form = await app.inject('/sign-in')
  return { cookies: cookiesFrom(form), csrfToken: csrfTokenIn(form.body) }
}

/** Posts the sign-in form and returns the response and the cookies after it. */
export async function postSignIn(app: FastifyInstance, email: string, password: string) {
  const { cookies, csrfToken } = await signInForm(app)
  const response = await app.inject({
    method: 'POST',
    url: '/sign-in',
    cookies,
    payload: { email, password, _csrf: csrfToken },
  })
  return { response, cookies: cookiesFrom(response, cookies) }
}
