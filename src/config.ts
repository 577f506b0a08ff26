/**
 * Configuration: one typed value, read from the environment and command-line options and validated at start-up.
 * Local defaults are safe (embedded database in ./data, localhost); production fails fast on what it must have.
 */
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
}

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
    port: overrides.port !== undefined ? parsePort(overrides.port, '--port') : parsePort(env.PORT ?? '3000', 'PORT'),
    database,
    councilName: env.SCRUTINEER_COUNCIL_NAME ?? 'Southampton City Council (demo)',
    maxImportBytes: Math.round(maxMb * 1024 * 1024),
    maxAnnexABytes: Math.round(maxAnnexAMb * 1024 * 1024),
    loadDemo: (env.SCRUTINEER_DEMO ?? 'true') !== 'false',
    jobStaleAfterMs: Math.round(staleSeconds * 1000),
  }
}
