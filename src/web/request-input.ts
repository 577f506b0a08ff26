/**
 * Reading what a browser sent: ids from the path and fields from a form body, which may be missing, repeated or
 * not text at all. Anything unexpected reads as "not given", so handlers answer 404 or 400, never 500.
 */

/**
 * A database id from the path: a positive whole number of at most nine digits, else null.
 * @example positiveId('12') // 12
 * @example positiveId('1e3') // null
 */
export function positiveId(text: string): number | null {
  const id = Number(text)
  return /^\d{1,9}$/.test(text) && id > 0 ? id : null
}

/** The longest path parameter any of our addresses uses (ids, slugs, set-up tokens are far shorter). */
const MAX_PATH_TEXT = 200

/**
 * Whether a path parameter is text one of our addresses could hold: at most 200 characters, no control characters
 * (PostgreSQL cannot store a NUL byte in text) and no half of a surrogate pair. `src/web/error-pages.ts` answers
 * 404 for anything else before a handler sees it.
 * @example isPathText('monthly') // true
 * @example isPathText('a\u0000b') // false
 */
export function isPathText(text: string): boolean {
  if (text.length > MAX_PATH_TEXT) return false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return false
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false
      i++
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false
    }
  }
  return true
}

/**
 * One text field of a form body; '' when it is missing or not a single string.
 * @example formField({ venue: 'Civic Centre' }, 'venue') // 'Civic Centre'
 * @example formField(undefined, 'venue') // ''
 */
export function formField(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[name]
  return typeof value === 'string' ? value : ''
}

/**
 * Every value of a form field that may be repeated (a group of checkboxes): [] when it is missing; anything that
 * is not text is left out.
 * @example formFields({ indicators: ['a', 'b'] }, 'indicators') // ['a', 'b']
 * @example formFields({ indicators: 'a' }, 'indicators') // ['a']
 */
export function formFields(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | null | undefined)?.[name]
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
