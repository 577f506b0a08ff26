/**
 * The Public Document Pack built end to end by the warm printer, as a server builds it: a fresh process (run as a
 * child, so its memory is its own) starts one Chromium with its first build and keeps it for the builds after.
 * Each build renders the parts (the papers, then the front sheet and agenda with their page references), prints
 * each once, merges it into the pack with pdf-lib, places an uploaded appendix on its pages and saves.
 *
 * Two sizes: about 40 pages (goal ≤ 3 s warm: a build after the first in the same process) and about 450 pages
 * (goal ≤ 20 s and ≤ 1.2 GB). Memory is Node and Chromium together: the child and every process it started
 * (browser, zygotes, renderers), their resident memory added up (shared pages count once per process, so this
 * overstates what the machine gives them; PSS, shared pages divided among their sharers, is noted too), sampled
 * every 50 ms from outside the child, highest seen over all its builds, the cold first one included.
 *
 * Settings: SCRUTINEER_BENCH_PACK_RUNS (warm builds measured per size, default 3). Run alone with
 * `node --import tsx bench/document-pack.ts [40|450]`.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import type { AgendaItem, Committee, Meeting } from '../src/domain/scrutiny/committee.ts'
import { chromiumPrinter } from '../src/exporters/document-pack/chromium-printer.ts'
import { buildDocumentPack, type DocumentPackInput, type Paper } from '../src/exporters/document-pack/document-pack.ts'
import { treeCpuSeconds, treePssBytes, treeRssBytes } from '../test/process-tree.ts'
import type { BenchResult } from './run.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const MiB = 1024 * 1024

function longTable(rows: number, label: string): string {
  const body = Array.from(
    { length: rows },
    (_, i) =>
      `<tr><td>${label} indicator ${i + 1}</td><td>${(i * 37) % 1000}</td><td>${((i * 13) % 100) / 10}%</td><td>Improving</td></tr>`,
  ).join('')
  return `<h3>${label}</h3><table><thead><tr><th>Indicator</th><th>Value</th><th>Change</th><th>Direction</th></tr></thead><tbody>${body}</tbody></table>`
}

/** The shape of a synthetic pack: its reports, each report's HTML appendices, and the rows of each table. */
export interface PackShape {
  reports: number
  appendices: number
  rows: number
}

/** About 40 pages: five reports of 220 rows, the last with an uploaded two-page appendix. */
export const FORTY_PAGES: PackShape = { reports: 5, appendices: 0, rows: 220 }
/** About 450 pages: thirteen reports of 220 rows, each with four appendices of 220 rows. */
export const FOUR_HUNDRED_FIFTY_PAGES: PackShape = { reports: 13, appendices: 4, rows: 220 }

export async function syntheticInput(shape: PackShape = FORTY_PAGES): Promise<DocumentPackInput> {
  const committee: Committee = {
    id: 1,
    slug: 'bench-panel',
    name: 'Children and Families Scrutiny Panel',
    purpose: 'To undertake the scrutiny of Children and Families Services.',
    termsOfReference: ['Regular scrutiny of performance.'],
    quorum: 3,
    publicInformation: { leadIn: null, sections: [] },
    members: [{ name: 'Taggart', kind: 'councillor', role: 'chair' }],
    contacts: [{ role: 'Democratic Support Officer', name: 'A Officer', phone: null, email: null }],
  }
  const meeting: Meeting = {
    id: 1,
    committeeId: 1,
    date: '2018-06-07',
    startTime: '17:30',
    venue: 'Civic Centre',
    status: 'scheduled',
    notice: null,
  }
  const items = 5 + shape.reports
  const agenda: AgendaItem[] = Array.from({ length: items }, (_, i) => ({
    id: i + 1,
    meetingId: 1,
    position: i + 1,
    kind: i < 5 ? 'apologies' : 'report',
    title: i < 5 ? `Standard item ${i + 1}` : `Report ${i + 1}`,
    description: 'Report of the Service Director, Legal and Governance.',
    pages: null,
  }))
  const upload = await PDFDocument.create()
  const font = await upload.embedFont(StandardFonts.Helvetica)
  upload.addPage([842, 595]).drawText('Scorecard', { x: 50, y: 500, size: 24, font })
  upload.addPage([595, 842]).drawText('Scorecard, continued', { x: 50, y: 700, size: 24, font })
  const papers: Paper[] = [
    ...agenda
      .filter((a) => a.kind === 'report')
      .flatMap((a) => [
        { agendaItemId: a.id, title: a.title, html: longTable(shape.rows, a.title) },
        ...Array.from({ length: shape.appendices }, (_, n) => ({
          agendaItemId: a.id,
          title: `Appendix ${n + 1}: ${a.title} in detail`,
          html: longTable(shape.rows, `${a.title}, appendix ${n + 1}`),
        })),
      ]),
    { agendaItemId: items, title: `Appendix ${shape.appendices + 1}: Scorecard`, pdf: await upload.save() },
  ]
  return {
    committee,
    meeting,
    agenda,
    meetingDates: ['2018-06-07'],
    papers,
    version: { number: 2, publishedAt: '2018-05-31T13:05:00.000Z', note: 'supplement' },
  }
}

/** What the child reports: each build's time and pages, and whether Chromium was started once for them all. */
interface ChildReport {
  /** Each build's wall time, pages and CPU seconds of Node and Chromium together. */
  builds: Array<{ ms: number; pages: number; cpuSeconds: number }>
  launches: number
}

/** In the child: builds the pack `1 + warm` times with one printer and writes the report to stdout. */
async function buildInThisProcess(shape: PackShape, warm: number): Promise<void> {
  const input = await syntheticInput(shape)
  const printer = chromiumPrinter()
  const builds: ChildReport['builds'] = []
  try {
    for (let i = 0; i <= warm; i++) {
      const cpu = treeCpuSeconds(process.pid)
      const start = performance.now()
      const built = await printer.withPage((page) => buildDocumentPack(input, page))
      builds.push({
        ms: performance.now() - start,
        pages: built.pageCount,
        cpuSeconds: treeCpuSeconds(process.pid) - cpu,
      })
    }
  } finally {
    await printer.close()
  }
  process.stdout.write(`${JSON.stringify({ builds, launches: printer.launches } satisfies ChildReport)}\n`)
}

/** Runs the builds in a child process, sampling its tree's memory from here every 50 ms. */
function measureInChild(
  shape: PackShape,
  warm: number,
): Promise<ChildReport & { peakRssBytes: number; peakPssBytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', JSON.stringify(shape), String(warm)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let peakRssBytes = 0
    let peakPssBytes = 0
    let samples = 0
    const sampler = setInterval(() => {
      if (child.pid === undefined) return
      peakRssBytes = Math.max(peakRssBytes, treeRssBytes(child.pid))
      // PSS is slower to read: every fourth sample.
      if (samples++ % 4 === 0) peakPssBytes = Math.max(peakPssBytes, treePssBytes(child.pid) || 0)
    }, 50)
    const out: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      clearInterval(sampler)
      if (code !== 0) return reject(new Error(`The benchmark's child process exited with ${code}`))
      const report = JSON.parse(Buffer.concat(out).toString('utf8').trim().split('\n').at(-1) ?? '{}') as ChildReport
      resolve({ ...report, peakRssBytes, peakPssBytes })
    })
  })
}

function runs(): number {
  const value = Number(process.env.SCRUTINEER_BENCH_PACK_RUNS ?? 3)
  return Number.isInteger(value) && value > 0 ? value : 3
}

async function packBenchmark(
  shape: PackShape,
  expected: { min: number; max: number },
  goals: { ms: number; bytes: number | null },
): Promise<BenchResult> {
  const warm = runs()
  const report = await measureInChild(shape, warm)
  const pages = report.builds[0]?.pages ?? 0
  if (pages < expected.min || pages > expected.max) {
    throw new Error(`The synthetic pack has ${pages} pages, not ${expected.min}–${expected.max}.`)
  }
  const cold = report.builds[0]?.ms ?? Number.NaN
  const warmCpu = report.builds.slice(1).map((b) => b.cpuSeconds.toFixed(1))
  const rssMb = report.peakRssBytes / MiB
  const target = `≤ ${goals.ms / 1000} s warm${goals.bytes === null ? '' : ` and ≤ ${(goals.bytes / 1024 ** 3).toFixed(1)} GB`}`
  return {
    name: `Public Document Pack, ${pages} pages`,
    target,
    targetMs: goals.ms,
    runs: report.builds.slice(1).map((b) => b.ms),
    goals:
      goals.bytes === null ? [] : [{ goal: `≤ ${goals.bytes / MiB} MiB`, met: report.peakRssBytes <= goals.bytes }],
    notes:
      `${shape.reports} reports (${shape.rows}-row tables), ${shape.appendices} HTML appendices each, an uploaded 2-page PDF; ` +
      `one process, one Chromium (started ${report.launches} time${report.launches === 1 ? '' : 's'}); runs are the builds after ` +
      `the first (first, cold: ${cold.toFixed(0)} ms); CPU of Node + Chromium per warm build ${warmCpu.join(', ')} s ` +
      `(on a busy machine this says more than the time); each part printed once, tagged, and merged with pdf-lib; ` +
      `peak memory of Node + Chromium ${rssMb.toFixed(0)} MiB RSS added up (${(report.peakPssBytes / MiB).toFixed(0)} MiB PSS)`,
  }
}

/** About 40 pages, goal ≤ 3 s for a build once Chromium is warm. */
export function documentPackBenchmark(): Promise<BenchResult> {
  return packBenchmark(FORTY_PAGES, { min: 36, max: 46 }, { ms: 3000, bytes: null })
}

/** About 450 pages, goal ≤ 20 s and ≤ 1.2 GB for Node and Chromium together. */
export function largeDocumentPackBenchmark(): Promise<BenchResult> {
  return packBenchmark(FOUR_HUNDRED_FIFTY_PAGES, { min: 400, max: 500 }, { ms: 20_000, bytes: 1.2 * 1024 ** 3 })
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--child') {
    await buildInThisProcess(JSON.parse(process.argv[3] ?? '{}') as PackShape, Number(process.argv[4] ?? 1))
  } else {
    const which = process.argv[2] ?? '40'
    const result = which === '450' ? await largeDocumentPackBenchmark() : await documentPackBenchmark()
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  }
}
