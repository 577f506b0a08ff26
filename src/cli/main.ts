/**
 * `scrutineer`: the command line. Every command takes `--db PATH|URL`; exit code 0 on success, 1 when the input
 * was refused (with each problem on stderr), 2 on a usage error. Commands load their modules on demand, so a
 * quick command such as `measures` does not pay for the web app or the database.
 */
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../config.ts'
import { options, UsageError } from './shared.ts'

const USAGE = `Usage: scrutineer <command> [options]

The monthly dataset:
  serve [--port N] [--host H]              Serve the web app (default http://localhost:3000)
  import values FILE [--benchmark-vintage TEXT] [--dataset ID --dataset-title TEXT]
                                           Load monthly figures (wide or long layout, CSV or XLSX);
                                           a wide file also loads the catalogue
  import catalogue FILE                    Load indicator definitions from the wide dataset file
  pack --period YYYY-MM [--dataset ID] --format json|csv|xlsx|html [--out FILE]
                                           Build the monthly pack

Publication:
  publish --period YYYY-MM [--dataset ID] --as EMAIL
                                           Freeze the month's pack (figures and approved words) as the next
                                           published version, as the director whose account EMAIL is (the
                                           same rule as the web); the public sees only published months
  publications [--dataset ID] [--period YYYY-MM]
                                           List the published versions with their content hashes
  publications verify                      Rehash every published version's stored snapshot against the hash
                                           recorded when it was published; exit code 1 if any differs
  disclosure [--range 1-5]                 Show, or change, the counts of children published as "c"

Child-level records (Ofsted Annex A):
  measures --annex-a PATH --end YYYY-MM [--months 13] [--population 2017-18=49189,2018-19=49920]
           [--icpc-working-days 15] [--cp-visit-working-days 15] [--lac-visit-days 42]
           [--holidays FEED.json] [--format json]
                                           Compute every measure from a workbook or CSV folder, storing nothing
  measures … --explain MEASURE --month YYYY-MM [--format json|text]
                                           List the children behind one figure, with the dates that decided it
  import annex-a PATH [--end YYYY-MM] [--months 13]
                                           Store a return, compute the measures, update the linked indicators
  imports                                  List the imports so far
  imports show ID                          The data-quality report of an Annex A import
  imports remove ID                        Delete an Annex A import's child-level records
  settings [--population …] [--icpc-working-days N] [--cp-visit-working-days N] [--lac-visit-days N]
           [--overview-sections "Demand;Timescales;…"] [--spc-run-length 6|7]
                                           Show, or change, the council's settings for the measures,
                                           the performance overview's sections and the SPC run length
  holidays import FILE                     Add bank holidays from the public bank-holidays feed (JSON)
  population import FILE [--area E06000045]
                                           Set the child population aged 0–17 of each financial year from
                                           ONS mid-year estimates (long CSV: area code, area name, age, sex,
                                           year, population) for the council's ONS area code (remembered);
                                           later years use the latest estimate until ONS publishes theirs

Child-level records (DfE children in need census):
  measures --cin-census FILE.xml --end YYYY-MM [--months 13] [--population …] [--explain …]
                                           Compute every measure the census feeds (the options of
                                           --annex-a), storing nothing
  import cin-census FILE.xml [--end YYYY-MM] [--months 13]
                                           Store a census as the Annex A lists 3–7 it holds, compute the
                                           measures, update the linked indicators (as import annex-a)
  cin-census summary FILE.xml --format json
                                           Count the children, referrals, assessments, section 47s,
                                           ICPCs, CIN plans, CP plans and problems in a census

Child-level records (DfE SSDA903, children looked after):
  measures --ssda903 FOLDER_OR_ZIP --end YYYY-MM [--months 13] [--population …] [--explain …]
                                           Compute every measure the return feeds (looked-after children,
                                           starts, ends, adoptions, SGOs, IFA placements, UASC, care leavers),
                                           storing nothing
  import ssda903 FOLDER_OR_ZIP [--end YYYY-MM] [--months 13]
                                           Store a return's episodes and OC3 care leavers as Annex A lists 8
                                           and 9, compute the measures, update the linked indicators

DfE benchmarks (LAIT):
  benchmarks import DIR                    Load DfE's children's social care benchmarks from a folder holding
                                           csc_benchmarks_extract.csv, csc_benchmarks_items.csv,
                                           lait_data_dictionary.csv, sn_….xlsx and la_code_list.xlsx (e.g.
                                           reference/dfe-lait), replacing those loaded before
  benchmarks council [LA|NAME]             Show, or choose, which council this is: its DfE LA number (852)
                                           or its name in DfE's LA code list (Southampton)
  benchmarks show --la N --item ITEM [--year YYYY] [--format json|text]
                                           Where council N stands for a DfE item: its value, the statistical-
                                           neighbour average, England, its region, its rank and quartile
                                           (default year: the latest the extract has for the item)

The scrutiny panel:
  document-pack --meeting ID --out FILE.pdf [--publish [--note TEXT] | --members]
                                           Build a meeting's Public Document Pack; --publish publishes it
                                           as a new version (--note says what changed, e.g. "supplement");
                                           --members builds its Members' Room edition, with the exempt
                                           papers, as a draft (nothing is published; the build is audited)

Accounts:
  users add --email E --role R [--name N]  Create an account (roles: administrator, performance-officer,
                                           indicator-owner, director, democratic-services, panel-member);
                                           the password is read from SCRUTINEER_PASSWORD or asked for
  users list                               Every account: role, status, last sign-in
  users disable|enable|unlock --email E    Disable (signing it out everywhere), re-enable or unlock an account
  users role --email E --role R            Change an account's role (the last administrator always stays)
  owners link --owner NAME --email E       Link every indicator whose catalogue owner is exactly NAME to the
                                           indicator owner account E (who then writes their commentary)

  migrate                                  Bring the database schema up to date
  load-demo                                Load the demo council into a database without it (serve does this
                                           itself unless SCRUTINEER_DEMO=false)
  search extract-text                      Read the text of PDF appendices uploaded before search existed, so
                                           search finds them by what they say (needs pdftotext)

Audit and backups:
  audit verify                             Prove the audit log's hash chain unbroken, or say where it breaks
                                           (exit code 1)
  backup --out FILE                        Back up the embedded database to FILE (stop the server first;
                                           PostgreSQL: pg_dump, see docs/operations.md)
  restore FILE [--force]                   Restore a backup into the embedded database folder; --force to
                                           replace the database it holds

Options everywhere:
  --db PATH|URL   the embedded database folder (default ./data), "memory", or postgres://…
                  (DATABASE_URL is read too); while "scrutineer serve" runs on the folder,
                  commands use its database
  --help          this text
`

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
        await (await import('./figures-commands.ts')).serve(config)
        return 0
      case 'import':
        if (rest[0] === 'annex-a')
          return await (await import('./annex-a-commands.ts')).importAnnexACommand(config, rest[1], values)
        if (rest[0] === 'cin-census' || rest[0] === 'ssda903')
          return await (await import('./annex-a-commands.ts')).importAnnexACommand(config, rest[1], values, rest[0])
        return await (await import('./figures-commands.ts')).importCommand(config, rest[0], rest[1], values)
      case 'pack':
        return await (await import('./figures-commands.ts')).packCommand(config, values)
      case 'publish':
        return await (await import('./publication-commands.ts')).publishCommand(config, values)
      case 'publications':
        if (rest[0] === 'verify')
          return await (await import('./publication-commands.ts')).verifyPublicationsCommand(config)
        if (rest[0] !== undefined)
          throw new UsageError('Use "scrutineer publications [--dataset ID]" or "scrutineer publications verify".')
        return await (await import('./publication-commands.ts')).publicationsCommand(config, values)
      case 'disclosure':
        return await (await import('./publication-commands.ts')).disclosureCommand(config, values)
      case 'measures':
        return await (await import('./annex-a-commands.ts')).measuresCommand(values)
      case 'cin-census':
        return await (await import('./cin-census-commands.ts')).cinCensusCommand(rest[0], rest[1], values)
      case 'imports':
        if (rest[0] === undefined) return await (await import('./figures-commands.ts')).importsCommand(config)
        return await (await import('./annex-a-commands.ts')).importsSubcommand(config, rest[0], rest[1])
      case 'settings':
        return await (await import('./annex-a-commands.ts')).settingsCommand(config, values)
      case 'benchmarks':
        return await (await import('./benchmark-commands.ts')).benchmarksCommand(config, rest[0], rest[1], values)
      case 'population':
        return await (await import('./population-commands.ts')).populationCommand(config, rest[0], rest[1], values)
      case 'holidays':
        return await (await import('./annex-a-commands.ts')).holidaysCommand(config, rest[0], rest[1])
      case 'document-pack':
        return await (await import('./document-pack-commands.ts')).documentPackCommand(config, values)
      case 'users':
        return await (await import('./user-commands.ts')).usersCommand(config, rest[0], values)
      case 'audit':
        return await (await import('./audit-commands.ts')).auditCommand(config, rest[0])
      case 'backup':
        return await (await import('./audit-commands.ts')).backupCommand(config, values)
      case 'restore':
        return await (await import('./audit-commands.ts')).restoreCommand(config, rest[0], values)
      case 'owners':
        return await (await import('./user-commands.ts')).ownersCommand(config, rest[0], values)
      case 'search':
        return await (await import('./search-commands.ts')).searchCommand(config, rest[0])
      case 'load-demo':
        return await (await import('./figures-commands.ts')).loadDemoCommand(config)
      case 'migrate': {
        const { withServices } = await import('./shared.ts')
        await withServices(config, () => Promise.resolve())
        process.stdout.write('The database schema is up to date.\n')
        return 0
      }
      default:
        throw new UsageError(`Unknown command "${command}".`)
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`)
      return 2
    }
    if (error instanceof ConfigError || (error instanceof Error && error.name === 'DatabaseError')) {
      process.stderr.write(`${error.message}\n`)
      return 1
    }
    throw error
  }
}
