/**
 * The month's cycle at a glance: for one month of one dataset, gathers what the officers preparing the pack check
 * each morning — the figures loaded, the Annex A data-quality problems, the commentary by indicator owner, the
 * overview, the publication (and the figures revised since) and the meeting the month goes to with the date its
 * papers are due. It only reads; the rules are in src/domain/month-cycle.ts, the clear-days rule is the document
 * pack's (src/domain/scrutiny/notice.ts) and "revised since publication" is the pack page's
 * (src/domain/publication.ts).
 */
import { londonDate } from '../domain/calendar/london-time.ts'
import type { IsoDate } from '../domain/calendar/days.ts'
import type { Dataset, Unit } from '../domain/catalogue.ts'
import type { PerformanceOverview } from '../domain/commentary-workflow.ts'
import {
  countProgress,
  monthMeeting,
  progressByOwner,
  progressOf,
  type CarryingItem,
  type MonthMeeting,
  type OwnerProgress,
  type Progress,
  type ProgressCounts,
} from '../domain/month-cycle.ts'
import type { Period } from '../domain/period.ts'
import { revisedSincePublication, type RevisedFigure } from '../domain/publication.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import { latestPublicationDate } from '../domain/scrutiny/notice.ts'
import type { Committee } from '../domain/scrutiny/committee.ts'
import type { DataAccess } from '../store/data-access.ts'
import type { PublishedPack } from '../store/document-pack-repository.ts'
import type { CalendarService } from './calendar-service.ts'
import type { PackService } from './pack-service.ts'

/** A council loads about one return a month: the latest 120 imports reach ten years back. */
const ANNEX_A_IMPORTS_LOOKED_AT = 120

export interface CycleIndicator {
  id: string
  code: string
  title: string
  unit: Unit
}

/** An Annex A import whose months include this one. */
export interface CoveringImport {
  id: number
  sourceFile: string
  importedAt: string
  importedBy: string
  months: Period[]
  errors: number
  warnings: number
  /** When its child-level records were deleted (its figures and counts stay), or null. */
  removedAt: string | null
}

export interface MonthCycle {
  dataset: Dataset
  period: Period
  /** Today in London, from the service's clock. */
  today: IsoDate
  figures: {
    /** The dataset's indicators in pack order. */
    indicators: CycleIndicator[]
    /** Those with no figure for the month. */
    missing: CycleIndicator[]
  }
  annexA: {
    /** How many of the dataset's indicators the catalogue links to an Annex A measure. */
    linkedIndicators: number
    /** The imports covering the month, newest first: the first is the one the figures last came from. */
    imports: CoveringImport[]
  }
  commentary: {
    owners: OwnerProgress[]
    totals: ProgressCounts
  }
  overview: { progress: Progress; record: PerformanceOverview | null }
  publication: {
    latest: {
      version: number
      publishedAt: string
      publishedBy: string
      contentHash: string
      intact: boolean
    } | null
    /** The figures of the live pack that differ from the latest published version, with their indicator. */
    revised: Array<RevisedFigure & { indicator: CycleIndicator }>
  }
  meeting: {
    choice: MonthMeeting
    committee: Pick<Committee, 'id' | 'name'> | null
    /** The last working day its papers can be published with five clear days' notice. */
    papersDueBy: IsoDate
    /** Its latest published Public Document Pack, or null. */
    documentPack: Pick<PublishedPack, 'version' | 'publishedAt' | 'clearDays'> | null
  } | null
}

export interface MonthCycleProblem {
  kind: 'no-such-dataset'
  message: string
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

function whole(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

export function monthCycleService(
  data: DataAccess,
  deps: { packs: PackService; calendar: CalendarService; now: () => Date },
) {
  async function coveringImports(period: Period): Promise<CoveringImport[]> {
    const imports = await data.imports.list({ kind: 'annex-a', limit: ANNEX_A_IMPORTS_LOOKED_AT })
    return imports.flatMap((record) => {
      const months = stringList(record.summary.months)
      if (!months.includes(period)) return []
      return [
        {
          id: record.id,
          sourceFile: record.sourceFile,
          importedAt: record.importedAt,
          importedBy: record.importedBy,
          months,
          errors: whole(record.summary.errors),
          warnings: whole(record.summary.warnings),
          removedAt: record.removedAt,
        },
      ]
    })
  }

  async function meetingFor(datasetId: string, period: Period, today: IsoDate): Promise<MonthCycle['meeting']> {
    const items = await data.reports.itemsCarryingMonth(datasetId, period)
    const carrying: CarryingItem[] = []
    for (const item of items) {
      const meeting = await data.meetings.findMeeting(item.meetingId)
      if (meeting !== null) carrying.push({ meeting, position: item.position, title: item.title })
    }
    // Needed only when no agenda carries the month (or only cancelled meetings' do); one query either way.
    const upcoming = await data.meetings.findMeetings({ from: today })
    const choice = monthMeeting(period, today, carrying, upcoming)
    if (choice === null) return null
    const [committee, documentPack, calendar] = await Promise.all([
      data.meetings.findCommittee(choice.meeting.committeeId),
      data.documentPacks.latest(choice.meeting.id),
      deps.calendar.calendar(),
    ])
    return {
      choice,
      committee: committee === null ? null : { id: committee.id, name: committee.name },
      papersDueBy: latestPublicationDate(choice.meeting.date, calendar),
      documentPack:
        documentPack === null
          ? null
          : {
              version: documentPack.version,
              publishedAt: documentPack.publishedAt,
              clearDays: documentPack.clearDays,
            },
    }
  }

  return {
    /** Everything the month's cycle page shows, or a problem when there is no such dataset. */
    async monthCycle(datasetId: string, period: Period): Promise<Result<MonthCycle, MonthCycleProblem>> {
      const dataset = await data.catalogue.findDataset(datasetId)
      if (dataset === null) {
        return failed([{ kind: 'no-such-dataset', message: `There is no dataset called "${datasetId}".` }])
      }
      const today = londonDate(deps.now().toISOString())
      const catalogue = new Map((await data.catalogue.findIndicators(dataset.indicatorIds)).map((i) => [i.id, i]))
      // A month with no figures yet has no pack: its indicators all lack a figure, and nothing can be revised.
      const built = await deps.packs.getPack(dataset.id, period)
      const pack = built.ok ? built.value.pack : null
      const indicators: CycleIndicator[] = dataset.indicatorIds.flatMap((id) => {
        const indicator = catalogue.get(id)
        return indicator === undefined
          ? []
          : [{ id, code: indicator.code, title: indicator.title, unit: indicator.unit }]
      })
      const withFigure = new Set(
        (pack?.indicators ?? [])
          .filter((row) => row.values.some((v) => v.period === period && v.value !== null))
          .map((row) => row.id),
      )

      const [imports, written, overview, latest, meeting, ownerships] = await Promise.all([
        coveringImports(period),
        data.commentary.listCommentary(dataset.id, period),
        data.commentary.findOverview(dataset.id, period),
        data.publications.find(dataset.id, period),
        meetingFor(dataset.id, period, today),
        data.catalogue.findOwnerships(indicators.map((i) => i.id)),
      ])
      const accounts = new Map(ownerships.map((o) => [o.indicatorId, o.account]))

      const commentary = new Map(written.map((c) => [c.indicatorId, c]))
      const lines = indicators.map((indicator) => ({
        indicatorId: indicator.id,
        owner: catalogue.get(indicator.id)?.owner ?? '',
        account: accounts.get(indicator.id) ?? null,
        progress: progressOf(commentary.get(indicator.id) ?? null),
      }))
      const byId = new Map(indicators.map((i) => [i.id, i]))
      const revised =
        latest === null || pack === null
          ? []
          : [...revisedSincePublication(pack, latest.snapshot.pack).values()].flatMap((figure) => {
              const indicator = byId.get(figure.indicatorId)
              return indicator === undefined ? [] : [{ ...figure, indicator }]
            })

      return ok({
        dataset,
        period,
        today,
        figures: { indicators, missing: indicators.filter((i) => !withFigure.has(i.id)) },
        annexA: {
          linkedIndicators: indicators.filter((i) => (catalogue.get(i.id)?.measure ?? null) !== null).length,
          imports,
        },
        commentary: { owners: progressByOwner(lines), totals: countProgress(lines.map((l) => l.progress)) },
        overview: { progress: progressOf(overview), record: overview },
        publication: {
          latest:
            latest === null
              ? null
              : {
                  version: latest.version,
                  publishedAt: latest.publishedAt,
                  publishedBy: latest.publishedBy,
                  contentHash: latest.contentHash,
                  intact: latest.intact,
                },
          revised,
        },
        meeting,
      })
    },
  }
}

export type MonthCycleService = ReturnType<typeof monthCycleService>
