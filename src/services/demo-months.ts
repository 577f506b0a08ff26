/**
 * The demo council's months after April 2018, loaded the way a council loads them: each month's Annex A return
 * for the indicators the catalogue links to a measure, a file of the figures officers keep by hand, and the Early
 * Help Dataset's own wide file. The returns are synthetic (src/synthetic/annex-a.ts, at the scale of the council's
 * published April 2018 figures) and generated at load; docs/demo.md says which figures are real and which are not.
 */
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Dataset } from '../domain/catalogue.ts'
import type { Period } from '../domain/period.ts'
import { writeSyntheticAnnexA, type SyntheticProfile } from '../synthetic/annex-a.ts'
import type { AnnexAService } from './annex-a-service.ts'
import type { FiguresService } from './figures-service.ts'
import { makeWorkFolder } from '../importers/work-folder.ts'

/** Every month the demo has figures for after the published April 2018 dataset. */
export const DEMO_LATER_MONTHS: readonly Period[] = ['2018-05', '2018-06']

/** The demo's second dataset, as the council's 2020 report names its Appendix 2. */
export const DEMO_EARLY_HELP_DATASET: Omit<Dataset, 'indicatorIds'> = {
  id: 'early-help',
  title: 'Early Help Dataset',
}

/** The Early Help Dataset's wide file: its two indicators from April 2017 to June 2018. */
export const DEMO_EARLY_HELP_FILE = fileURLToPath(
  new URL('../../fixtures/early-help-dataset-2018-06.csv', import.meta.url),
)

/** May and June 2018 of the monthly indicators no Annex A list holds, as officers type them (long layout). */
export const DEMO_TYPED_FIGURES_FILE = fileURLToPath(
  new URL('../../fixtures/typed-figures-2018-05-to-06.csv', import.meta.url),
)

/**
 * The demo council as the generator should run it, tuned so that a month's return gives figures on the scale of
 * its published April 2018 ones: about 270 referrals, 1,200 children in need, 100 section 47 enquiries, 320
 * children on plans, 500 looked after, nine care leavers in ten in contact and suitably housed.
 */
export const DEMO_SYNTHETIC_PROFILE: Partial<SyntheticProfile> = {
  assessmentShare: 0.65,
  assessmentBands: [0.08, 0.3, 0.43, 0.77],
  enquiryShare: 0.36,
  icpcShare: 0.32,
  lookedAfterBands: [0.13, 0.36],
  uascShare: 0.025,
  earlierStarts: { cin: 92, plans: 28, lookedAfter: 13 },
  careLeavers: { inTouch: 0.95, suitable: 0.95 },
}

/** The scale of the demo returns: about 1,400 contacts a month, as the council had. */
export const DEMO_SYNTHETIC_SCALE = 1

/**
 * Each month's return: the lists as they stood at the month's end, holding that month's events and the episodes
 * open in it (as a monthly extract does). Seeds chosen so the figures follow on plausibly from April's.
 */
export const DEMO_RETURNS: ReadonlyArray<{ month: Period; seed: number }> = [
  { month: '2018-05', seed: 1 },
  { month: '2018-06', seed: 11 },
]

const ACTOR = 'system (demo council)'

export interface DemoMonthsDependencies {
  figures: FiguresService
  annexA: AnnexAService
  maxBytes: number
}

/** What loading the later months added. */
export interface DemoMonthsSummary {
  figuresAdded: number
  indicatorsAdded: number
  annexAImports: number[]
}

function refused(what: string, problems: ReadonlyArray<{ reason: string }>): Error {
  return new Error(`The demo ${what} did not load: ${problems.map((p) => p.reason).join('; ')}`)
}

/**
 * Loads the Early Help Dataset, the typed figures for May and June 2018, and each month's synthetic Annex A return
 * (only its own month, so the published April figures stay as published). Throws if any of them is refused: the
 * demo's own files must load.
 */
export async function loadDemoMonths(dependencies: DemoMonthsDependencies): Promise<DemoMonthsSummary> {
  const { figures, annexA, maxBytes } = dependencies
  let figuresAdded = 0
  let indicatorsAdded = 0
  const earlyHelp = await figures.importFile(DEMO_EARLY_HELP_FILE, {
    mode: 'values',
    actor: ACTOR,
    dataset: DEMO_EARLY_HELP_DATASET,
    maxBytes,
  })
  if (!earlyHelp.ok) throw refused('Early Help Dataset', earlyHelp.problems)
  figuresAdded += earlyHelp.value.figuresAdded
  indicatorsAdded += earlyHelp.value.indicatorsAdded
  const typed = await figures.importFile(DEMO_TYPED_FIGURES_FILE, { mode: 'values', actor: ACTOR, maxBytes })
  if (!typed.ok) throw refused('typed figures', typed.problems)
  figuresAdded += typed.value.figuresAdded

  const folder = await makeWorkFolder('demo-annex-a')
  const annexAImports: number[] = []
  try {
    for (const { month, seed } of DEMO_RETURNS) {
      const outDir = join(folder, month)
      await writeSyntheticAnnexA({
        outDir,
        scale: DEMO_SYNTHETIC_SCALE,
        end: month,
        seed,
        profile: DEMO_SYNTHETIC_PROFILE,
        keepFrom: month,
      })
      const imported = await annexA.importFile(outDir, {
        actor: ACTOR,
        end: month,
        months: 1,
        displayName: `annex-a-${month}-synthetic`,
      })
      if (!imported.ok) throw refused(`Annex A return for ${month}`, imported.problems)
      figuresAdded += imported.value.figuresAdded
      annexAImports.push(imported.value.importId)
    }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
  return { figuresAdded, indicatorsAdded, annexAImports }
}
