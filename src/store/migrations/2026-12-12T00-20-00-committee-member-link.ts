/**
 * A committee's member list names people, not strings: each place on `committee_member` points at its `member`
 * (the person whose page is `/members/{slug}`), and the person's name and kind are read from there, so the committee
 * page, the member's page, the minutes' attendance and the front sheet all name one record. Every name already on a
 * committee's list becomes (or is matched to, by name and kind, as the members migration matches the minutes) a
 * member, and its place keeps its position and office; the list's own name and kind columns go only after every
 * row points at a member holding the same name and kind. Places on committees with their dates stay in
 * `member_role`: from now on the committee's list writes them as it changes (committee-service).
 */
import { sql, type Kysely } from 'kysely'
import { memberSlug } from '../../domain/scrutiny/members.ts'

interface Place {
  committee_id: number
  position: number
  name: string
  kind: 'councillor' | 'appointed'
}

/** A slug no member has yet: the member's own, or with -2, -3… when two people's names make the same one. */
async function freeSlug(db: Kysely<unknown>, name: string, kind: Place['kind']): Promise<string> {
  const base = memberSlug(name, kind) || 'member'
  for (let n = 1; ; n += 1) {
    const slug = n === 1 ? base : `${base}-${n}`
    const taken = await sql<{ id: number }>`select id from member where slug = ${slug}`.execute(db)
    if (taken.rows.length === 0) return slug
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('committee_member')
    .addColumn('member_id', 'integer', (c) => c.references('member.id'))
    .execute()
  const places = await sql<Place>`
    select committee_id, position, name, kind from committee_member order by committee_id, position`.execute(db)
  for (const place of places.rows) {
    const found = await sql<{ id: number }>`
      select id from member where name = ${place.name} and kind = ${place.kind}`.execute(db)
    let memberId = found.rows[0]?.id
    if (memberId === undefined) {
      const slug = await freeSlug(db, place.name, place.kind)
      const made = await sql<{ id: number }>`
        insert into member (slug, name, kind) values (${slug}, ${place.name}, ${place.kind}) returning id`.execute(db)
      const [row] = made.rows
      if (row === undefined) throw new Error('A member could not be added.')
      memberId = row.id
    }
    await sql`update committee_member set member_id = ${memberId}
      where committee_id = ${place.committee_id} and position = ${place.position}`.execute(db)
  }
  // Proof before the names go: every place points at a member of exactly its name and kind.
  const unmatched = await sql<{ n: number }>`
    select count(*)::int as n from committee_member cm left join member m on m.id = cm.member_id
    where m.id is null or m.name <> cm.name or m.kind <> cm.kind`.execute(db)
  if (unmatched.rows[0]?.n !== 0) throw new Error('A committee member could not be matched to a member record.')
  await db.schema
    .alterTable('committee_member')
    .alterColumn('member_id', (c) => c.setNotNull())
    .execute()
  // One person holds one place on a committee's list.
  await db.schema
    .alterTable('committee_member')
    .addUniqueConstraint('committee_member_person_unique', ['committee_id', 'member_id'])
    .execute()
  await db.schema.alterTable('committee_member').dropColumn('name').dropColumn('kind').execute()
  await db.schema.createIndex('member_role_committee').on('member_role').column('committee_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('member_role_committee').ifExists().execute()
  await db.schema.alterTable('committee_member').addColumn('name', 'text').addColumn('kind', 'text').execute()
  await sql`update committee_member cm set name = m.name, kind = m.kind from member m where m.id = cm.member_id`.execute(
    db,
  )
  await db.schema
    .alterTable('committee_member')
    .alterColumn('name', (c) => c.setNotNull())
    .execute()
  await db.schema
    .alterTable('committee_member')
    .alterColumn('kind', (c) => c.setNotNull())
    .execute()
  await db.schema
    .alterTable('committee_member')
    .addCheckConstraint('committee_member_kind_check', sql`kind in ('councillor', 'appointed')`)
    .execute()
  await db.schema.alterTable('committee_member').dropConstraint('committee_member_person_unique').execute()
  await db.schema.alterTable('committee_member').dropColumn('member_id').execute()
}
