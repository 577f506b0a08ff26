/**
 * `npm run generate -- --scale N --out DIR [--end YYYY-MM] [--seed S]`: writes a synthetic Ofsted Annex A as a
 * folder of CSV files (src/synthetic/annex-a.ts) and prints one line on stderr with the rows per list.
 * Exit code 0 on success, 1 when the files could not be written, 2 on a usage error.
 */
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { isPeriod } from '../domain/period.ts'
import { DEFAULT_END, MILLION_ROW_SCALE, summaryLine, writeSyntheticAnnexA } from '../synthetic/annex-a.ts'
import { writeSyntheticCinCensus } from '../synthetic/cin-census.ts'

const USAGE = `Usage: npm run generate -- --scale N --out DIR [--end YYYY-MM] [--seed S]

Writes a made-up Ofsted Annex A (list-1.csv … list-11.csv) for testing and benchmarks.
Or: npm run generate -- --cin-census FILE.xml --children N [--end YYYY-MM] [--seed S]
writes a made-up children in need census of N children (src/synthetic/cin-census.ts).
  --scale N     1 is a mid-size council (about 1,400 contacts a month, 86,000 rows);
                ${MILLION_ROW_SCALE} gives about a million rows
  --out DIR     the folder to write (made if missing; list files in it are replaced)
  --end YYYY-MM the last month of the three years of history (default ${DEFAULT_END})
  --seed S      the same seed always gives the same files (default 1)
`

/** Where the command writes: stderr for the summary and problems (stdout stays free for piping). */
export interface GenerateOutput {
  error: (text: string) => void
}

/**
 * Runs the generate command with the arguments after the script name and returns the exit code.
 * @example
 * await generateCommand(['--scale', '0.1', '--out', '/tmp/annex-a'], { error: (t) => process.stderr.write(t) }) // 0
 */
export async function generateCommand(argv: readonly string[], output: GenerateOutput): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        scale: { type: 'string' },
        out: { type: 'string' },
        end: { type: 'string' },
        seed: { type: 'string' },
        'cin-census': { type: 'string' },
        children: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    output.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    return 2
  }
  if (values.help === true) {
    output.error(USAGE)
    return 0
  }
  if (values['cin-census'] !== undefined) return generateCinCensus(values['cin-census'], values, output)
  const problems: string[] = []
  const scale = Number(values.scale)
  if (values.scale === undefined) problems.push('--scale is required (1 is a mid-size council).')
  else if (!(Number.isFinite(scale) && scale > 0 && scale <= 1000)) {
    problems.push(`--scale must be a number above 0 and at most 1000, not "${values.scale}".`)
  }
  if (values.out === undefined || values.out.trim() === '') problems.push('--out is required: the folder to write.')
  const end = values.end ?? DEFAULT_END
  if (!isPeriod(end)) problems.push(`--end must be a month written YYYY-MM, such as 2018-04, not "${end}".`)
  if (values.seed?.trim() === '') problems.push('--seed must not be empty.')
  if (problems.length > 0 || values.out === undefined) {
    output.error(`${problems.join('\n')}\n\n${USAGE}`)
    return 2
  }

  const started = performance.now()
  try {
    const summary = await writeSyntheticAnnexA({ outDir: values.out, scale, end, seed: values.seed ?? 1 })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    output.error(`${summaryLine(summary)}, ${seconds} s\n`)
    return 0
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    output.error(`The files could not be written to ${values.out}: ${reason}\n`)
    return 1
  }
}

/** `--cin-census FILE --children N`: a census file written a child at a time. */
async function generateCinCensus(
  out: string,
  values: { children?: string | undefined; end?: string | undefined; seed?: string | undefined },
  output: GenerateOutput,
): Promise<number> {
  const children = Number(values.children)
  const end = values.end ?? DEFAULT_END
  const problems: string[] = []
  if (!(Number.isInteger(children) && children > 0 && children <= 10_000_000))
    problems.push(`--children must be a whole number from 1 to 10,000,000, not "${values.children ?? ''}".`)
  if (out.trim() === '') problems.push('--cin-census must name the file to write.')
  if (!isPeriod(end)) problems.push(`--end must be a month written YYYY-MM, such as 2018-04, not "${end}".`)
  if (problems.length > 0) {
    output.error(`${problems.join('\n')}\n\n${USAGE}`)
    return 2
  }
  const started = performance.now()
  try {
    const written = await writeSyntheticCinCensus({ children, end, seed: values.seed ?? 1, out })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    output.error(
      `Wrote ${out}: ${written.children.toLocaleString('en-GB')} children, ${written.episodes.toLocaleString('en-GB')} episodes, ${seconds} s\n`,
    )
    return 0
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    output.error(`The census could not be written to ${out}: ${reason}\n`)
    return 1
  }
}

// Run when started as a script (npm run generate), not when imported by a test.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await generateCommand(process.argv.slice(2), { error: (text) => process.stderr.write(text) })
}
