/** Expected problems are values, not exceptions (HOUSE-STYLE.md). */
export type Result<T, P> = { ok: true; value: T } | { ok: false; problems: P[] }

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value }
}

export function failed<P>(problems: P[]): { ok: false; problems: P[] } {
  return { ok: false, problems }
}
