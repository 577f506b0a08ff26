/**
 * Site search over the `search_words` columns (migration 2026-12-11T02-00-00-search): one ranked list of what a
 * viewer may open, counted by kind, a page of it, and each result's title and snippet marked by `ts_headline`.
 *
 * Who may see what is decided here in SQL, by the same facts the pages look at: a Members' Room appendix only with
 * `viewer.membersRoom`, an indicator the public has not been shown in a published pack only with `viewer.drafts`
 * (`appendixVisible`, `indicatorVisible`: each asked both when matching and when reading a result in full).
 * Everything else the search finds (meetings, agendas, cover sheets, minutes and their numbered RESOLVED decisions,
 * draft minutes marked as such, recommendations, the glossary) every page shows to everyone. Meetings are few (ten a year), so their words are
 * worked out as they are searched rather than stored.
 *
 * The page is found first (kind, id and rank only), and only its twenty results are read in full and given
 * headlines: `ts_headline` re-reads the text, which costs more than the match.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { HEADLINE_OPTIONS, TITLE_HEADLINE_OPTIONS, type SearchKind, type SearchViewer } from '../domain/search.ts'
import type { Database } from './schema.ts'

/** One result as the store finds it; `title` and `snippet` carry the highlight sentinels. */
export interface SearchRow {
  kind: SearchKind
  id: number | string
  title: string
  snippet: string
  date: string | null
  committee: string | null
  /** Where it is read: the meeting, the agenda position of its item, the minute's number. */
  meetingId: number | null
  itemPosition: number | null
  minuteNumber: number | null
  /** A decision's number within its minute ("(ii)" is 2). */
  decisionNumber: number | null
  /** The report an appendix belongs to, the minutes' status, whether an appendix is the Members' Room's. */
  parentTitle: string | null
  draft: boolean
  membersRoom: boolean
}

const MEETING_WORDS = sql`setweight(to_tsvector('english'::regconfig,
  c.name || ' ' || m.venue || ' ' || coalesce(m.notice, '') || ' ' || to_char(m.date, 'FMDD FMMonth YYYY')), 'C')`

/** Whether appendix `x` may be found: a Members' Room appendix only by those who may read the Members' Room. */
const appendixVisible = (viewer: SearchViewer) => sql`(not x.members_room_only or ${viewer.membersRoom})`

/**
 * Whether indicator `i` may be found: by those who see draft packs, any; by everyone else, one in a dataset with a
 * published month (the public indicator page shows it from the newest such publication).
 */
const indicatorVisible = (viewer: SearchViewer) => sql`(${viewer.drafts} or exists (
  select 1 from dataset_indicator d join publication p on p.dataset_id = d.dataset_id where d.indicator_id = i.id))`

/** Each kind's matches: kind, id, rank and date, for the query `q.query`. */
function matches(viewer: SearchViewer): RawBuilder<unknown> {
  return sql`
    select 'meeting' as kind, m.id::text as ref, ts_rank(${MEETING_WORDS}, q.query) as rank, m.date as date
      from meeting m join committee c on c.id = m.committee_id, q where ${MEETING_WORDS} @@ q.query
    union all
    select 'agenda-item', a.id::text, ts_rank(a.search_words, q.query), m.date
      from agenda_item a join meeting m on m.id = a.meeting_id, q where a.search_words @@ q.query
    union all
    select 'report', r.id::text, ts_rank(r.search_words, q.query), m.date
      from report r join agenda_item a on a.id = r.agenda_item_id join meeting m on m.id = a.meeting_id, q
      where r.search_words @@ q.query
    union all
    select 'appendix', x.id::text, ts_rank(x.search_words, q.query), m.date
      from report_appendix x join report r on r.id = x.report_id join agenda_item a on a.id = r.agenda_item_id
      join meeting m on m.id = a.meeting_id, q
      where x.search_words @@ q.query and ${appendixVisible(viewer)}
    union all
    select 'minute', i.id::text, ts_rank(i.search_words, q.query), m.date
      from minute_item i join minutes n on n.id = i.minutes_id join meeting m on m.id = n.meeting_id, q
      where i.search_words @@ q.query
    union all
    select 'decision', d.minute_item_id || '-' || d.number, ts_rank(d.search_words, q.query), m.date
      from minute_decision d join minute_item i on i.id = d.minute_item_id join minutes n on n.id = i.minutes_id
      join meeting m on m.id = n.meeting_id, q
      where d.search_words @@ q.query
    union all
    select 'recommendation', r.id::text, ts_rank(r.search_words, q.query), r.made_on
      from recommendation r, q where r.search_words @@ q.query
    union all
    select 'glossary', g.slug, ts_rank(g.search_words, q.query), null
      from glossary_entry g, q where g.search_words @@ q.query
    union all
    select 'indicator', i.id, ts_rank(i.search_words, q.query), null
      from indicator i, q where i.search_words @@ q.query and ${indicatorVisible(viewer)}`
}

/** The query, and the words typed as PostgreSQL stems them (to find where a snippet's text first matches). */
const query = (text: string) =>
  sql`q as (select websearch_to_tsquery('english'::regconfig, ${text}) as query,
    tsvector_to_array(to_tsvector('english'::regconfig, ${text})) as lexemes)`

/** A JSON list of text as one text, for a headline (its strings only). */
const plain = (column: string) =>
  `coalesce((select string_agg(e, ' ') from jsonb_array_elements_text(coalesce(${column}, '[]')::jsonb) e), '')`

/**
 * A snippet is worked out from a window of its text around the first place a typed word's stem appears (or its
 * start): `ts_headline` parses all the text it is given, and a 3,000-word appendix took 4 ms, twenty of them most
 * of a search's time. A stem is nearly always the start of the words it stands for, so looking for it as text
 * finds the first match closely enough to show it.
 */
const WINDOW_BEFORE = 200
const WINDOW_LENGTH = 2_500

export function searchRepository(db: Kysely<Database>) {
  const headline = (text: string) =>
    sql<string>`(select ts_headline('english'::regconfig,
      substr(body, greatest(1, coalesce((select min(nullif(strpos(lower(body), l), 0)) from unnest(q.lexemes) l), 1)
        - ${WINDOW_BEFORE}), ${WINDOW_LENGTH}),
      q.query, ${HEADLINE_OPTIONS}) from (select ${sql.raw(text)} as body) as snippet_text)`
  const titleHeadline = (text: string) =>
    sql<string>`ts_headline('english'::regconfig, ${sql.raw(text)}, q.query, ${TITLE_HEADLINE_OPTIONS})`

  /**
   * The full rows of one kind's results on the page. The viewer's limits are applied again (the ids came from a
   * filtered search, but a row must never be read in full on that alone). `sql.raw` only ever takes this file's
   * own column expressions: what was typed, and the ids, are parameters.
   */
  function details(
    kind: SearchKind,
    refs: string[],
    text: string,
    viewer: SearchViewer,
  ): RawBuilder<Omit<SearchRow, 'kind'> & { ref: string }> {
    const ids = refs.map(Number).filter(Number.isSafeInteger)
    const numeric = sql.join(ids.length > 0 ? ids : [0])
    const texts = sql.join(refs.length > 0 ? refs : [''])
    const common = (parts: {
      id: string
      title: string
      snippet: string
      date: string
      committee: string
      meetingId: string
      itemPosition: string
      minuteNumber: string
      decisionNumber?: string
      parentTitle: string
      draft: string
      membersRoom: string
    }) => sql`${sql.raw(parts.id)} as id, ${sql.raw(parts.id)}::text as ref, ${titleHeadline(parts.title)} as title,
      ${headline(parts.snippet)} as snippet, ${sql.raw(parts.date)} as date, ${sql.raw(parts.committee)} as committee,
      ${sql.raw(parts.meetingId)} as "meetingId", ${sql.raw(parts.itemPosition)} as "itemPosition",
      ${sql.raw(parts.minuteNumber)} as "minuteNumber", ${sql.raw(parts.decisionNumber ?? 'null::int')} as "decisionNumber",
      ${sql.raw(parts.parentTitle)} as "parentTitle",
      ${sql.raw(parts.draft)} as draft, ${sql.raw(parts.membersRoom)} as "membersRoom"`
    const none = { minuteNumber: 'null::int', parentTitle: 'null::text', draft: 'false', membersRoom: 'false' }
    switch (kind) {
      case 'meeting':
        return sql`with ${query(text)} select ${common({
          ...none,
          id: 'm.id',
          title: 'c.name',
          snippet: "m.venue || '. ' || coalesce(m.notice, '')",
          date: 'm.date',
          committee: 'c.name',
          meetingId: 'm.id',
          itemPosition: 'null::int',
        })} from meeting m join committee c on c.id = m.committee_id, q where m.id in (${numeric})`
      case 'agenda-item':
        return sql`with ${query(text)} select ${common({
          ...none,
          id: 'a.id',
          title: 'a.title',
          snippet: 'a.description',
          date: 'm.date',
          committee: 'c.name',
          meetingId: 'm.id',
          // Only an item with a report has a page of its own.
          itemPosition: 'case when exists (select 1 from report r where r.agenda_item_id = a.id) then a.position end',
        })} from agenda_item a join meeting m on m.id = a.meeting_id join committee c on c.id = m.committee_id, q
          where a.id in (${numeric})`
      case 'report':
        return sql`with ${query(text)} select ${common({
          ...none,
          id: 'r.id',
          title: 'r.subject',
          snippet: [
            'r.brief_summary',
            ...['recommendations', 'detail', 'reasons', 'alternative_options'].map((c) => plain(`r.${c}`)),
            ...['resource_implications', 'legal_implications', 'risk_implications'].map((c) => plain(`r.${c}`)),
            plain('r.policy_framework_implications'),
            plain('r.members_room_documents'),
            plain('r.background_documents'),
          ].join(" || ' ' || "),
          date: 'm.date',
          committee: 'c.name',
          meetingId: 'm.id',
          itemPosition: 'a.position',
        })} from report r join agenda_item a on a.id = r.agenda_item_id join meeting m on m.id = a.meeting_id
          join committee c on c.id = m.committee_id, q where r.id in (${numeric})`
      case 'appendix':
        return sql`with ${query(text)} select ${common({
          id: 'x.id',
          title: 'x.title',
          snippet: "coalesce(x.text_content, '')",
          date: 'm.date',
          committee: 'c.name',
          meetingId: 'm.id',
          itemPosition: 'a.position',
          minuteNumber: 'null::int',
          parentTitle: 'r.subject',
          draft: 'false',
          membersRoom: 'x.members_room_only',
        })} from report_appendix x join report r on r.id = x.report_id join agenda_item a on a.id = r.agenda_item_id
          join meeting m on m.id = a.meeting_id join committee c on c.id = m.committee_id, q
          where x.id in (${numeric}) and ${appendixVisible(viewer)}`
      case 'minute':
        return sql`with ${query(text)} select ${common({
          id: 'i.id',
          title: 'i.title',
          snippet: plain('i.paragraphs'),
          date: 'm.date',
          committee: 'c.name',
          meetingId: 'm.id',
          itemPosition: 'null::int',
          minuteNumber: 'i.number',
          parentTitle: 'null::text',
          draft: "n.status = 'draft'",
          membersRoom: 'false',
        })} from minute_item i join minutes n on n.id = i.minutes_id join meeting m on m.id = n.meeting_id
          join committee c on c.id = m.committee_id, q where i.id in (${numeric})`
      case 'decision':
        // A decision's ref is its minute item's id and its number ("12-2"); it is read where the minute is.
        return sql`with ${query(text)} select ${common({
          id: "d.minute_item_id || '-' || d.number",
          title: 'i.title',
          snippet: 'd.text',
          date: 'm.date',
          committee: 'c.name',
          meetingId: 'm.id',
          itemPosition: 'null::int',
          minuteNumber: 'i.number',
          decisionNumber: 'd.number',
          parentTitle: 'null::text',
          draft: "n.status = 'draft'",
          membersRoom: 'false',
        })} from minute_decision d join minute_item i on i.id = d.minute_item_id join minutes n on n.id = i.minutes_id
          join meeting m on m.id = n.meeting_id join committee c on c.id = m.committee_id, q
          where (d.minute_item_id || '-' || d.number) in (${texts})`
      case 'recommendation':
        return sql`with ${query(text)} select ${common({
          ...none,
          id: 'r.id',
          title: 'r.title',
          snippet: 'r.text',
          date: 'r.made_on',
          committee: 'c.name',
          meetingId: 'r.meeting_id',
          itemPosition: 'null::int',
        })} from recommendation r join committee c on c.id = r.committee_id, q where r.id in (${numeric})`
      case 'glossary':
        return sql`with ${query(text)} select ${common({
          ...none,
          id: 'g.slug',
          title: "g.term || coalesce(' (' || g.acronym || ')', '')",
          snippet: 'g.definition',
          date: 'null::date',
          committee: 'null::text',
          meetingId: 'null::int',
          itemPosition: 'null::int',
        })} from glossary_entry g, q where g.slug in (${texts})`
      case 'indicator':
        return sql`with ${query(text)} select ${common({
          ...none,
          id: 'i.id',
          title: 'i.title',
          snippet: "i.definition || ' ' || i.service_area",
          date: 'null::date',
          committee: 'null::text',
          meetingId: 'null::int',
          itemPosition: 'null::int',
        })} from indicator i, q where i.id in (${texts}) and ${indicatorVisible(viewer)}`
    }
  }

  return {
    /**
     * How many results of each kind `text` finds for `viewer`, and the ids of a page of them, best first (then
     * newest), of one kind or all, in one statement: the matches are ranked once (reading each match's words is
     * most of the cost) and both are taken from them. Ties in rank are broken by date, kind and id, so pages
     * never overlap or skip.
     */
    async find(
      text: string,
      viewer: SearchViewer,
      options: { kind: SearchKind | null; offset: number; limit: number },
    ): Promise<{ counts: Map<SearchKind, number>; page: Array<{ kind: SearchKind; ref: string }> }> {
      const { rows } = await sql<{ kind: SearchKind; ref: string | null; count: number | null }>`
        with ${query(text)}, hits as materialized (${matches(viewer)}),
        page as (
          select kind, ref, row_number() over (order by rank desc, date desc nulls last, kind, ref) as place from hits
          where ${options.kind === null ? sql`true` : sql`kind = ${options.kind}`}
          order by place limit ${options.limit} offset ${options.offset})
        select kind, null::text as ref, count(*)::int as count, 0::bigint as place from hits group by kind
        union all
        select kind, ref, null, place from page
        order by place`.execute(db)
      const counts = new Map<SearchKind, number>()
      const page: Array<{ kind: SearchKind; ref: string }> = []
      for (const row of rows) {
        if (row.ref === null) counts.set(row.kind, row.count ?? 0)
        else page.push({ kind: row.kind, ref: row.ref })
      }
      return { counts, page }
    },

    /** Each found result in full, in the order given, with its title and snippet highlighted. */
    async results(
      text: string,
      viewer: SearchViewer,
      found: ReadonlyArray<{ kind: SearchKind; ref: string }>,
    ): Promise<SearchRow[]> {
      const byKind = new Map<SearchKind, string[]>()
      for (const row of found) byKind.set(row.kind, [...(byKind.get(row.kind) ?? []), row.ref])
      const full = new Map<string, SearchRow>()
      for (const [kind, refs] of byKind) {
        const { rows } = await details(kind, refs, text, viewer).execute(db)
        for (const row of rows) full.set(`${kind}:${row.ref}`, { ...row, kind })
      }
      return found.flatMap((row) => full.get(`${row.kind}:${row.ref}`) ?? [])
    },
  }
}

export type SearchRepository = ReturnType<typeof searchRepository>
