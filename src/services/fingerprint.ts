/**
 * The fingerprint of what a preview was compared against: the SHA-256 of its canonical JSON. An upload keeps the
 * fingerprint its check saw; loading it recomputes it inside the import's transaction and refuses if it differs.
 */
import { createHash } from 'node:crypto'
import { canonicalJson } from '../domain/publication.ts'

/** @example fingerprintOf({ b: 1, a: 2 }) === fingerprintOf({ a: 2, b: 1 }) // true */
export function fingerprintOf(baseline: unknown): string {
  return createHash('sha256').update(canonicalJson(baseline), 'utf8').digest('hex')
}
