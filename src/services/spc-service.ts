/**
 * Statistical process control: the process changes officers record on an indicator's XmR chart, and the council's
 * run length (6 or 7 points, Making Data Count's setting). Each change is written with its audit event in one
 * transaction. The charts and icons themselves are worked out by `domain/statistics/spc.ts` where they are shown.
 */
import type { Period } from '../domain/period.ts'
import type { PackSnapshot } from '../domain/publication.ts'
import {
  processChangeFrom,
  processChangesByIndicator,
  type ProcessChange,
  type ProcessChangeInput,
  type ProcessChangeProblem,
} from '../domain/statistics/process-changes.ts'
import { DEFAULT_RUN_LENGTH, isRunLength, type RunLength } from '../domain/statistics/spc.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import type { DataAccess } from '../store/data-access.ts'
import { recordChange, type ChangeContext } from './change-record.ts'

/** The council setting holding the run length. */
export const RUN_LENGTH_SETTING = 'spc-run-length'

/** The run length a stored setting holds: 6 or 7, the default (7) when unset or not one of those. */
export function runLengthFrom(stored: unknown): RunLength {
  return typeof stored === 'number' && isRunLength(stored) ? stored : DEFAULT_RUN_LENGTH
}

/** Why a process change was not recorded or removed. */
export type SpcProblem =
  ProcessChangeProblem | { field: 'indicator'; message: string } | { field: 'runLength'; message: string }

export function spcService(data: DataAccess, options: { now: () => Date; onChange?: () => void }) {
  // Kept pages that draw charts (the public indicator page) carry this in their key, so a change made here shows at
  // once in this process; another instance shows it when its kept page is next made.
  let stamp = 0
  const changed = <T>(result: T): T => {
    stamp += 1
    options.onChange?.()
    return result
  }

  return {
    /** Changes on every chart since this process started: part of the key of pages kept with a chart on them. */
    stamp(): number {
      return stamp
    },

    /** An indicator's process changes, oldest month first. */
    processChanges(indicatorId: string): Promise<ProcessChange[]> {
      return data.processChanges.list(indicatorId)
    },

    /** The process changes of many indicators, by indicator. */
    async processChangesFor(indicatorIds: readonly string[]): Promise<Map<string, ProcessChange[]>> {
      return processChangesByIndicator(await data.processChanges.listFor(indicatorIds))
    },

    /**
     * The SPC settings a published version is shown with: those frozen with it at publication, so that its pages
     * and its printed pack draw the same charts whatever is recorded later; for a version published before they
     * were kept, today's.
     */
    async publishedSettings(
      snapshot: PackSnapshot,
      indicatorIds: readonly string[],
    ): Promise<{ runLength: RunLength; processChanges: Map<string, ProcessChange[]> }> {
      if (snapshot.spc !== undefined) {
        const wanted = new Set(indicatorIds)
        return {
          runLength: snapshot.spc.runLength,
          processChanges: processChangesByIndicator(
            snapshot.spc.processChanges.filter((change) => wanted.has(change.indicatorId)),
          ),
        }
      }
      return this.settingsNow(indicatorIds)
    },

    /** The run length and the indicators' process changes as the council has them now (the live pack's). */
    async settingsNow(
      indicatorIds: readonly string[],
    ): Promise<{ runLength: RunLength; processChanges: Map<string, ProcessChange[]> }> {
      const [runLength, processChanges] = await Promise.all([this.runLength(), this.processChangesFor(indicatorIds)])
      return { runLength, processChanges }
    },

    /**
     * Records that the indicator's process changed from a month, for a reason. Refuses (changing nothing) an unknown
     * indicator, a malformed month, an empty or over-long reason, and a month that already has a change.
     * `recordedBy` is the name shown beside it (the audit log keeps the context's actor); the actor unless given.
     * @example await spc.addProcessChange('cp-repeat', { month: '2018-01', reason: 'New MASH' }, { actor: 'user:3' }, 'Pat Officer')
     */
    async addProcessChange(
      indicatorId: string,
      input: ProcessChangeInput,
      context: ChangeContext,
      recordedBy: string = context.actor,
    ): Promise<Result<ProcessChange, SpcProblem>> {
      const checked = processChangeFrom(input)
      if (!checked.ok) return checked
      const { period, reason } = checked.value
      return data.transaction(async (repos) => {
        if ((await repos.catalogue.findIndicator(indicatorId)) === null)
          return failed([{ field: 'indicator' as const, message: `There is no indicator "${indicatorId}"` }])
        const change: ProcessChange = {
          indicatorId,
          period,
          reason,
          recordedBy,
          recordedAt: options.now().toISOString(),
        }
        if (!(await repos.processChanges.insert(change)))
          return failed([{ field: 'month' as const, message: 'A process change is already recorded from that month' }])
        await recordChange(
          repos.audit,
          context,
          'spc.process-change.add',
          { type: 'indicator', id: indicatorId },
          { after: { period, reason } },
        )
        return changed(ok(change))
      })
    },

    /** Removes the change recorded from `period`; null (nothing changed) when there is none. */
    async removeProcessChange(
      indicatorId: string,
      period: Period,
      context: ChangeContext,
    ): Promise<ProcessChange | null> {
      return data.transaction(async (repos) => {
        const removed = await repos.processChanges.remove(indicatorId, period)
        if (removed === null) return null
        await recordChange(
          repos.audit,
          context,
          'spc.process-change.remove',
          { type: 'indicator', id: indicatorId },
          { before: { period: removed.period, reason: removed.reason, recordedBy: removed.recordedBy } },
        )
        return changed(removed)
      })
    },

    /** How many points in a row make a run or a trend: the council's setting, 7 until it sets one. */
    async runLength(): Promise<RunLength> {
      return runLengthFrom(await data.settings.get(RUN_LENGTH_SETTING))
    },

    /** Sets the run length (6 or 7); anything else is refused and changes nothing. */
    async setRunLength(runLength: number, context: ChangeContext): Promise<Result<RunLength, SpcProblem>> {
      if (!isRunLength(runLength))
        return failed([{ field: 'runLength' as const, message: `The run length must be 6 or 7, not ${runLength}` }])
      const before = await this.runLength()
      await data.transaction(async (repos) => {
        await repos.settings.set(RUN_LENGTH_SETTING, runLength, context.actor)
        await recordChange(
          repos.audit,
          context,
          'settings.spc-run-length',
          { type: 'setting', id: RUN_LENGTH_SETTING },
          { before, after: runLength },
        )
      })
      return changed(ok(runLength))
    },
  }
}

export type SpcService = ReturnType<typeof spcService>
