/**
 * `scrutineer document-pack --meeting ID --out FILE.pdf [--publish [--note TEXT] | --members]`: builds a meeting's
 * Public Document Pack. Without `--publish` it only writes the file (a draft, stamped as not published); with it, it
 * publishes a new version exactly as the web's "Publish" button does, and prints the clear-days warning if any.
 * `--members` writes the draft of the Members' Room edition instead, with the exempt papers (audited, never
 * published: the web's "Publish" builds the published edition with the public pack).
 */
import { writeFile } from 'node:fs/promises'
import type { Config } from '../config.ts'
import { cliActor, UsageError, withServices, type Values } from './shared.ts'

export async function documentPackCommand(config: Config, values: Values): Promise<number> {
  const meeting = values.meeting
  if (meeting === undefined || !/^\d{1,9}$/.test(meeting) || Number(meeting) === 0) {
    throw new UsageError('Give the meeting as --meeting ID, e.g. --meeting 2 (the number in /meetings/2).')
  }
  if (values.out === undefined) throw new UsageError('A PDF is a binary file: give --out FILE.pdf.')
  const out = values.out
  if (values.members === true && values.publish === true) {
    throw new UsageError(
      "--members builds a draft of the Members' Room edition only. Publishing (--publish, without --members) " +
        "builds and publishes the Members' Room edition with the public pack.",
    )
  }
  return withServices(config, async (services) => {
    // The same demo as the server's (whichever command finds the database empty loads it).
    if (config.loadDemo) await services.demo.loadIfEmpty({ dfeBenchmarks: true })
    const now = services.clock.now().toISOString()
    if (values.publish === true) {
      const result = await services.documentPacks.publish(
        Number(meeting),
        { note: values.note ?? null },
        { actor: cliActor(), now },
      )
      if (!result.ok) {
        for (const p of result.problems) process.stderr.write(`${p.message}\n`)
        return 1
      }
      const latest = await services.documentPacks.latestPdf(Number(meeting))
      if (latest !== null) await writeFile(out, latest.pdf)
      const { pack, warning } = result.value
      process.stderr.write(`Published version ${pack.version} (${pack.pageCount} pages) and wrote ${out}\n`)
      if (warning !== null) process.stderr.write(`Warning: ${warning}\n`)
      return 0
    }
    const members = values.members === true
    const result = await services.documentPacks.preview(
      Number(meeting),
      now,
      members ? { actor: cliActor() } : undefined,
    )
    if (!result.ok) {
      for (const p of result.problems) process.stderr.write(`${p.message}\n`)
      return 1
    }
    await writeFile(out, result.value.pdf)
    const what = members ? "the Members' Room edition, confidential, " : ''
    process.stderr.write(`Wrote ${out} (${what}${result.value.pageCount} pages, not published)\n`)
    return 0
  })
}
