/**
 * Configuration: one typed value, read from the environment and command-line options and validated at start-up.
 * Local defaults are safe (embedded database in ./data, localhost); production fails fast on what it must have.
 */
import { isIP } from 'node:net'
import { resolve } from 'node:path'
import type { DatabaseTarget } from './store/connect.ts'

export interface Config {
  environment: 'development' | 'production' | 'test'
  host: string
  port: number
  database: DatabaseTarget
  councilName: string
  /** Largest figures file an officer may upload or import. */
  maxImportBytes: number
  /** Largest Annex A return an officer may upload in the browser (a .zip of CSVs or an .xlsx workbook). */
  maxAnnexABytes: number
  /** Load the demo council's figures into an empty database on start. */
  loadDemo: boolean
  /**
   * How long a running job may go without a heartbeat before another server decides its process stopped and fails
   * it (PostgreSQL; on the embedded database a starting server fails every running job at once).
   */
  jobStaleAfterMs: number
  /** Which proxies in front of the server may say who the client is (X-Forwarded-For); nobody by default. */
  trustProxy: TrustProxy
  /** The site's public address, the start of every absolute URL it writes (feeds, the API, the set-up link). */
  publicUrl: string
  /** Requests a minute from one client address before 429 (sign-in has its own, stricter limit). */
  rateLimitPerMinute: number
}

/**
 * Who may tell the server the client's address through `X-Forwarded-For`: nobody (the address is the connection's),
 * the nearest `hops` proxies, or proxies at these addresses or ranges (also proxy-addr's names `loopback`,
 * `linklocal`, `uniquelocal`).
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: string[] }

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export interface ConfigOverrides {
  db?: string
  port?: string
  host?: string
}

/** `--db` takes a folder for the embedded database, `memory`, or a `postgres://` URL. */
export function parseDatabaseTarget(text: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(text)) return { kind: 'postgres', url: text }
  if (text === 'memory' || text === ':memory:') return { kind: 'pglite', dataDir: null }
  return { kind: 'pglite', dataDir: resolve(text) }
}

function parsePort(text: string, source: string): number {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${source} must be a port number from 0 to 65535, not "${text}".`)
  }
  return port
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

function isProxyAddress(text: string): boolean {
  if (PROXY_NAMES.has(text)) return true
  const [address = '', prefix, ...rest] = text.split('/')
  const version = isIP(address)
  if (version === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  const bits = Number(prefix)
  return /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128)
}

/**
 * `TRUST_PROXY`: empty or `none` for no proxy, a hop count (`1`: the one proxy in front), or a comma-separated list
 * of addresses and CIDR ranges (`10.0.0.5, 192.168.0.0/16`).
 * @example parseTrustProxy('1') // { kind: 'hops', hops: 1 }
 * @example parseTrustProxy('10.0.0.1, 10.1.0.0/16') // { kind: 'addresses', addresses: ['10.0.0.1', '10.1.0.0/16'] }
 */
export function parseTrustProxy(text: string | undefined): TrustProxy {
  const trimmed = (text ?? '').trim()
  if (trimmed === '' || trimmed === 'none' || trimmed === '0') return { kind: 'none' }
  if (/^\d+$/.test(trimmed)) {
    const hops = Number(trimmed)
    if (hops > 10) throw new ConfigError(`TRUST_PROXY must be a small number of proxies (1 to 10), not ${trimmed}.`)
    return { kind: 'hops', hops }
  }
  const addresses = trimmed.split(',').map((part) => part.trim())
  const wrong = addresses.filter((address) => !isProxyAddress(address))
  if (wrong.length > 0) {
    throw new ConfigError(
      `TRUST_PROXY must be a number of proxies or a comma-separated list of their addresses or ranges ` +
        `(e.g. 10.0.0.5, 192.168.0.0/16), not "${trimmed}": ${wrong.map((w) => `"${w}"`).join(', ')} ` +
        `${wrong.length === 1 ? 'is not an address' : 'are not addresses'}.`,
    )
  }
  return { kind: 'addresses', addresses }
}

/**
 * `PUBLIC_URL`: an http or https address without query or fragment; returned without a trailing slash.
 * @example parsePublicUrl('https://scrutiny.council.gov.uk/') // 'https://scrutiny.council.gov.uk'
 */
export function parsePublicUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new ConfigError(
      `PUBLIC_URL must be the site's address, such as https://scrutiny.council.gov.uk, not "${text}".`,
    )
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw new ConfigError(
      `PUBLIC_URL must be an http or https address with no query or fragment, such as https://scrutiny.council.gov.uk, not "${text}".`,
    )
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError('PUBLIC_URL must not carry a user name or password.')
  }
  return url.toString().replace(/\/+$/, '')
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const nodeEnv = env.NODE_ENV ?? 'development'
  if (nodeEnv !== 'development' && nodeEnv !== 'production' && nodeEnv !== 'test') {
    throw new ConfigError(`NODE_ENV must be development, production or test, not "${nodeEnv}".`)
  }
  const dbText = overrides.db ?? env.DATABASE_URL ?? env.SCRUTINEER_DB ?? './data'
  if (
    nodeEnv === 'production' &&
    overrides.db === undefined &&
    env.DATABASE_URL === undefined &&
    env.SCRUTINEER_DB === undefined
  ) {
    throw new ConfigError(
      'In production set DATABASE_URL (postgres://…) or SCRUTINEER_DB (a folder) so data is not kept by accident in ./data.',
    )
  }
  const maxMb = Number(env.SCRUTINEER_MAX_IMPORT_MB ?? '20')
  if (!Number.isFinite(maxMb) || maxMb <= 0) {
    throw new ConfigError(
      `SCRUTINEER_MAX_IMPORT_MB must be a positive number of megabytes, not "${env.SCRUTINEER_MAX_IMPORT_MB ?? ''}".`,
    )
  }
  const maxAnnexAMb = Number(env.SCRUTINEER_MAX_ANNEX_A_MB ?? '200')
  if (!Number.isFinite(maxAnnexAMb) || maxAnnexAMb <= 0) {
    throw new ConfigError(
      `SCRUTINEER_MAX_ANNEX_A_MB must be a positive number of megabytes, not "${env.SCRUTINEER_MAX_ANNEX_A_MB ?? ''}".`,
    )
  }
  const staleSeconds = Number(env.SCRUTINEER_JOB_STALE_SECONDS ?? '60')
  // Jobs renew their heartbeat every 10 seconds, so keep this well above that in production (tests shorten it).
  if (!Number.isFinite(staleSeconds) || staleSeconds < 1) {
    throw new ConfigError(
      `SCRUTINEER_JOB_STALE_SECONDS must be a number of seconds of at least 1 (default 60), not "${env.SCRUTINEER_JOB_STALE_SECONDS ?? ''}".`,
    )
  }
  const rateLimit = Number(env.SCRUTINEER_RATE_LIMIT_PER_MINUTE ?? '600')
  if (!Number.isInteger(rateLimit) || rateLimit < 1) {
    throw new ConfigError(
      `SCRUTINEER_RATE_LIMIT_PER_MINUTE must be a whole number of requests of at least 1 (default 600), not "${env.SCRUTINEER_RATE_LIMIT_PER_MINUTE ?? ''}".`,
    )
  }
  const port =
    overrides.port !== undefined ? parsePort(overrides.port, '--port') : parsePort(env.PORT ?? '3000', 'PORT')
  let database = parseDatabaseTarget(dbText)
  const ownerUrl = env.DATABASE_OWNER_URL
  if (ownerUrl !== undefined && ownerUrl !== '') {
    if (database.kind !== 'postgres' || parseDatabaseTarget(ownerUrl).kind !== 'postgres') {
      throw new ConfigError(
        "DATABASE_OWNER_URL is the PostgreSQL schema owner's postgres://… URL, for migrations; it needs a PostgreSQL " +
          "DATABASE_URL (or --db postgres://…) for the application's own role. The embedded database has no roles.",
      )
    }
    database = { ...database, ownerUrl }
  }
  return {
    environment: nodeEnv,
    host: overrides.host ?? env.HOST ?? (nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1'),
    port,
    database,
    councilName: env.SCRUTINEER_COUNCIL_NAME ?? 'Southampton City Council (demo)',
    maxImportBytes: Math.round(maxMb * 1024 * 1024),
    maxAnnexABytes: Math.round(maxAnnexAMb * 1024 * 1024),
    loadDemo: (env.SCRUTINEER_DEMO ?? 'true') !== 'false',
    jobStaleAfterMs: Math.round(staleSeconds * 1000),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    publicUrl: parsePublicUrl(env.PUBLIC_URL ?? `http://localhost:${port}`),
    rateLimitPerMinute: rateLimit,
  }
}
