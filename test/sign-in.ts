/**
 * Signing in through the real form in route tests: fetch the form for its CSRF cookie and token, post the
 * credentials, and hand back the cookies a browser would then send.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Role } from '../src/domain/permissions.ts'
import type { Services } from '../src/services/index.ts'

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

/** The email address a test account of this name gets. */
export function testEmail(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@council.test`
}

/** The password every test account gets. */
export const TEST_PASSWORD = 'correct horse battery staple'

/**
 * Creates an account with `role` (once per app; `name` distinguishes several of one role) and signs it in through
 * the real form. Returns the cookies to send as that person, and their CSRF token for forms.
 * @example const { cookies, csrfToken } = await signedInAs(app, services, 'director')
 */
export async function signedInAs(
  app: FastifyInstance,
  services: Pick<Services, 'accounts'>,
  role: Exclude<Role, 'public'>,
  name: string = role,
): Promise<{ cookies: Record<string, string>; csrfToken: string; email: string }> {
  const email = testEmail(name)
  // A second call for the same person finds the account already there; signing in is what matters.
  await services.accounts.createUser({ email, name, role, password: TEST_PASSWORD }, { actor: 'test' })
  const { response, cookies } = await postSignIn(app, email, TEST_PASSWORD)
  if (response.statusCode !== 303) throw new Error(`Could not sign in as ${role}: ${response.statusCode}`)
  const page = await app.inject({ url: '/', cookies })
  return { cookies, csrfToken: csrfTokenIn(page.body), email }
}
