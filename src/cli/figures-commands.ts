/**
 * Commands for the monthly dataset: serve, import figures and catalogue, build the pack, list imports.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import type { Config } from '../config.ts'
import { isPeriod } from '../domain/period.ts'
import { packToCsv } from '../exporters/pack-csv.ts'
import { packToJson } from '../exporters/pack-json.ts'
import { packToXlsx } from '../exporters/pack-xlsx.ts'
import { services as buildServices, type Services } from '../services/index.ts'
import { openStore } from '../store/connect.ts'
import { renderPackDocument } from '../web/standalone.ts'
import { progress } from './progress.ts'
import { announceSetUpLink } from './set-up-link.ts'
import { cliActor, reportRefused, UsageError, withServices, type Values } from './shared.ts'

/** Says what loading the demo did, on stderr. */
function reportDemo(loaded: Awaited<ReturnType<Services['demo']['loadIfEmpty']>>): void {
  if (loaded === null) return
  process.stderr.write(
    `Loaded the demo council: ${loaded.totalFiguresAdded} figures for ${loaded.indicatorsAdded} indicators.\n`,
  )
  for (const warning of loaded.warnings) process.stderr.write(`Warning: ${warning}\n`)
}

/** `scrutineer load-demo`: the demo council into a database that has none of it (what `serve` does by default). */
export async function loadDemoCommand(config: Config): Promise<number> {
  await withServices(config, async (services) => reportDemo(await services.demo.loadIfEmpty({ dfeBenchmarks: true })))
  return 0
}

/**
 * A new embedded database folder gets the demo from a process of its own, which then ends: loading it grows PGlite's
 * WebAssembly memory (and this process's heap) by hundreds of megabytes that are never given back, so a server that
 * loaded it itself idled at ~500 MB where a restarted one idles under 300 MB.
 */
async function loadDemoApart(dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? '', 'load-demo', '--db', dataDir], {
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    child.once('error', reject)
    child.once('exit', resolve)
  })
  if (code !== 0) throw new Error(`Loading the demo council into ${dataDir} failed (exit code ${code ?? 'none'}).`)
}

export async function serve(config: Config): Promise<void> {
  if (config.loadDemo && config.database.kind === 'pglite' && config.database.dataDir !== null) {
    await loadDemoApart(config.database.dataDir)
  }
  // Until the app's logger exists, a connection the database ends is written to stderr.
  let connectionLost = (error: Error): void => {
    process.stderr.write(`The database ended a connection: ${error.message}\n`)
  }
  // The server holds the folder itself; a second server on it is refused rather than run through the first.
  // A PostgreSQL restart ends the pool's connections: the server logs it, carries on and reconnects.
  // The database starts first: the embedded one compiles and starts PostgreSQL in its own thread while this one
  // loads the web app, which halves the time to the first page (docs/operations.md, "Start-up and memory").
  const opening = openStore(config.database, {
    throughRunningServer: false,
    onConnectionError: (error) => connectionLost(error),
  })
  // Its failure is reported where it is awaited, below, not as an unhandled rejection while the app loads.
  opening.catch(() => undefined)
  const { createApp } = await import('../web/app.ts')
  const { buildAssets } = await import('../web/assets/build.ts')
  // Normally done by npm's postinstall; cheap when the stylesheet is already up to date.
  buildAssets()
  const store = await opening
  const services = buildServices(store, config)
  // The served demo takes its benchmark columns from DfE's data for Southampton (docs/demo.md).
  if (config.loadDemo) reportDemo(await services.demo.loadIfEmpty({ dfeBenchmarks: true }))
  const app = await createApp(services, {
    environment: config.environment,
    // Development logs only warnings and errors (a missing printer, a failed request), not every request.
    logger: config.environment === 'production' ? true : { level: 'warn' },
    // The embedded database is one process's: anything it shows running was cut off when that process stopped.
    jobRunner: { staleAfterMs: store.kind === 'pglite' ? 0 : config.jobStaleAfterMs },
    trustProxy: config.trustProxy,
    rateLimitPerMinute: config.rateLimitPerMinute,
    publicUrl: config.publicUrl,
    // The embedded database cannot go on after a PANIC: exit (non-zero) so a supervisor starts it again, which
    // recovers the folder to its last completed change.
    onBrokenDatabase: (fault, error) => stopForSupervisor(`${fault.reason} (${(error as Error).message})`),
    ...(process.env.SCRUTINEER_COOKIE_SECRET === undefined
      ? {}
      : { cookieSecret: process.env.SCRUTINEER_COOKIE_SECRET }),
  })
  connectionLost = (error) =>
    app.log.warn(
      { database: error.message },
      'The database ended a connection (stopped or restarting?); pages will answer again when it is back',
    )
  let stopping = false
  /** What this process cannot recover from: logged in words, then a non-zero exit for systemd or Docker to restart. */
  const stopForSupervisor = (reason: string) => {
    if (stopping) return
    stopping = true
    app.log.fatal(`Scrutineer is stopping so that it can be started again: ${reason}`)
    process.stderr.write(`Scrutineer is stopping so that it can be started again: ${reason}\n`)
    process.exitCode = 1
    // Closing may hang on a database that is gone: give it a few seconds, then go regardless.
    setTimeout(() => process.exit(1), 5000).unref()
    void app
      .close()
      .then(() => store.close())
      .catch(() => undefined)
      .finally(() => process.exit(1))
  }
  process.on('uncaughtException', (error) => stopForSupervisor(`an unexpected error (${error.stack ?? error.message})`))
  process.on('unhandledRejection', (error) =>
    stopForSupervisor(
      `an unexpected error (${error instanceof Error ? (error.stack ?? error.message) : String(error)})`,
    ),
  )
  const shutdown = async () => {
    await app.close()
    await store.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown())
  process.once('SIGTERM', () => void shutdown())
  // With the embedded database, `scrutineer` commands in another terminal use this process's database.
  let socketPath: string | null = null
  try {
    socketPath = store.serveLocalCommands === undefined ? null : await store.serveLocalCommands()
  } catch (error) {
    // The web works without it; only commands on this folder must wait until the server stops.
    process.stderr.write(
      `Could not serve the embedded database to scrutineer commands (${(error as Error).message}): while this ` +
        'server runs, commands on its folder will be refused.\n',
    )
  }
  await app.listen({ port: config.port, host: config.host })
  const shown = config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host
  process.stderr.write(
    `Scrutineer is serving ${config.councilName} on http://${shown}:${config.port} (database: ${store.kind}, ${store.location})\n`,
  )
  if (socketPath !== null) {
    app.log.info({ socket: socketPath }, 'Serving the embedded database to local commands')
    process.stderr.write(
      `Serving the embedded database to scrutineer commands on this machine at ${socketPath} (this user only)\n`,
    )
  }
  const auditWarning = await services.auditLog.protectionWarning()
  if (auditWarning !== null) {
    app.log.warn(auditWarning)
    process.stderr.write(`Warning: ${auditWarning}\n`)
  }
  // Officer pages need an account: a one-time link creates the first administrator in the browser.
  await announceSetUpLink(services, config.publicUrl)
}

export async function importCommand(
  config: Config,
  what: string | undefined,
  file: string | undefined,
  values: Values,
): Promise<number> {
  if ((what !== 'values' && what !== 'catalogue') || file === undefined) {
    throw new UsageError(
      'Say what to import and from which file: "scrutineer import values FILE" or "scrutineer import catalogue FILE".',
    )
  }
  const show = progress()
  return withServices(config, async (services) => {
    show.step(`Reading ${file}`)
    const result = await services.figures.importFile(file, {
      mode: what,
      actor: cliActor(),
      maxBytes: config.maxImportBytes,
      ...(values['benchmark-vintage'] === undefined ? {} : { benchmarkVintage: values['benchmark-vintage'] }),
      ...(values.dataset === undefined
        ? {}
        : { dataset: { id: values.dataset, title: values['dataset-title'] ?? values.dataset } }),
    })
    if (!result.ok) {
      show.done()
      return reportRefused(file, result.problems)
    }
    const s = result.value
    show.done('Imported')
    process.stdout.write(
      `Imported ${s.file} (${s.layout} layout) as import ${s.importId}: ` +
        `${s.indicatorsAdded} indicators added, ${s.indicatorsUpdated} updated; ` +
        `${s.figuresAdded} figures added, ${s.figuresRevised} revised, ${s.figuresUnchanged} unchanged` +
        (s.months.length > 0 ? `; months ${s.months[0] ?? ''} to ${s.months.at(-1) ?? ''}` : '') +
        '.\n' +
        s.notes.map((note) => `${note}\n`).join(''),
    )
    return 0
  })
}

export async function packCommand(config: Config, values: Values): Promise<number> {
  const period = values.period
  if (period === undefined || !isPeriod(period))
    throw new UsageError('Give the month of the pack as --period YYYY-MM, e.g. --period 2018-04.')
  const format = values.format ?? 'json'
  if (!['json', 'csv', 'xlsx', 'html'].includes(format))
    throw new UsageError(`--format must be json, csv, xlsx or html, not "${format}".`)
  if (format === 'xlsx' && values.out === undefined)
    throw new UsageError('An XLSX pack is a binary file: give --out FILE.xlsx.')
  return withServices(config, async (services) => {
    // The same demo as the server's (whichever command finds the database empty loads it).
    if (config.loadDemo) await services.demo.loadIfEmpty({ dfeBenchmarks: true })
    const datasetId = values.dataset ?? 'monthly'
    const result = await services.packs.getPack(datasetId, period)
    if (!result.ok) {
      const p = result.problem
      process.stderr.write(
        p.kind === 'no-such-dataset'
          ? `There is no dataset "${p.datasetId}". Run "scrutineer import values FILE" first.\n`
          : `Dataset "${p.datasetId}" has no figures for ${p.period}.\n`,
      )
      return 1
    }
    const { pack, catalogue, dataset, availablePeriods } = result.value
    let output: string | Buffer
    if (format === 'json') output = packToJson(pack)
    else if (format === 'csv') output = packToCsv(pack, catalogue)
    else if (format === 'xlsx') output = await packToXlsx(pack, catalogue, { datasetTitle: dataset.title })
    else output = renderPackDocument({ pack, catalogue, dataset, availablePeriods, councilName: config.councilName })
    if (values.out === undefined) process.stdout.write(output)
    else {
      await writeFile(values.out, output)
      process.stderr.write(`Wrote ${values.out}\n`)
    }
    return 0
  })
}

export async function importsCommand(config: Config): Promise<number> {
  return withServices(config, async (services) => {
    for (const i of await services.figures.listImports()) {
      const removed = i.removedAt === null ? '' : `\tremoved ${i.removedAt.slice(0, 10)}`
      // A census or SSDA903 return is stored as an Annex A import; the list names it by what the officer loaded.
      const kind = i.layout === 'cin-census' || i.layout === 'ssda903' ? i.layout : i.kind
      process.stdout.write(
        `${i.id}\t${i.importedAt}\t${kind}\t${i.sourceFile}\t${i.observationCount} figures, ${i.revisionCount} revised\t${i.importedBy}${removed}\n`,
      )
    }
    return 0
  })
}
