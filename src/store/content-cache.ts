/**
 * A bounded, least-recently-used cache for content that never changes once made: a published snapshot parsed
 * from its stored text, a published page rendered from it. Keys name the content exactly (its SHA-256 hash and
 * whatever else shaped it), so an entry is never stale, only evicted; each process keeps its own, so several
 * instances behind a load balancer need no shared cache.
 */
export class ContentCache<V> {
  readonly #entries = new Map<string, { value: V; weight: number }>()
  #weight = 0

  /**
   * @param maxWeight the most the cache holds, in the unit `weigh` returns (characters, bytes)
   * @param weigh how much one value costs to keep
   */
  constructor(
    private readonly maxWeight: number,
    private readonly weigh: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.#entries.get(key)
    if (entry === undefined) return undefined
    // Re-inserting moves the key to the end of the map's order: the most recently used.
    this.#entries.delete(key)
    this.#entries.set(key, entry)
    return entry.value
  }

  /** Keeps the value, evicting the least recently used entries to make room; a value heavier than the whole cache is not kept. */
  set(key: string, value: V): void {
    const weight = this.weigh(value)
    this.delete(key)
    if (weight > this.maxWeight) return
    this.#entries.set(key, { value, weight })
    this.#weight += weight
    for (const [oldest, entry] of this.#entries) {
      if (this.#weight <= this.maxWeight) break
      this.#entries.delete(oldest)
      this.#weight -= entry.weight
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key)
    if (entry === undefined) return
    this.#entries.delete(key)
    this.#weight -= entry.weight
  }

  clear(): void {
    this.#entries.clear()
    this.#weight = 0
  }

  get size(): number {
    return this.#entries.size
  }

  /** The total weight held now. */
  get weight(): number {
    return this.#weight
  }
}

/**
 * Freezes a value and everything it holds, so a cached value shared by every request cannot be changed by one of
 * them (in strict mode a write throws, which the tests would show).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  Object.freeze(value)
  for (const child of Object.values(value as object)) deepFreeze(child)
  return value
}
