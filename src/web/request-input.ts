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
