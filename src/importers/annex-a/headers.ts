/**
 * Finds each specified Annex A column among a file's headers. Headers drift between councils ("Age" for "Age of
 * Child (Years)", "Date of Referral" for "Date of referral", a stray bracket or curly quote), so a column is found
 * by its name first (ignoring case, punctuation and spacing) and otherwise by the patterns in annex-a-merge.yml.
 */
import type { ColumnSpec } from './spec.ts'
import { normaliseHeader } from './values.ts'

/**
 * For each spec column (same order), the index of the header that holds it, or -1 when none does. Each header
 * serves one column at most: exact names are settled before patterns, so a broad pattern such as `.*age.*` cannot
 * take a header that names another column exactly.
 * @example
 * matchHeaders(loadAnnexASpec().lists.get(1) ?? [], ['Child Unique ID', 'Age', 'Date of Contact'])
 * // [0, -1, -1, -1, 1, 2, -1]
 */
export function matchHeaders(columns: readonly ColumnSpec[], headers: readonly string[]): number[] {
  const normalised = headers.map(normaliseHeader)
  const collapsed = headers.map((header) => header.replace(/\s+/g, ' ').trim())
  const taken = new Array<boolean>(headers.length).fill(false)
  const found = new Array<number>(columns.length).fill(-1)

  columns.forEach((column, c) => {
    const name = normaliseHeader(column.name)
    const index = normalised.findIndex((header, h) => !taken[h] && header !== '' && header === name)
    if (index >= 0) {
      found[c] = index
      taken[index] = true
    }
  })

  columns.forEach((column, c) => {
    if (found[c] !== -1 || column.patterns.length === 0) return
    const index = headers.findIndex(
      (_, h) =>
        !taken[h] &&
        (normalised[h] ?? '') !== '' &&
        column.patterns.some((pattern) => pattern.test(collapsed[h] ?? '') || pattern.test(normalised[h] ?? '')),
    )
    if (index >= 0) {
      found[c] = index
      taken[index] = true
    }
  })
  return found
}
