/**
 * The demo council's monthly history: April 2018 as the council published it, May and June 2018 loaded as a
 * council loads a month, an Early Help Dataset, words that quote only their own month's figures, and the 7 June
 * 2018 meeting's Public Document Pack.
 */
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import { readFiguresFile } from '../importers/figures.ts'
import { chromiumPath } from '../exporters/document-pack/chromium-printer.ts'
import type { Pack } from '../domain/pack.ts'
import { addMonths } from '../domain/period.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import {
  DEMO_DIRECTOR,
  DEMO_OVERVIEW_FILE,
  DEMO_WORDS,
  longMonth,
  overviewSections,
  shortMonth,
} from './demo-commentary.ts'
import { DEMO_EARLY_HELP_DATASET, DEMO_LATER_MONTHS } from './demo-months.ts'
import { DEMO_FIGURES_FILE, DEMO_PACK_MEETING, type DemoSummary } from './demo-service.ts'
import { services as buildServices, type Services } from './index.ts'

const MAX = 20 * 1024 * 1024
const CHROMIUM_MISSING = existsSync(chromiumPath())
  ? false
  : `Chromium is not installed at ${chromiumPath()} (sudo apt-get install chromium), so no pack can be printed`

/** The April 2018 dataset as published: indicator id → its 13 monthly figures (blank months left out). */
async function publishedSeries(): Promise<Map<string, number[]>> {
  const read = await readFiguresFile(DEMO_FIGURES_FILE, { maxBytes: MAX })
  assert.ok(read.ok)
  const series = new Map<string, number[]>()
  for (const o of read.value.observations) {
    if (o.value !== null) series.set(o.indicatorId, [...(series.get(o.indicatorId) ?? []), o.value])
  }
  return series
}

/**
 * The numbers a text quotes as figures. A number that is part of a name or a standard is not a figure: "S47",
 * "T4" and "24hrs" (a letter touches it) and "15 working days".
 */
function quotedNumbers(text: string): number[] {
  const figuresOnly = text.replace(/\b\d+ working days\b/g, '')
  return [...figuresOnly.matchAll(/(?<![\w.])\d+(?:\.\d+)?(?!\w)/g)].map((m) => Number(m[0]))
}

const MONTH_WORDS =
  /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Aug|Sept|Oct|Nov|Dec)\b/g

/** The months a text names, as written. */
function monthsNamed(text: string): string[] {
  return [...text.matchAll(MONTH_WORDS)].map((m) => m[0])
}

/** The whole-number figures of the month and the month before, of the given indicators of a pack. */
function figuresOf(pack: Pack, ids: readonly string[] | null): Set<number> {
  const figures = new Set<number>()
  for (const row of pack.indicators) {
    if (ids !== null && !ids.includes(row.id)) continue
    for (const value of row.values.slice(-2)) if (value.value !== null) figures.add(Math.round(value.value))
  }
  return figures
}

/** Checks every number and month a text quotes against its month's pack; returns how many numbers it quoted. */
function assertQuotesItsMonth(text: string, pack: Pack, ids: readonly string[] | null, where: string): number {
  const allowed = figuresOf(pack, ids)
  const numbers = quotedNumbers(text)
  for (const n of numbers) {
    assert.ok(
      allowed.has(n),
      `${where} quotes ${n}, which is not a ${pack.period} figure of ${ids?.join(', ') ?? 'its pack'}: "${text}"`,
    )
  }
  const named = new Set([
    longMonth(pack.period),
    shortMonth(pack.period),
    longMonth(addMonths(pack.period, -1)),
    shortMonth(addMonths(pack.period, -1)),
  ])
  for (const month of monthsNamed(text)) assert.ok(named.has(month), `${where} names ${month}: "${text}"`)
  return numbers.length
}

for (const target of storeTargets()) {
  describe(`the demo council on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let loaded: DemoSummary | null

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(store, { maxImportBytes: MAX, councilName: 'Test council' })
      loaded = await services.demo.loadIfEmpty()
    })
    after(async () => {
      // Printing the meeting's pack started the services' Chromium, kept warm for the next print.
      await services?.printer.close()
      await store?.close()
    })

    it('loads April 2018 as published and May and June 2018 for every indicator April has, at April’s scale', async () => {
      assert.ok(loaded)
      assert.deepEqual(loaded.warnings, CHROMIUM_MISSING === false ? [] : loaded.warnings)
      const published = await publishedSeries()
      const april = await services.packs.getPack('monthly', '2018-04')
      assert.ok(april.ok)
      for (const month of DEMO_LATER_MONTHS) {
        const result = await services.packs.getPack('monthly', month)
        assert.ok(result.ok, `the monthly pack has ${month}`)
        for (const row of result.value.pack.indicators) {
          const series = published.get(row.id) ?? []
          const aprilValue = april.value.pack.indicators.find((i) => i.id === row.id)?.values.at(-1)?.value ?? null
          if (aprilValue === null) continue
          const value = row.values.at(-1)?.value ?? null
          assert.ok(value !== null, `${row.id} has a figure for ${month}`)
          // Plausible beside the published year: within a quarter of its lowest and highest month (percentages
          // within ten points), never a different order of magnitude.
          const low = Math.min(...series)
          const high = Math.max(...series)
          const [from, to] =
            row.unit === 'percentage'
              ? [low - 10, Math.min(100, high + 10)]
              : [low * 0.75, Math.max(high * 1.25, high + 3)]
          assert.ok(value >= from && value <= to, `${row.id} ${month}: ${value} is not near ${low}–${high}`)
        }
      }
    })

    it('computes the May and June figures of linked indicators from that month’s Annex A return, and keeps April as published', async () => {
      const imports = await services.annexA.listImports()
      assert.deepEqual(imports.map((i) => i.sourceFile).sort(), [
        'annex-a-2018-05-synthetic',
        'annex-a-2018-06-synthetic',
      ])
      const cpp = await services.packs.getIndicator('cpp-count')
      const figures = new Map(cpp?.history.map((o) => [o.period, o.value]))
      assert.equal(figures.get('2018-04'), 325, 'April is the published figure')
      // A return writes only its own month: no April revision, and May is May's return's, not June's.
      assert.deepEqual(cpp?.revisions, [])
      assert.match(cpp?.sourceNote ?? '', /Annex A/)
      for (const month of DEMO_LATER_MONTHS) {
        const quality = await services.annexA.dataQuality(imports.find((i) => i.sourceFile.includes(month))?.id ?? 0, {
          actor: 'cli:test',
        })
        assert.ok(quality, `the ${month} return has a data-quality report`)
      }
      // Typed by hand and computed from the return, yet consistent: the plans are a share of the children looked after.
      for (const month of DEMO_LATER_MONTHS) {
        const pack = await services.packs.getPack('monthly', month)
        assert.ok(pack.ok)
        const value = (id: string) => pack.value.pack.indicators.find((i) => i.id === id)?.values.at(-1)?.value ?? NaN
        assert.ok(Math.abs((100 * value('lac-plan-count')) / value('lac-count') - value('lac-plan')) < 0.1, month)
      }
    })

    it('carries an Early Help Dataset to June 2018, published for April and May, sharing UHAs started with the monthly dataset', async () => {
      const datasets = await services.packs.listDatasets()
      const earlyHelp = datasets.find((d) => d.dataset.id === DEMO_EARLY_HELP_DATASET.id)
      assert.equal(earlyHelp?.dataset.title, 'Early Help Dataset')
      assert.deepEqual(earlyHelp.dataset.indicatorIds, ['uha-started', 'uhp-opened'])
      assert.equal(earlyHelp.periods.at(-1), '2018-06')
      assert.deepEqual(await services.publications.publishedPeriods(DEMO_EARLY_HELP_DATASET.id), ['2018-04', '2018-05'])
      const may = await services.publications.publishedPack(DEMO_EARLY_HELP_DATASET.id, '2018-05')
      const uhp = may?.snapshot.pack.indicators.find((i) => i.id === 'uhp-opened')
      assert.deepEqual(
        uhp?.values.slice(-3).map((v) => v.value),
        [79, 80, 86],
      )
      // One indicator in two datasets: one series of figures, the same in both packs.
      const monthly = await services.packs.getPack('monthly', '2018-06')
      const early = await services.packs.getPack(DEMO_EARLY_HELP_DATASET.id, '2018-06')
      assert.ok(monthly.ok && early.ok)
      const series = (pack: Pack) => pack.indicators.find((i) => i.id === 'uha-started')?.values.map((v) => v.value)
      assert.deepEqual(series(monthly.value.pack), series(early.value.pack))
      assert.deepEqual(series(early.value.pack)?.slice(-3), [21, 29, 26])
      const uha = await services.packs.getIndicator('uha-started')
      assert.deepEqual(uha?.revisions, [], 'the Early Help file repeats the published months unchanged')
      assert.deepEqual(uha?.datasets.map((d) => d.id).sort(), ['early-help', 'monthly'])
    })

    it('publishes April and May 2018; June is the month in progress, its words at every stage', async () => {
      assert.deepEqual(await services.publications.publishedPeriods('monthly'), ['2018-04', '2018-05'])
      const data = dataAccess(store)
      const june = DEMO_WORDS.find((w) => w.period === '2018-06')
      assert.equal((await data.commentary.findOverview('monthly', '2018-06'))?.status, 'draft')
      const stored = await data.commentary.listCommentary('monthly', '2018-06')
      assert.deepEqual(
        Object.fromEntries(stored.map((c) => [c.indicatorId, c.returnedBy === null ? c.status : 'returned'])),
        june?.commentary,
      )
      assert.match(stored.find((c) => c.indicatorId === 'cp-visits-15wd')?.returnReason ?? '', /SW teams/)
    })

    it('quotes in each month’s overview and commentary only that month’s figures (or the month before’s)', async () => {
      const data = dataAccess(store)
      for (const { period } of DEMO_WORDS) {
        const publication = await services.publications.publishedPack('monthly', period)
        let pack: Pack
        let overview: string[]
        let commentary: Array<{ indicatorId: string; text: string }>
        if (publication === null) {
          const live = await services.packs.getPack('monthly', period)
          assert.ok(live.ok)
          pack = live.value.pack
          overview = (await data.commentary.findOverview('monthly', period))?.sections.map((s) => s.text) ?? []
          commentary = await data.commentary.listCommentary('monthly', period)
        } else {
          pack = publication.snapshot.pack
          overview = publication.snapshot.overview?.sections.map((s) => s.text) ?? []
          commentary = publication.snapshot.commentary
        }
        assert.equal(overview.length, 3, `${period} has an overview`)
        let quoted = 0
        for (const text of overview) quoted += assertQuotesItsMonth(text, pack, null, `The ${period} overview`)
        assert.ok(quoted >= 20, `the ${period} overview quotes its figures (${quoted})`)
        assert.ok(commentary.length >= 5, `${period} has commentary`)
        for (const c of commentary) {
          const own = [c.indicatorId]
          assert.ok(assertQuotesItsMonth(c.text, pack, own, `${period} commentary on ${c.indicatorId}`) >= 2)
        }
      }
      // What the demo showed against April 2018 before: the council's August 2019 overview ("CP Plans … 456").
      const april = await services.publications.publishedPack('monthly', '2018-04')
      assert.ok(april)
      const august2019 = overviewSections(readFileSync(DEMO_OVERVIEW_FILE, 'utf8'), DEMO_DIRECTOR)
      assert.throws(
        () => august2019.forEach((s) => assertQuotesItsMonth(s.text, april.snapshot.pack, null, 'August 2019')),
        /quotes 1337, which is not a 2018-04 figure/,
      )
    })

    it(
      'publishes the 7 June 2018 meeting’s Public Document Pack, with five clear days’ notice',
      { skip: CHROMIUM_MISSING },
      async () => {
        const [meeting] = await dataAccess(store).meetings.findMeetings({
          from: DEMO_PACK_MEETING.date,
          to: DEMO_PACK_MEETING.date,
        })
        assert.ok(meeting)
        const status = await services.documentPacks.latest(meeting.id)
        assert.equal(status?.pack.version, 1)
        assert.equal(status.pack.publishedAt, DEMO_PACK_MEETING.publishedAt)
        assert.equal(status.warning, null)
        assert.ok(status.pack.pageCount > 10)
        const pdf = await services.documentPacks.latestPdf(meeting.id)
        assert.equal(new TextDecoder().decode(pdf?.pdf.slice(0, 5)), '%PDF-')
      },
    )
  })
}

describe('the demo council without Chromium', () => {
  let store: Store
  const path = process.env.CHROMIUM_PATH

  before(async () => {
    process.env.CHROMIUM_PATH = '/nowhere/chromium'
    store = (await storeTargets()[0]?.open?.()) as Store
  })
  after(async () => {
    if (path === undefined) delete process.env.CHROMIUM_PATH
    else process.env.CHROMIUM_PATH = path
    await store.close()
  })

  it('starts without the meeting’s pack and says how to install Chromium and publish it', async () => {
    const services = buildServices(store, { maxImportBytes: MAX, councilName: 'Test council' })
    const loaded = await services.demo.loadIfEmpty()
    assert.equal(loaded?.warnings.length, 1)
    assert.match(loaded.warnings[0] ?? '', /sudo apt-get install chromium/)
    assert.match(loaded.warnings[0] ?? '', /npx scrutineer document-pack --meeting \d+ --publish --out pack\.pdf/)
    const [meeting] = await dataAccess(store).meetings.findMeetings({ from: '2018-06-07', to: '2018-06-07' })
    assert.equal(await services.documentPacks.latest(meeting?.id ?? 0), null)
    // Everything else is there.
    assert.deepEqual(await services.publications.publishedPeriods('monthly'), ['2018-04', '2018-05'])
  })
})

describe('quotedNumbers', () => {
  it('finds the figures a text quotes, not the numbers inside names and standards', () => {
    assert.deepEqual(
      quotedNumbers(
        'CP investigation work (S47) has reduced (Apr 96 from Mar 103); 87% seen in 15 working days, 67% within 24hrs, T4 fostering.',
      ),
      [96, 103, 87, 67],
    )
    assert.deepEqual(quotedNumbers('Contacts have reduced (Aug 1337 from July 1861).'), [1337, 1861])
  })
})
