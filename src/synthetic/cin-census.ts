/**
 * A made-up children in need census: a population of children with episodes (referral to closure) holding
 * assessments, section 47 enquiries, CIN plans and child protection plans, written as census XML, and the same
 * children as Annex A lists 3–7 (so tests can show both give the same measures). Nothing here is real data.
 */
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { addDays, dayNumber, monthEnd } from '../domain/calendar/days.ts'
import type { IsoDate } from '../domain/calendar/days.ts'
import { escapeMarkup } from '../domain/markup-text.ts'
import { type Period } from '../domain/period.ts'
import { ANNEX_A_HEADERS, createRandom, seedFrom } from './annex-a.ts'

export interface SyntheticEpisode {
  referralDate: IsoDate
  closureDate: IsoDate | null
  /** `RC8` (closed after assessment, no further action) makes its assessments "no support needed". */
  reasonForClosure: string | null
  nfa: boolean
  assessments: Array<{ start: IsoDate; authorised: IsoDate | null }>
  section47s: Array<{ start: IsoDate; icpc: IsoDate | null }>
  cinPlans: Array<{ start: IsoDate; end: IsoDate | null }>
  plans: Array<{ start: IsoDate; end: IsoDate | null; previous: number }>
}

export interface SyntheticCinChild {
  id: string
  dateOfBirth: IsoDate
  episodes: SyntheticEpisode[]
}

export interface SyntheticCinOptions {
  children: number
  /** The census's last month (its reference date is this month's last day). */
  end: Period
  seed?: number | string
}

/**
 * The children of a census year and the two before it, each with one or two episodes.
 * @example syntheticCinPopulation({ children: 100, end: '2018-03' }).length // 100
 */
export function syntheticCinPopulation(options: SyntheticCinOptions): SyntheticCinChild[] {
  const random = createRandom(seedFrom(options.seed ?? 1))
  const reference = monthEnd(options.end)
  const first = dayNumber(reference) - 3 * 365
  const span = dayNumber(reference) - first
  const pick = (n: number) => Math.floor(random() * n)
  /** A date `days` after `date`, or null when it would be after the reference date (still open). */
  const after = (date: IsoDate, days: number): IsoDate | null => {
    const later = addDays(date, days)
    return later > reference ? null : later
  }
  const children: SyntheticCinChild[] = []
  for (let i = 0; i < options.children; i++) {
    const episodes: SyntheticEpisode[] = []
    let start = addDays(reference, first - dayNumber(reference) + pick(span))
    for (let e = 0; e < 1 + (random() < 0.2 ? 1 : 0) && start <= reference; e++) {
      const nfa = random() < 0.15
      const episode: SyntheticEpisode = {
        referralDate: start,
        closureDate: null,
        reasonForClosure: null,
        nfa,
        assessments: [],
        section47s: [],
        cinPlans: [],
        plans: [],
      }
      let open = start
      if (nfa) {
        episode.closureDate = start
        episode.reasonForClosure = 'RC8'
      } else {
        const assessmentStart = addDays(start, pick(5))
        const authorised = after(assessmentStart, 10 + pick(50))
        episode.assessments.push({ start: assessmentStart, authorised })
        open = authorised ?? assessmentStart
        if (authorised !== null && random() < 0.35) {
          episode.closureDate = after(authorised, pick(10))
          if (episode.closureDate !== null) episode.reasonForClosure = 'RC8'
        } else if (random() < 0.3) {
          const s47 = addDays(start, pick(10))
          const icpc = random() < 0.7 ? after(s47, 5 + pick(25)) : null
          episode.section47s.push({ start: s47, icpc })
          if (icpc !== null && random() < 0.6) {
            const end = after(icpc, 30 + pick(400))
            episode.plans.push({ start: icpc, end, previous: random() < 0.2 ? 1 + pick(3) : 0 })
            open = end ?? icpc
          }
        } else if (authorised !== null) {
          const end = after(authorised, 20 + pick(300))
          episode.cinPlans.push({ start: authorised, end })
          open = end ?? authorised
        }
        if (episode.closureDate === null && open < reference && random() < 0.7) {
          episode.closureDate = after(open, pick(30))
          if (episode.closureDate !== null) episode.reasonForClosure = 'RC1'
        }
      }
      episodes.push(episode)
      if (episode.closureDate === null) break
      start = addDays(episode.closureDate, 1 + pick(300))
    }
    const ageDays = pick(17 * 365)
    children.push({
      id: `SYN${String(i + 1).padStart(7, '0')}`,
      dateOfBirth: addDays(episodes[0]?.referralDate ?? reference, -ageDays),
      episodes,
    })
  }
  return children
}

const element = (name: string, value: string | null, indent: string): string =>
  value === null ? '' : `${indent}<${name}>${escapeMarkup(value)}</${name}>\n`

/** One `<Child>` as census XML (2024-25 element names). */
export function childXml(child: SyntheticCinChild): string {
  let xml = '    <Child>\n      <ChildIdentifiers>\n'
  xml += element('LAchildID', child.id, '        ')
  xml += element('UPNunknown', 'UN1', '        ')
  xml += element('PersonBirthDate', child.dateOfBirth, '        ')
  xml += element('Sex', 'U', '        ')
  xml += '      </ChildIdentifiers>\n'
  xml += '      <ChildCharacteristics>\n        <Ethnicity>NOBT</Ethnicity>\n      </ChildCharacteristics>\n'
  for (const e of child.episodes) {
    const i = '        '
    xml += '      <CINdetails>\n'
    xml += element('CINreferralDate', e.referralDate, i)
    xml += element('ReferralSource', '1A', i)
    xml += element('PrimaryNeedCode', 'N1', i)
    xml += element('CINclosureDate', e.closureDate, i)
    xml += element('ReasonForClosure', e.reasonForClosure, i)
    for (const a of e.assessments) {
      xml += `${i}<Assessments>\n`
      xml += element('AssessmentActualStartDate', a.start, `${i}  `)
      xml += element('AssessmentAuthorisationDate', a.authorised, `${i}  `)
      xml += `${i}</Assessments>\n`
    }
    for (const p of e.cinPlans) {
      xml += `${i}<CINPlanDates>\n`
      xml += element('CINPlanStartDate', p.start, `${i}  `)
      xml += element('CINPlanEndDate', p.end, `${i}  `)
      xml += `${i}</CINPlanDates>\n`
    }
    for (const s of e.section47s) {
      xml += `${i}<Section47>\n`
      xml += element('S47ActualStartDate', s.start, `${i}  `)
      xml += element('DateOfInitialCPC', s.icpc, `${i}  `)
      xml += element('ICPCnotRequired', 'false', `${i}  `)
      xml += `${i}</Section47>\n`
    }
    xml += element('ReferralNFA', e.nfa ? 'true' : 'false', i)
    for (const p of e.plans) {
      xml += `${i}<ChildProtectionPlans>\n`
      xml += element('CPPstartDate', p.start, `${i}  `)
      xml += element('CPPendDate', p.end, `${i}  `)
      xml += element('InitialCategoryOfAbuse', 'NEG', `${i}  `)
      xml += element('LatestCategoryOfAbuse', 'NEG', `${i}  `)
      xml += element('NumberOfPreviousCPP', String(p.previous), `${i}  `)
      xml += `${i}</ChildProtectionPlans>\n`
    }
    xml += '      </CINdetails>\n'
  }
  return `${xml}    </Child>\n`
}

/** The census's opening, up to `<Children>`. */
export function censusHead(end: Period): string {
  const year = Number(end.slice(0, 4))
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n<Message>\n  <Header>\n    <CollectionDetails>\n' +
    `      <Collection>CIN</Collection>\n      <Year>${year}</Year>\n      <ReferenceDate>${monthEnd(end)}</ReferenceDate>\n` +
    '    </CollectionDetails>\n    <Source>\n      <SourceLevel>L</SourceLevel>\n      <LEA>999</LEA>\n' +
    '      <SoftwareCode>Scrutineer synthetic</SoftwareCode>\n    </Source>\n  </Header>\n  <Children>\n'
  )
}

export const CENSUS_TAIL = '  </Children>\n</Message>\n'

/** The whole census as text (for tests; files are written a child at a time by writeSyntheticCinCensus). */
export function cinCensusXml(children: readonly SyntheticCinChild[], end: Period): string {
  return censusHead(end) + children.map(childXml).join('') + CENSUS_TAIL
}

/**
 * Writes a census of `options.children` made-up children to `out`, a child at a time, and returns how many
 * episodes it holds.
 * @example await writeSyntheticCinCensus({ children: 20000, end: '2018-03', out: '/tmp/cin.xml' })
 */
export async function writeSyntheticCinCensus(
  options: SyntheticCinOptions & { out: string },
): Promise<{ children: number; episodes: number }> {
  await mkdir(dirname(options.out), { recursive: true })
  const children = syntheticCinPopulation(options)
  const stream = createWriteStream(options.out)
  const done = once(stream, 'finish')
  let buffer = censusHead(options.end)
  let episodes = 0
  for (const child of children) {
    episodes += child.episodes.length
    buffer += childXml(child)
    if (buffer.length > 1 << 17) {
      if (!stream.write(buffer)) await once(stream, 'drain')
      buffer = ''
    }
  }
  stream.end(buffer + CENSUS_TAIL)
  await done
  return { children: children.length, episodes }
}

/**
 * The same children as Annex A lists 3–7 (list number → rows of cells under ANNEX_A_HEADERS), with every answer
 * the census implies: NFA, "requiring support" (No when the episode closed with RC8), "ICPC resulted in a plan"
 * (Yes when a plan starts on the conference's date) and the number of previous plans.
 */
export function annexAListsOf(children: readonly SyntheticCinChild[]): Record<number, string[][]> {
  const lists: Record<number, string[][]> = { 3: [], 4: [], 5: [], 6: [], 7: [] }
  const row = (list: number, cells: Record<string, string | null>): void => {
    lists[list]?.push((ANNEX_A_HEADERS[list] ?? []).map((header) => cells[header] ?? ''))
  }
  for (const child of children) {
    const who = { 'Child Unique ID': child.id, 'Date of Birth': child.dateOfBirth }
    for (const e of child.episodes) {
      row(3, { ...who, 'Date of referral': e.referralDate, 'Referral NFA?': e.nfa ? 'Yes' : 'No' })
      row(6, { ...who, 'CIN Start Date': e.referralDate, 'CIN Closure Date': e.closureDate })
      for (const a of e.assessments) {
        row(4, {
          ...who,
          'Continuous Assessment Start Date': a.start,
          'Continuous Assessment Date of Authorisation': a.authorised,
          "Was the child assessed as requiring LA children's social care support?":
            a.authorised === null ? null : e.reasonForClosure === 'RC8' ? 'No' : 'Yes',
        })
      }
      const planStarts = new Set(e.plans.map((p) => p.start))
      for (const s of e.section47s) {
        row(5, {
          ...who,
          'Strategy discussion initiating Section 47 Enquiry Start Date': s.start,
          'Date of Initial Child Protection Conference': s.icpc,
          'Did the Initial Child Protection Conference Result in a Child Protection Plan':
            s.icpc === null ? null : planStarts.has(s.icpc) ? 'Yes' : 'No',
        })
      }
      for (const p of e.plans) {
        row(7, {
          ...who,
          'Child Protection Plan Start Date': p.start,
          'Child Protection Plan End Date': p.end,
          'Number of Previous Child Protection Plans': String(p.previous),
        })
      }
    }
  }
  return lists
}
