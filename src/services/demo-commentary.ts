/**
 * The demo council's words for each of its months: the director's performance overview and commentary on a few
 * indicators, written in the voice and structure of the council's own overview (Scrutiny Panel, 26 September
 * 2019: fixtures/performance-overview-2019-09.txt) but worded from the month's own figures, so that every number
 * they quote is that month's figure in its pack. The council's sentences that carry no figure are reused word
 * for word where the figures bear them out. April and May 2018 are approved (and then published); June 2018 is
 * the month in progress: some commentary approved, some submitted or returned, the overview still a draft.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { takeStep, type OverviewSection, type WorkflowRecord } from '../domain/commentary-workflow.ts'
import type { Pack, PackIndicator } from '../domain/pack.ts'
import { addMonths, MONTH_NAMES, type Period } from '../domain/period.ts'
import type { DataAccess } from '../store/data-access.ts'
import { recordChange } from './change-record.ts'
import { packService } from './pack-service.ts'

export const DEMO_OVERVIEW_FILE = fileURLToPath(
  new URL('../../fixtures/performance-overview-2019-09.txt', import.meta.url),
)

/** The Service Director who writes, approves and signs the overview. */
export const DEMO_DIRECTOR = 'Phil Bullingham'

const ACTOR = 'system (demo council)'

/**
 * Sentences of the council's own overview (seed 002) that quote no figure, reused where the month's figures bear
 * them out. Kept word for word, typing included; loading checks each is in the overview file.
 */
export const COUNCIL_SENTENCES = {
  earlyHelpPathway:
    'We are identifying cases into the Early Help referral pathway and expect to see a reducing trend in contacts coming into Childrens Social Care.',
  cpChairs:
    'This is being reviewed and the CP Chair group are proactivity tracking and reviewing cases to ensure care plans are being attended to.',
  cpVisiting:
    'CP visiting set for every 15 working days is proving difficult for the service in light of high demands and high caseloads.',
  newTeams: 'The service has responded to this by bringing in new SW teams and they are now embedding.',
  lacRate: 'Our LAC rate is higher than the national average and this needs addressing.',
  lacProjects:
    'We have a range of projects in place to get ahead of this such as specialist T4 fostering and resource building to bring LAC back into the City.',
  lacTracker:
    "We will continue to seek to reduce LAC numbers in line with care plan progression and IRO's are reviewing cases and a new tracker has been set up.",
  sgoLow:
    'We expect this will also impact on opportunity to move cases towards SGO as this has been low over the past few months.',
  timelinessGood: 'LAC and care leaver timeliness measures and case management standards overall remain good.',
} as const

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec']

/** "Apr", as the council's overview abbreviates months ("Aug 1337 from July 1861"). */
export function shortMonth(period: Period): string {
  return SHORT_MONTHS[Number(period.slice(5, 7)) - 1] ?? period
}

/** "April". */
export function longMonth(period: Period): string {
  return MONTH_NAMES[Number(period.slice(5, 7)) - 1] ?? period
}

/** "DEMAND" → "Demand"; "Corporate Parenting" stays as it is. */
function headingTitle(text: string): string {
  const trimmed = text.trim().replace(/:$/, '')
  return trimmed === trimmed.toUpperCase() ? trimmed.charAt(0) + trimmed.slice(1).toLowerCase() : trimmed
}

/**
 * The overview's numbered sections ("1. DEMAND:", "2. TIMESCALES:", "3. Corporate Parenting"), each with its
 * paragraphs, stopping at the signature. The demo's overviews keep the council's sections, in its order.
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

/** A month's figures, read from its pack: what the words may quote. */
class MonthFigures {
  readonly now: string
  readonly before: string
  readonly nowShort: string
  readonly beforeShort: string

  constructor(private readonly pack: Pack) {
    const previous = addMonths(pack.period, -1)
    this.now = longMonth(pack.period)
    this.before = longMonth(previous)
    this.nowShort = shortMonth(pack.period)
    this.beforeShort = shortMonth(previous)
  }

  indicator(id: string): PackIndicator {
    const row = this.pack.indicators.find((i) => i.id === id)
    if (row === undefined) throw new Error(`The demo pack for ${this.pack.period} has no indicator ${id}.`)
    return row
  }

  /** The indicator's figure `monthsBack` months before the pack's month (0: the month itself). */
  value(id: string, monthsBack = 0): number {
    const value = this.indicator(id).values.at(-1 - monthsBack)?.value ?? null
    if (value === null) throw new Error(`The demo pack for ${this.pack.period} has no figure for ${id}.`)
    return value
  }

  /** The figure as the words quote it: a whole number (the council's overview writes "58%", "456"). */
  quote(id: string, monthsBack = 0): string {
    return String(Math.round(this.value(id, monthsBack)))
  }

  /** Whether the quoted figure went up, down or stayed the same since the month before. */
  trend(id: string): 'up' | 'down' | 'same' {
    const now = Math.round(this.value(id))
    const before = Math.round(this.value(id, 1))
    return now > before ? 'up' : now < before ? 'down' : 'same'
  }

  /**
   * "have increased (May 306 from Apr 245)", "have reduced (…)", "were unchanged (May 245)"; with `one`, for a
   * singular subject: "has increased", "was unchanged".
   */
  change(id: string, one = false): string {
    const trend = this.trend(id)
    if (trend === 'same') return `${one ? 'was' : 'were'} unchanged (${this.nowShort} ${this.quote(id)})`
    const verb = `${one ? 'has' : 'have'} ${trend === 'up' ? 'increased' : 'reduced'}`
    return `${verb} (${this.nowShort} ${this.quote(id)} from ${this.beforeShort} ${this.quote(id, 1)})`
  }

  /** "rose to", "fell to" or "stayed at", for a count at the month's end. */
  moved(id: string): string {
    const trend = this.trend(id)
    return trend === 'up' ? 'rose to' : trend === 'down' ? 'fell to' : 'stayed at'
  }

  /** "(62% in March)" for a percentage, "(1082 in March)" for a count. */
  previously(id: string, percent = false): string {
    return `(${this.quote(id, 1)}${percent ? '%' : ''} in ${this.before})`
  }

  /** Whether the month's figure is above every figure of the twelve months before it. */
  highestInAYear(id: string): boolean {
    const values = this.indicator(id).values.map((v) => v.value)
    const now = values.at(-1)
    const earlier = values.slice(0, -1).filter((v): v is number => v !== null)
    return now !== undefined && now !== null && earlier.length > 0 && earlier.every((v) => now > v)
  }

  /** The England benchmark the pack shows for an indicator. */
  england(id: string): number | null {
    return this.indicator(id).benchmarks.england
  }
}

/**
 * The director's overview of a month, in the council's three sections, worded from the month's pack.
 * @example demoOverview(aprilPack)[0] // { title: 'Demand', text: 'Referrals of new CIN cases have reduced (Apr 245 from Mar 270). …' }
 */
export function demoOverview(pack: Pack): OverviewSection[] {
  const f = new MonthFigures(pack)
  const demand = [
    `Referrals of new CIN cases ${f.change('contacts-cin-referrals')}. ${COUNCIL_SENTENCES.earlyHelpPathway}`,
    `Universal Help Assessments (UHAs) started ${f.change('uha-started')}, and we expect to see an impact of the ` +
      'Early Help (EH) hub as the summer term progresses.',
    `Children in need open to the service ${f.moved('cin-open')} ${f.quote('cin-open')} at the end of ${f.now} ` +
      `${f.previously('cin-open')}.`,
  ]
  const mashNote =
    f.value('mash-24h') >= 90
      ? 'They are keeping on top of decision making standards.'
      : 'They have worked through a period of very high demand and are working to bring decision making back within standards.'
  const visitsTrend = f.trend('cp-visits-15wd')
  const cpVisits =
    f.value('cp-visits-15wd') >= 90
      ? `Children on plans continue to be seen every 15 working days: the current rate is ${f.quote('cp-visits-15wd')}%.`
      : `${COUNCIL_SENTENCES.cpVisiting} ${COUNCIL_SENTENCES.newTeams} The current rate of ${f.quote('cp-visits-15wd')}% ` +
        (visitsTrend === 'same'
          ? `is the same as in ${f.before}.`
          : `is ${visitsTrend === 'up' ? 'up' : 'down'} from ${f.quote('cp-visits-15wd', 1)}% in ${f.before}.`)
  const plans =
    f.trend('cpp-count') === 'same'
      ? `The number of CP Plans in place is unchanged at ${f.quote('cpp-count')}.`
      : `The number of CP Plans in place is ${f.quote('cpp-count')}` +
        `${f.highestInAYear('cpp-count') ? ', the highest it has been in the last year' : ''} ${f.previously('cpp-count')}.`
  const timeliness = f.value('sa-in-45wd')
  const timescales = [
    `The MASH decided ${f.quote('mash-24h')}% of referrals within 24hrs in ${f.now} ${f.previously('mash-24h', true)}. ${mashNote}`,
    `CP investigation work (S47) ${f.change('s47-started', true)}. ${plans} ` +
      `${COUNCIL_SENTENCES.cpChairs} Initial Child Protection Conferences were held for ${f.quote('icpc-count')} children, ` +
      `${f.quote('icpc-in-time')}% of them within timescales.`,
    cpVisits,
    `Single Assessment activity – this work ${f.change('sa-completed', true)}. ` +
      `Of these assessments ${f.quote('sa-in-45wd')}% of cases were completed in timescales` +
      (timeliness < 80
        ? ' and this is expected to improve as the demand picture becomes more manageable.'
        : ' and we expect to hold this as the demand picture becomes more manageable.'),
  ]
  const lacEngland = f.england('lac-rate')
  const recentSgos = [0, 1, 2].reduce((sum, back) => sum + f.value('sgos', back), 0)
  const parenting = [
    [
      `LAC numbers were ${f.quote('lac-count')} at the point of publishing ${f.nowShort} Data.`,
      ...(lacEngland !== null && f.value('lac-rate') > lacEngland
        ? [COUNCIL_SENTENCES.lacRate, COUNCIL_SENTENCES.lacProjects]
        : []),
      COUNCIL_SENTENCES.lacTracker,
      ...(recentSgos <= 3 ? [COUNCIL_SENTENCES.sgoLow] : []),
    ].join(' '),
    [
      `${f.quote('lac-visits')}% of looked after children were visited within timescales and ` +
        `${f.quote('care-leavers-suitable')}% of care leavers were in contact and in suitable accommodation.`,
      ...(f.value('lac-visits') >= 80 && f.value('care-leavers-suitable') >= 85
        ? [COUNCIL_SENTENCES.timelinessGood]
        : []),
    ].join(' '),
  ]
  return [
    { title: 'Demand', text: demand.join('\n\n') },
    { title: 'Timescales', text: timescales.join('\n\n') },
    { title: 'Corporate Parenting', text: parenting.join('\n\n') },
  ]
}

/**
 * The indicator owners' commentary on a month, worded from the month's pack: each quotes only its own
 * indicator's figures, for the month and the month before.
 */
export function demoCommentary(pack: Pack): Record<string, string> {
  const f = new MonthFigures(pack)
  const cpVisits = f.value('cp-visits-15wd')
  const mash = f.value('mash-24h')
  return {
    'contacts-cin-referrals': `Referrals of new CIN cases ${f.change('contacts-cin-referrals')}. ${COUNCIL_SENTENCES.earlyHelpPathway}`,
    'mash-24h':
      `The MASH decided ${f.quote('mash-24h')}% of referrals within 24hrs in ${f.now} ${f.previously('mash-24h', true)}. ` +
      (mash >= 90
        ? 'They are keeping on top of decision making standards.'
        : 'They have worked through a period of very high demand and are working to bring decision making back within standards.'),
    'cpp-count':
      `${f.quote('cpp-count')} children had a Child Protection Plan at the end of ${f.now} ${f.previously('cpp-count')}. ` +
      COUNCIL_SENTENCES.cpChairs,
    'cp-visits-15wd':
      `${f.quote('cp-visits-15wd')}% of children on a Child Protection Plan were seen in the last 15 working days ` +
      `${f.previously('cp-visits-15wd', true)}.` +
      (cpVisits < 90 ? ` ${COUNCIL_SENTENCES.cpVisiting} ${COUNCIL_SENTENCES.newTeams}` : ''),
    'lac-count':
      `${f.quote('lac-count')} children were looked after at the end of ${f.now} ${f.previously('lac-count')}. ` +
      `${COUNCIL_SENTENCES.lacRate} ${COUNCIL_SENTENCES.lacProjects}`,
    'care-leavers-suitable':
      `${f.quote('care-leavers-suitable')}% of care leavers were in contact and in suitable accommodation in ${f.now} ` +
      `${f.previously('care-leavers-suitable', true)}. ${COUNCIL_SENTENCES.timelinessGood}`,
  }
}

/** Where a demo piece of writing has got to: the steps taken, oldest first (returned: submitted, then returned). */
export type DemoStage = 'draft' | 'submitted' | 'approved' | 'returned'

/** A signed-off month: every indicator the demo writes commentary for, approved. */
const EVERY_COMMENTARY_APPROVED: Readonly<Record<string, DemoStage>> = {
  'contacts-cin-referrals': 'approved',
  'mash-24h': 'approved',
  'cpp-count': 'approved',
  'cp-visits-15wd': 'approved',
  'lac-count': 'approved',
  'care-leavers-suitable': 'approved',
}

/** What each demo month's words have reached. A commentary left out of a month has not been started. */
export const DEMO_WORDS: ReadonlyArray<{
  period: Period
  overview: DemoStage
  commentary: Readonly<Record<string, DemoStage>>
}> = [
  {
    period: '2018-04',
    overview: 'approved',
    commentary: EVERY_COMMENTARY_APPROVED,
  },
  {
    period: '2018-05',
    overview: 'approved',
    commentary: EVERY_COMMENTARY_APPROVED,
  },
  {
    // The month in progress: the overview is being written, one owner has not started.
    period: '2018-06',
    overview: 'draft',
    commentary: {
      'contacts-cin-referrals': 'approved',
      'mash-24h': 'submitted',
      'cpp-count': 'submitted',
      'cp-visits-15wd': 'returned',
      'lac-count': 'draft',
    },
  },
]

/** The reason the director gives for the returned commentary. */
export const DEMO_RETURN_REASON =
  'Please say which of the new SW teams are now visiting, and when you expect the rate to reach the standard.'

/**
 * The record of a piece of writing taken through the workflow to `stage`, by its author and the director, in the
 * second week of the month after its month (when the council writes and signs off its words).
 */
export function demoRecord(stage: DemoStage, author: string, period: Period): WorkflowRecord {
  const month = addMonths(period, 1)
  const steps: Array<[Parameters<typeof takeStep>[1], string, string]> = [['save', author, `${month}-08T09:00:00.000Z`]]
  if (stage !== 'draft') steps.push(['submit', author, `${month}-09T12:00:00.000Z`])
  if (stage === 'approved') steps.push(['approve', DEMO_DIRECTOR, `${month}-14T16:00:00.000Z`])
  if (stage === 'returned') steps.push(['return', DEMO_DIRECTOR, `${month}-14T16:00:00.000Z`])
  let record: WorkflowRecord | null = null
  for (const [step, who, at] of steps) {
    const next = takeStep(record, step, who, at, step === 'return' ? DEMO_RETURN_REASON : '')
    if (!next.ok) throw new Error(`The demo words cannot be ${step}ed: ${next.problems[0]?.message ?? ''}`)
    record = next.value
  }
  if (record === null) throw new Error('The demo words have no record.')
  return record
}

/**
 * Stores each demo month's overview and commentary (`DEMO_WORDS`), worded from the month's pack as it now stands,
 * with an audit event for each. Run after the figures are loaded and before the months are published.
 */
export async function loadDemoCommentary(data: DataAccess, datasetId = 'monthly'): Promise<void> {
  const seed = await readFile(DEMO_OVERVIEW_FILE, 'utf8')
  for (const sentence of Object.values(COUNCIL_SENTENCES)) {
    if (!seed.includes(sentence)) throw new Error(`The council's overview does not say: "${sentence}"`)
  }
  const councilTitles = overviewSections(seed, DEMO_DIRECTOR).map((s) => s.title)
  const packs = packService(data)
  for (const month of DEMO_WORDS) {
    const built = await packs.getPack(datasetId, month.period)
    if (!built.ok) throw new Error(`The demo has no ${datasetId} pack for ${month.period}.`)
    const { pack, catalogue } = built.value
    const sections = demoOverview(pack)
    if (sections.map((s) => s.title).join('|') !== councilTitles.join('|')) {
      throw new Error(`The demo overview's sections are not the council's: ${councilTitles.join(', ')}.`)
    }
    const words = demoCommentary(pack)
    await data.transaction(async (repos) => {
      const overview = demoRecord(month.overview, DEMO_DIRECTOR, month.period)
      await repos.commentary.saveOverview({ datasetId, period: month.period, sections, ...overview })
      await recordChange(
        repos.audit,
        { actor: ACTOR },
        'performance-overview.demo',
        { type: 'performance-overview', id: `${datasetId}/${month.period}` },
        { by: ACTOR, before: null, after: { status: overview.status, sections, author: DEMO_DIRECTOR } },
      )
      for (const [indicatorId, stage] of Object.entries(month.commentary)) {
        const text = words[indicatorId]
        const author = catalogue.get(indicatorId)?.owner ?? ''
        if (text === undefined || author === '') throw new Error(`The demo has no words or owner for ${indicatorId}.`)
        const record = demoRecord(stage, author, month.period)
        await repos.commentary.saveCommentary({ datasetId, period: month.period, indicatorId, text, ...record })
        await recordChange(
          repos.audit,
          { actor: ACTOR },
          'commentary.demo',
          { type: 'commentary', id: `${datasetId}/${month.period}/${indicatorId}` },
          { by: ACTOR, before: null, after: { status: record.status, text, author } },
        )
      }
    })
  }
}
