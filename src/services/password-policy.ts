/**
 * The password rules (src/domain/password-policy.ts) with what they need from outside: the bundled list of common
 * passwords (reference/common-passwords.txt, read once) and this site's names (Scrutineer and the council's).
 * Every place a password is set (the set-up link, `scrutineer users add`, an administrator adding an account or
 * setting a password) asks this one policy.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { passwordRefusal, siteWords } from '../domain/password-policy.ts'

export const COMMON_PASSWORDS_FILE = fileURLToPath(new URL('../../reference/common-passwords.txt', import.meta.url))

let common: ReadonlySet<string> | null = null

/** The bundled common passwords, lower case. Read once: the file is part of the release. */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== ''),
  )
  return common
}

/** A problem with a new password, for the form's password field. */
export interface PasswordProblem {
  field: 'password'
  message: string
}

/**
 * The policy for this council.
 * @example passwordPolicy('Southampton City Council').problems('password1234', { email: 'jo@council.gov.uk' }) // [{ field: 'password', message: 'This password is a common password …' }]
 */
export function passwordPolicy(councilName: string) {
  const words = siteWords(['Scrutineer', councilName])
  return {
    /** What is wrong with `password` as the new password of this account: nothing, or one problem saying why. */
    problems(password: string, account: { email: string; name?: string }): PasswordProblem[] {
      const refusal = passwordRefusal(password, {
        email: account.email,
        ...(account.name === undefined ? {} : { name: account.name }),
        siteWords: words,
        commonPasswords: commonPasswords(),
      })
      return refusal === null ? [] : [{ field: 'password', message: refusal }]
    },
  }
}

export type PasswordPolicy = ReturnType<typeof passwordPolicy>
