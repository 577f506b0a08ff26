/**
 * `scrutineer`: the command line. Every command takes `--db PATH|URL`; exit code 0 on success, 1 when the input
 * was refused (with each problem on stderr), 2 on a usage error.
 */
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig, type Config } from '../config.ts'
import { isPeriod } from '../domain/period.ts'
import { packToCsv } from '../exporters/pack-csv.ts'
import { packToJson } from '../exporters/pack-json.ts'
import { packToXlsx } from '../exporters/pack-xlsx.ts'
import { describeProblem } from '../importers/problem.ts'
import { services as buildServices, type Services } from '../services/index.ts'
import { DatabaseError, openStore } from '../store/connect.ts'
import { renderPackDocument } from '../web/standalone.ts'
import { progress } from './progress.ts'

const USAGE = `Usage: scrutineer <command> [options]

Commands:
  serve [--port N] [--host H]              Serve the web app (default http://localhost:3000)
  import values FILE [--benchmark-vintage TEXT] [--dataset ID --dataset-title TEXT]
                                           Load monthly figures (wide or long layout, CSV or XLSX);
                                           a wide file also loads the catalogue
  import catalogue FILE                    Load indicator definitions from the wide dataset file
  pack --period YYYY-MM [--dataset ID] --format json|csv|xlsx|html [--out FILE]
                                           Build the monthly pack
  migrate                                  Bring the database schema up to date
  imports                                  List the imports so far

Options everywhere:
  --db PATH|URL   the embedded database folder (default ./data), "memory", or postgres://…
                  (DATABASE_URL is read too)
  --help          this text
`

class UsageError extends Error {
  override name = 'UsageError'
}

const options = {
  db: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  period: { type: 'string' },
  dataset: { type: 'string' },
  'dataset-title': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'benchmark-vintage': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values']

async function withServices<T>(config: Config, work: (services: Services) => Promise<T>): Promise<T> {
  const store = await openStore(config.database)
  try {
    return await work(buildServices(store, config))
  } finally {
    await store.close()
  }
}

async function serve(config: Config): Promise<void> {
  const { createApp } = await import('../web/app.ts')
  const { buildAssets } = await import('../web/assets/build.ts')
  // Normally done by npm's postinstall; cheap when the stylesheet is already up to date.
  buildAssets()
  const store = await openStore(config.database)
  const services = buildServices(store, config)
  if (config.loadDemo) {
    const loaded = await services.demo.loadIfEmpty()
    if (loaded)
      process.stderr.write(
        `Loaded the demo council: ${loaded.figuresAdded} figures for ${loaded.indicatorsAdded} indicators.\n`,
      )
  }
  const app = await createApp(services, {
    environment: config.environment,
    logger: config.environment === 'production',
    ...(process.env.SCRUTINEER_COOKIE_SECRET === undefined
      ? {}
      : { cookieSecret: process.env.SCRUTINEER_COOKIE_SECRET }),
  })
  const shutdown = async () => {
    await app.close()
    await store.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown())
  process.once('SIGTERM', () => void shutdown())
  await app.listen({ port: config.port, host: config.host })
  const shown = config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host
  process.stderr.write(
    `Scrutineer is serving ${config.councilName} on http://${shown}:${config.port} (database: ${store.kind}, ${store.location})\n`,
  )
}

async function importCommand(
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
      actor: `cli:${process.env.USER ?? 'unknown'}`,
      maxBytes: config.maxImportBytes,
      ...(values['benchmark-vintage'] === undefined ? {} : { benchmarkVintage: values['benchmark-vintage'] }),
      ...(values.dataset === undefined
        ? {}
        : { dataset: { id: values.dataset, title: values['dataset-title'] ?? values.dataset } }),
    })
    if (!result.ok) {
      show.done()
      process.stderr.write(
        `Nothing was imported: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${file}.\n`,
      )
      for (const problem of result.problems) process.stderr.write(`  ${describeProblem(problem)}\n`)
      return 1
    }
    const s = result.value
    show.done('Imported')
    process.stdout.write(
      `Imported ${s.file} (${s.layout} layout) as import ${s.importId}: ` +
        `${s.indicatorsAdded} indicators added, ${s.indicatorsUpdated} updated; ` +
        `${s.figuresAdded} figures added, ${s.figuresRevised} revised, ${s.figuresUnchanged} unchanged` +
        (s.months.length > 0 ? `; months ${s.months[0] ?? ''} to ${s.months.at(-1) ?? ''}` : '') +
        '.\n',
    )
    return 0
  })
}

async function packCommand(config: Config, values: Values): Promise<number> {
  const period = values.period
  if (period === undefined || !isPeriod(period))
    throw new UsageError('Give the month of the pack as --period YYYY-MM, e.g. --period 2018-04.')
  const format = values.format ?? 'json'
  if (!['json', 'csv', 'xlsx', 'html'].includes(format))
    throw new UsageError(`--format must be json, csv, xlsx or html, not "${format}".`)
  if (format === 'xlsx' && values.out === undefined)
    throw new UsageError('An XLSX pack is a binary file: give --out FILE.xlsx.')
  return withServices(config, async (services) => {
    if (config.loadDemo) await services.demo.loadIfEmpty()
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

export async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.help === true || command === undefined || command === 'help') {
    process.stdout.write(USAGE)
    return command === undefined && values.help !== true ? 2 : 0
  }
  try {
    const config = loadConfig(process.env, {
      ...(values.db === undefined ? {} : { db: values.db }),
      ...(values.port === undefined ? {} : { port: values.port }),
      ...(values.host === undefined ? {} : { host: values.host }),
    })
    switch (command) {
      case 'serve':
        await serve(config)
        return 0
      case 'import':
        return await importCommand(config, rest[0], rest[1], values)
      case 'pack':
        return await packCommand(config, values)
      case 'migrate':
        await withServices(config, () => Promise.resolve())
        process.stdout.write('The database schema is up to date.\n')
        return 0
      case 'imports':
        return await withServices(config, async (services) => {
          for (const i of await services.figures.listImports()) {
            process.stdout.write(
              `${i.id}\t${i.importedAt}\t${i.kind}\t${i.sourceFile}\t${i.observationCount} figures, ${i.revisionCount} revised\t${i.importedBy}\n`,
            )
          }
          return 0
        })
      default:
        throw new UsageError(`Unknown command "${command}".`)
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`)
      return 2
    }
    if (error instanceof ConfigError || error instanceof DatabaseError) {
      process.stderr.write(`${error.message}\n`)
      return 1
    }
    throw error
  }
}
