/**
 * The demo council's words: the council's own performance overview (Scrutiny Panel, 26 September 2019) as the
 * approved overview of the demo month, and approved commentary on a few indicators taken from its sentences.
 * The overview describes August 2019; the demo's figures are April 2018, so it is shown against April 2018
 * (docs/commentary.md says so). Loaded once, with the demo figures, into an empty database.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import {
  emptyRecord,
  type Commentary,
  type OverviewSection,
  type WorkflowRecord,
} from '../domain/commentary-workflow.ts'
import type { Period } from '../domain/period.ts'
import type { DataAccess } from '../store/data-access.ts'
import { recordChange } from './change-record.ts'

export const DEMO_OVERVIEW_FILE = fileURLToPath(
  new URL('../../fixtures/performance-overview-2019-09.txt', import.meta.url),
)

/** The month the demo's words are shown against. */
export const DEMO_COMMENTARY_PERIOD: Period = '2018-04'

/** The Service Director who wrote and signed the overview. */
export const DEMO_DIRECTOR = 'Phil Bullingham'

const ACTOR = 'system (demo council)'

/**
 * Which indicators get commentary, and the sentences of the overview each one's owner is taken to have written.
 * Only sentences without August 2019 figures, so they do not contradict the April 2018 figures beside them.
 */
export const DEMO_COMMENTARY: Readonly<Record<string, string>> = {
  'contacts-cin-referrals':
    'We are identifying cases into the Early Help referral pathway and expect to see a reducing trend in contacts coming into Childrens Social Care.',
  'mash-24h':
    'The MASH have worked through a period of very high demand and now are keeping on top of decision making standards being 90% of cases being decided upon within 24hrs.',
  'cp-visits-15wd':
    'CP visiting set for every 15 working days is proving difficult for the service in light of high demands and high caseloads. The service has responded to this by bringing in new SW teams and they are now embedding.',
  'lac-count':
    'Our LAC rate is higher than the national average and this needs addressing. We have a range of projects in place to get ahead of this such as specialist T4 fostering and resource building to bring LAC back into the City.',
  'care-leavers-suitable': 'LAC and care leaver timeliness measures and case management standards overall remain good.',
}

/** "DEMAND" → "Demand"; "Corporate Parenting" stays as it is. */
function headingTitle(text: string): string {
  const trimmed = text.trim().replace(/:$/, '')
  return trimmed === trimmed.toUpperCase() ? trimmed.charAt(0) + trimmed.slice(1).toLowerCase() : trimmed
}

/**
 * The overview's numbered sections ("1. DEMAND:", "2. TIMESCALES:", "3. Corporate Parenting"), each with its
 * paragraphs, stopping at the signature.
 * @example overviewSections('1. DEMAND:\n\nContacts fell.\n\nPhil Bullingham', 'Phil Bullingham')
 * // [{ title: 'Demand', text: 'Contacts fell.' }]
 */
export function overviewSections(text: string, signature: string): OverviewSection[] {
  const sections: Array<{ title: string; paragraphs: string[] }> = []
  for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
    if (line === signature) break
    const heading = /^\d+\.\s+(.+)$/.exec(line)
    if (heading?.[1] !== undefined) sections.push({ title: headingTitle(heading[1]), paragraphs: [] })
    else if (line !== '') sections.at(-1)?.paragraphs.push(line)
  }
  return sections.map((s) => ({ title: s.title, text: s.paragraphs.join('\n\n') }))
}

function approved(author: string): WorkflowRecord {
  return {
    ...emptyRecord(author, '2018-05-08T09:00:00.000Z'),
    status: 'approved',
    updatedAt: '2018-05-14T16:00:00.000Z',
    submittedBy: author,
    submittedAt: '2018-05-09T12:00:00.000Z',
    approvedBy: DEMO_DIRECTOR,
    approvedAt: '2018-05-14T16:00:00.000Z',
  }
}

/** Stores the demo overview and commentary as approved for April 2018, with an audit event for each. */
export async function loadDemoCommentary(data: DataAccess, datasetId = 'monthly'): Promise<void> {
  const text = await readFile(DEMO_OVERVIEW_FILE, 'utf8')
  const sections = overviewSections(text, DEMO_DIRECTOR)
  const owners = new Map(
    (await data.catalogue.findIndicators(Object.keys(DEMO_COMMENTARY))).map((i) => [i.id, i.owner]),
  )
  await data.transaction(async (repos) => {
    await repos.commentary.saveOverview({
      datasetId,
      period: DEMO_COMMENTARY_PERIOD,
      sections,
      ...approved(DEMO_DIRECTOR),
    })
    await recordChange(
      repos.audit,
      { actor: ACTOR },
      'performance-overview.demo',
      { type: 'performance-overview', id: `${datasetId}/${DEMO_COMMENTARY_PERIOD}` },
      { by: ACTOR, before: null, after: { status: 'approved', sections, author: DEMO_DIRECTOR } },
    )
    for (const [indicatorId, words] of Object.entries(DEMO_COMMENTARY)) {
      if (!text.includes(words)) throw new Error(`The demo commentary for ${indicatorId} is not in the overview.`)
      const author = owners.get(indicatorId)
      if (author === undefined) continue
      const commentary: Commentary = {
        datasetId,
        period: DEMO_COMMENTARY_PERIOD,
        indicatorId,
        text: words,
        ...approved(author),
      }
      await repos.commentary.saveCommentary(commentary)
      await recordChange(
        repos.audit,
        { actor: ACTOR },
        'commentary.demo',
        { type: 'commentary', id: `${datasetId}/${DEMO_COMMENTARY_PERIOD}/${indicatorId}` },
        { by: ACTOR, before: null, after: { status: 'approved', text: words, author } },
      )
    }
  })
}
