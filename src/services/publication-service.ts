/**
 * Publishing a month's pack: freezes the live pack, the catalogue details it shows and the approved words into
 * a snapshot, stores it as the next version with its SHA-256 hash, marks the words published and records an
 * audit event, all in one transaction. Reads the published versions back for the public pages and exports.
 */
import { londonDateTime } from '../domain/calendar/london-time.ts'
import type { Indicator } from '../domain/catalogue.ts'
import { isPeriod, type Period } from '../domain/period.ts'
import {
  canonicalJson,
  disclosePack,
  type DisclosedPack,
  type PackSnapshot,
  type Publication,
  type PublicationSummary,
} from '../domain/publication.ts'
import { DFE_RULE, type DisclosureRule } from '../domain/statistics/suppression.ts'
import type { DataAccess } from '../store/data-access.ts'
import { sha256, type PublicationCheck } from '../store/publication-repository.ts'
import { packService } from './pack-service.ts'
import type { PublishableContent } from './publishable-content.ts'
import { recordChange } from './change-record.ts'
import { RUN_LENGTH_SETTING, runLengthFrom } from './spc-service.ts'

/** The council setting that holds the disclosure control rule. */
export const DISCLOSURE_RULE_SETTING = 'disclosure-rule'

type PublishOutcome = { ok: true; value: PublicationSummary } | { ok: false; problem: PublishProblem }

export type PublishProblem =
  | { kind: 'no-such-dataset'; datasetId: string; message: string }
  | { kind: 'no-figures'; datasetId: string; period: string; message: string }
  /** Someone else published the month while this publication was being confirmed: nothing more was published. */
  | { kind: 'already-published'; datasetId: string; period: string; version: number; message: string }

/** A month of a dataset that has been published, with its latest version. */
export interface PublishedMonth {
  datasetId: string
  datasetTitle: string
  period: Period
  version: number
}

/** What publishing a month will freeze, for the confirmation page. */
export interface PublishPreview {
  datasetTitle: string
  period: Period
  indicatorCount: number
  approvedCommentaryCount: number
  /** Indicators of the pack with no approved commentary: they will be published without words. */
  withoutApprovedCommentary: Array<{ id: string; title: string }>
  overviewApproved: boolean
  nextVersion: number
  disclosureRule: DisclosureRule
}

/**
 * What decides a month's public pages: the latest version and its hash, the dataset's published months (the pages
 * link them) and the glossary (the words link its terms). Equal states give identical pages.
 */
export interface PublicState {
  version: number
  contentHash: string
  periods: Period[]
  glossaryStamp: string
}

/** The public version of each snapshot, worked out once: snapshots are frozen and never change. */
const disclosedSnapshots = new WeakMap<PackSnapshot, DisclosedPack>()

function readRule(value: unknown): DisclosureRule {
  if (typeof value !== 'object' || value === null) return DFE_RULE
  const { min, max } = value as { min?: unknown; max?: unknown }
  if (typeof min !== 'number' || typeof max !== 'number') return DFE_RULE
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || min > max) return DFE_RULE
  return { min, max, symbol: 'c' }
}

/**
 * How long this process answers the public from the public state it last read: a publication or a glossary change
 * made through another process (another instance, a command) shows within this time; one made through this
 * process shows at once.
 */
export const PUBLIC_STATE_FRESH_MS = 1000

export function publicationService(data: DataAccess, content: PublishableContent, now: () => Date) {
  /** What the public pages were last read to depend on, with when: requests within PUBLIC_STATE_FRESH_MS share a read. */
  const publicStates = new Map<string, { read: Promise<unknown>; at: number }>()
  function fresh<T>(key: string, read: () => Promise<T>): Promise<T> {
    const at = now().getTime()
    const known = publicStates.get(key)
    if (known !== undefined && at - known.at < PUBLIC_STATE_FRESH_MS && at >= known.at) return known.read as Promise<T>
    const reading = read()
    publicStates.set(key, { read: reading, at })
    // A failed read is not kept: the next request tries again.
    reading.catch(() => publicStates.delete(key))
    return reading
  }
  const problemFor = (datasetId: string, period: string, kind: 'no-such-dataset' | 'no-figures'): PublishProblem =>
    kind === 'no-such-dataset'
      ? { kind, datasetId, message: `There is no dataset called "${datasetId}".` }
      : { kind, datasetId, period, message: `There are no figures for ${period} in "${datasetId}": import them first.` }

  const service = {
    /** The disclosure control rule in force: the council's setting, or DfE's convention (1 to 5 as `c`). */
    async disclosureRule(): Promise<DisclosureRule> {
      return readRule(await data.settings.get(DISCLOSURE_RULE_SETTING))
    },

    /** Changes the disclosure rule for future publications (existing ones keep the rule they were published with). */
    async setDisclosureRule(
      rule: { min: number; max: number },
      actor: string,
    ): Promise<{ ok: true; value: DisclosureRule } | { ok: false; problem: string }> {
      if (!Number.isInteger(rule.min) || !Number.isInteger(rule.max) || rule.min < 1 || rule.min > rule.max) {
        return { ok: false, problem: 'The suppression range must be whole numbers, from 1 upwards, lowest first.' }
      }
      const next: DisclosureRule = { min: rule.min, max: rule.max, symbol: 'c' }
      await data.transaction(async (repos) => {
        const before = readRule(await repos.settings.get(DISCLOSURE_RULE_SETTING))
        await repos.settings.set(DISCLOSURE_RULE_SETTING, next, actor)
        await recordChange(
          repos.audit,
          { actor },
          'settings.disclosure-rule',
          { type: 'settings', id: DISCLOSURE_RULE_SETTING },
          { before, after: next },
        )
      })
      return { ok: true, value: next }
    },

    /** What publishing the month would freeze now, or a problem when it cannot be published. */
    async preview(
      datasetId: string,
      period: Period,
    ): Promise<{ ok: true; value: PublishPreview } | { ok: false; problem: PublishProblem }> {
      const built = await packService(data).getPack(datasetId, period)
      if (!built.ok) return { ok: false, problem: problemFor(datasetId, period, built.problem.kind) }
      const approved = await content.approvedContent(data, datasetId, period)
      const withWords = new Set(approved.commentary.map((c) => c.indicatorId))
      return {
        ok: true,
        value: {
          datasetTitle: built.value.dataset.title,
          period,
          indicatorCount: built.value.pack.indicators.length,
          approvedCommentaryCount: approved.commentary.length,
          withoutApprovedCommentary: built.value.pack.indicators
            .filter((row) => !withWords.has(row.id))
            .map((row) => ({ id: row.id, title: row.title })),
          overviewApproved: approved.overview !== null,
          nextVersion: (await data.publications.latestVersion(datasetId, period)) + 1,
          disclosureRule: await service.disclosureRule(),
        },
      }
    },

    /**
     * Publishes the month as the next version: builds the live pack, reads the approved words, stores the
     * snapshot and its hash, marks the words published and records an audit event, in one transaction.
     * Refuses a dataset that does not exist or a month with no figures. Publications take turns (a lock held until
     * commit), so simultaneous ones become consecutive versions; with `expectedVersion` (the version the officer
     * was shown) one that finds that version already published by someone else is refused, saying so.
     */
    async publish(
      datasetId: string,
      period: Period,
      actor: string,
      context: { correlationId?: string | null; expectedVersion?: number } = {},
    ): Promise<PublishOutcome> {
      if (!isPeriod(period)) return { ok: false, problem: problemFor(datasetId, period, 'no-figures') }
      const published = await data.transaction<PublishOutcome>(async (repos) => {
        await repos.publications.lock()
        if (context.expectedVersion !== undefined) {
          const latest = await repos.publications.find(datasetId, period)
          if (latest !== null && latest.version >= context.expectedVersion) {
            return {
              ok: false,
              problem: {
                kind: 'already-published',
                datasetId,
                period,
                version: latest.version,
                message:
                  `Version ${latest.version} of this month was published by ${latest.publishedBy} on ` +
                  `${londonDateTime(latest.publishedAt)} while you were confirming, so nothing more was published. ` +
                  'Check the published pack; publish again only if it needs a new version.',
              },
            }
          }
        }
        const built = await packService(repos).getPack(datasetId, period)
        if (!built.ok) return { ok: false, problem: problemFor(datasetId, period, built.problem.kind) }
        const { pack, dataset, catalogue } = built.value
        const approved = await content.approvedContent(repos, datasetId, period)
        const publishedAt = now().toISOString()
        const shown = new Set(pack.indicators.map((row) => row.id))
        const snapshot: PackSnapshot = {
          format: 1,
          datasetId: dataset.id,
          datasetTitle: dataset.title,
          period,
          publishedBy: actor,
          publishedAt,
          pack,
          catalogue: [...catalogue.values()]
            .filter((indicator: Indicator) => shown.has(indicator.id))
            .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
          commentary: approved.commentary
            .filter((c) => shown.has(c.indicatorId))
            .map((c) => ({
              indicatorId: c.indicatorId,
              text: c.text,
              author: c.author,
              approvedBy: c.approvedBy,
              approvedAt: c.approvedAt,
            })),
          overview:
            approved.overview === null
              ? null
              : {
                  sections: approved.overview.sections.map((s) => ({ title: s.title, text: s.text })),
                  author: approved.overview.author,
                  approvedBy: approved.overview.approvedBy,
                  approvedAt: approved.overview.approvedAt,
                },
          disclosureRule: readRule(await repos.settings.get(DISCLOSURE_RULE_SETTING)),
          spc: {
            runLength: runLengthFrom(await repos.settings.get(RUN_LENGTH_SETTING)),
            processChanges: (await repos.processChanges.listFor([...shown].sort())).sort((a, b) =>
              a.indicatorId < b.indicatorId ? -1 : a.indicatorId > b.indicatorId ? 1 : a.period < b.period ? -1 : 1,
            ),
          },
        }
        const snapshotJson = canonicalJson(snapshot)
        const summary: PublicationSummary = {
          datasetId: dataset.id,
          period,
          version: (await repos.publications.latestVersion(dataset.id, period)) + 1,
          publishedBy: actor,
          publishedAt,
          contentHash: sha256(snapshotJson),
        }
        await repos.publications.insert({ ...summary, snapshotJson })
        // Checked once here, where it was written, rather than on every read (reads trust the hash; `publications
        // verify` rehashes them all).
        const stored = await repos.publications.snapshotText(summary)
        if (stored === null || sha256(stored) !== summary.contentHash) {
          throw new Error(
            `The database did not store the snapshot of ${dataset.id} ${period} exactly as written, so nothing was published.`,
          )
        }
        await content.markPublished(repos, dataset.id, period, actor, publishedAt)
        await recordChange(
          repos.audit,
          { actor, correlationId: context.correlationId ?? null },
          'pack.publish',
          { type: 'pack', id: `${dataset.id}/${period}` },
          {
            version: summary.version,
            contentHash: summary.contentHash,
            previousVersion: summary.version > 1 ? summary.version - 1 : null,
            commentary: snapshot.commentary.length,
            overview: snapshot.overview !== null,
          },
        )
        return { ok: true, value: summary }
      })
      // After the commit: forgotten earlier, a request meanwhile could read the old state again and keep it.
      if (published.ok) publicStates.clear()
      return published
    },

    /** The latest published version of the month (or the given version), or null when it was never published. */
    async publishedPack(datasetId: string, period: Period, version: number | null = null): Promise<Publication | null> {
      if (!isPeriod(period)) return null
      return data.publications.find(datasetId, period, version)
    },

    /** The public version of a published snapshot (disclosure control by the rule frozen with it). */
    disclosed(snapshot: PackSnapshot): DisclosedPack {
      let disclosed = disclosedSnapshots.get(snapshot)
      if (disclosed === undefined) {
        const catalogue = new Map(snapshot.catalogue.map((indicator) => [indicator.id, indicator]))
        disclosed = disclosePack(snapshot.pack, catalogue, snapshot.disclosureRule)
        disclosedSnapshots.set(snapshot, disclosed)
      }
      return disclosed
    },

    /**
     * What decides the month's public pages; null when it was never published. Read from the database (two small
     * reads) at most once every PUBLIC_STATE_FRESH_MS per month, so a busy public page costs no database work;
     * forgotten at once when this process publishes or changes the glossary.
     */
    async publicState(datasetId: string, period: Period): Promise<PublicState | null> {
      if (!isPeriod(period)) return null
      return fresh(`month\n${datasetId}\n${period}`, async () => {
        const [state, glossaryStamp] = await Promise.all([
          data.publications.publicState(datasetId, period),
          data.glossary.stamp(),
        ])
        return state === null ? null : { ...state, glossaryStamp }
      })
    },

    /**
     * The published version the public indicator page shows (service.latestPublicationOf) and the glossary's stamp,
     * read at most once every PUBLIC_STATE_FRESH_MS per indicator, like publicState.
     */
    async publicIndicator(indicatorId: string): Promise<{ publication: Publication; glossaryStamp: string } | null> {
      return fresh(`indicator\n${indicatorId}`, async () => {
        const [publication, glossaryStamp] = await Promise.all([
          service.latestPublicationOf(indicatorId),
          data.glossary.stamp(),
        ])
        return publication === null ? null : { publication, glossaryStamp }
      })
    },

    /** Forgets every public state read, so the next request reads it again (after a glossary change). */
    forgetPublicState(): void {
      publicStates.clear()
    },

    /** Every stored version rehashed: for `scrutineer publications verify`. */
    async verify(): Promise<PublicationCheck[]> {
      return data.publications.check()
    },

    /** The months of a dataset that have been published, oldest first. */
    async publishedPeriods(datasetId: string): Promise<Period[]> {
      return data.publications.periods(datasetId)
    },

    /**
     * Every published month of every dataset, with the dataset's title and the month's latest version: the
     * datasets in the catalogue's order (any no longer in it last, by ID), each month newest first. For choosing
     * a published month, as a report's appendix.
     */
    async publishedMonths(): Promise<PublishedMonth[]> {
      const [months, datasets] = await Promise.all([data.publications.latestVersions(), data.catalogue.findDatasets()])
      const order = new Map(datasets.map((d, i) => [d.id, { position: i, title: d.title }]))
      return months
        .map((m) => ({ ...m, datasetTitle: order.get(m.datasetId)?.title ?? m.datasetId }))
        .sort(
          (a, b) =>
            (order.get(a.datasetId)?.position ?? order.size) - (order.get(b.datasetId)?.position ?? order.size) ||
            a.datasetId.localeCompare(b.datasetId) ||
            b.period.localeCompare(a.period),
        )
    },

    /** Every published version of a dataset (or of one of its months), newest first. */
    async history(datasetId: string, period: Period | null = null): Promise<PublicationSummary[]> {
      return data.publications.list(datasetId, period)
    },

    /**
     * The newest published snapshot holding an indicator (latest month, latest version, across datasets), for the
     * public indicator page; null when no published pack holds it.
     */
    async latestPublicationOf(indicatorId: string): Promise<Publication | null> {
      const holding = (await data.catalogue.findDatasets())
        .filter((dataset) => dataset.indicatorIds.includes(indicatorId))
        .map((dataset) => dataset.id)
      const latest = await data.publications.latestPeriods(holding)
      // Newest month first, datasets in the catalogue's order within a month; the first that holds it is shown.
      const order = (id: string) => holding.indexOf(id)
      latest.sort((a, b) => b.period.localeCompare(a.period) || order(a.datasetId) - order(b.datasetId))
      for (const { datasetId, period } of latest) {
        const publication = await data.publications.find(datasetId, period)
        if (publication?.snapshot.pack.indicators.some((row) => row.id === indicatorId)) return publication
      }
      return null
    },
  }
  return service
}

export type PublicationService = ReturnType<typeof publicationService>
