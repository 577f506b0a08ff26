import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.ts'

describe('the embedded database in its worker thread', () => {
  let database: EmbeddedDatabase

  before(async () => {
    database = await openEmbeddedDatabase(null)
  })
  after(async () => {
    await database.close()
  })

  it('answers queries with the shared type parsers, and counts the rows a statement changed', async () => {
    await database.exec('create table note (id int8 primary key, at timestamptz not null, day date not null)')
    const inserted = await database.query('insert into note values ($1, $2, $3), ($4, $2, $3)', [
      1,
      '2018-04-30T12:00:00Z',
      '2018-04-30',
      2,
    ])
    assert.equal(inserted.affectedRows, 2)
    const read = await database.query('select id, at, day from note order by id')
    assert.deepEqual(read.rows, [
      { id: 1, at: '2018-04-30T12:00:00.000Z', day: '2018-04-30' },
      { id: 2, at: '2018-04-30T12:00:00.000Z', day: '2018-04-30' },
    ])
  })

  it("passes on PostgreSQL's error fields, so callers can tell one error from another", async () => {
    await assert.rejects(database.query('insert into note values (1, now(), current_date)'), (error: Error) => {
      assert.equal((error as Error & { code?: string }).code, '23505')
      assert.match(error.message, /duplicate key/)
      return true
    })
    // The worker goes on answering after an error.
    assert.equal((await database.query('select count(*)::int as n from note')).rows.length, 1)
  })

  describe('edge cases', () => {
    it('tells a request made after closing that the database is closed, rather than waiting for ever', async () => {
      const other = await openEmbeddedDatabase(null)
      await other.close()
      assert.equal(other.closed, true)
      await assert.rejects(other.query('select 1'), /closed|stopped/)
    })
  })
})
