/**
 * A children in need census read and its measures computed, storing nothing (`scrutineer measures --cin-census`,
 * `scrutineer cin-census summary`). The census gives the same records as Annex A lists 3–7, so the measures are
 * computed by the same code with the same definitions (docs/methodology.md, "CIN census").
 */
import { basename } from 'node:path'
import type { AnnexA } from '../domain/annex-a/records.ts'
import { computeMeasures } from '../domain/measures/compute.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import { asAnnexAProblem } from '../importers/cin-census/annex-a-rows.ts'
import { asImportProblems, readCinCensus, type CinCensusCounts } from '../importers/cin-census/read-cin-census.ts'
import type { ImportProblem } from '../importers/problem.ts'
import type { ComputeFromFileOptions, MeasuresReport } from './annex-a-service.ts'

export { asAnnexAProblem }

/** Reads a census and computes every measure from it. */
export async function measuresFromCinCensus(
  path: string,
  options: ComputeFromFileOptions,
): Promise<Result<MeasuresReport & { annexA: AnnexA }, ImportProblem>> {
  const read = await readCinCensus(path)
  if (!read.ok) return failed(asImportProblems(basename(path), read.problems))
  const computed = computeMeasures(read.value.records, options)
  return ok({ ...computed, errors: read.value.problems.map(asAnnexAProblem), annexA: read.value.records })
}

/** The counts of a census as read (`scrutineer cin-census summary`). */
export async function summariseCinCensus(path: string): Promise<Result<CinCensusCounts, ImportProblem>> {
  const read = await readCinCensus(path)
  if (!read.ok) return failed(asImportProblems(basename(path), read.problems))
  const c = read.value.counts
  // Always in this order: the JSON is a contract.
  return ok({
    children: c.children,
    referrals: c.referrals,
    assessments: c.assessments,
    section47: c.section47,
    icpcs: c.icpcs,
    cin_plans: c.cin_plans,
    cp_plans: c.cp_plans,
    problems: c.problems,
  })
}
