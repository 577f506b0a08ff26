/**
 * The set-up page that creates the first administrator (`/set-up/{token}`), and the page a dead link gets.
 * Pure functions from what was typed and the service's problems to what the templates show.
 */
import type { SetUpLinkProblem, SetUpProblem } from '../../services/set-up-service.ts'

/** What was typed into the set-up form (never the password, which is not sent back). */
export interface SetUpInput {
  name: string
  email: string
}

const DEAD_LINK_HEADINGS: Readonly<Record<SetUpLinkProblem['state'], string>> = Object.freeze({
  unknown: 'This set-up link is not valid',
  expired: 'This set-up link has expired',
  used: 'This set-up link has been used',
})

/**
 * The form, with an error summary linking to each field with a problem.
 * @example setUpModel({ name: '', email: '' }, []).pageTitle // 'Create the first administrator'
 */
export function setUpModel(input: SetUpInput, problems: readonly SetUpProblem[]) {
  const field = (name: 'name' | 'email' | 'password') => {
    const problem = problems.find((p) => p.field === name)
    return problem === undefined ? null : { text: problem.message }
  }
  return {
    pageTitle: `${problems.length > 0 ? 'Error: ' : ''}Create the first administrator`,
    values: input,
    errorList: problems.map((p) => ({ text: p.message, href: `#${p.field ?? 'name'}` })),
    errors: { name: field('name'), email: field('email'), password: field('password') },
  }
}

/**
 * The page for a link that cannot be used: 404 for a link Scrutineer never made, 410 (gone) for one that has
 * expired or been used.
 * @example deadLinkPage({ field: 'link', state: 'expired', message: '…' }).status // 410
 */
export function deadLinkPage(problem: SetUpLinkProblem) {
  return {
    status: problem.state === 'unknown' ? 404 : 410,
    view: {
      pageTitle: DEAD_LINK_HEADINGS[problem.state],
      message: problem.message,
      back: { href: '/sign-in', text: 'go to the sign-in page' },
      stack: null,
    },
  }
}
