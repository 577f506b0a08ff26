import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { EMBEDDED_DATABASE_STOPPED } from './embedded-database.ts'
import { databaseFault, fromDatabase } from './database-faults.ts'

const withCode = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields)

describe('what a database failure means', () => {
  it('reads a stopped, restarting or unreachable PostgreSQL as unavailable', () => {
    const cases = [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED', syscall: 'connect' }),
      withCode('connect ENOENT /tmp/pg/.s.PGSQL.5432', { code: 'ENOENT', syscall: 'connect' }),
      withCode('terminating connection due to administrator command', { code: '57P01', severity: 'FATAL' }),
      withCode('the database system is shutting down', { code: '57P03', severity: 'FATAL' }),
      withCode('sorry, too many clients already', { code: '53300', severity: 'FATAL' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', { code: 'ECONNREFUSED' })], ''),
    ]
    for (const error of cases) assert.equal(databaseFault(error)?.kind, 'unavailable', error.message)
  })

  it('reads a full disk as out of space, and a PANIC or an aborted PGlite as broken', () => {
    assert.equal(databaseFault(withCode('could not extend file', { code: '53100' }))?.kind, 'out-of-space')
    assert.equal(
      databaseFault(withCode('ENOSPC: no space left on device, write', { code: 'ENOSPC' }))?.kind,
      'out-of-space',
    )
    assert.equal(databaseFault(new Error('PANIC: cannot drop active portal'))?.kind, 'broken')
    assert.equal(databaseFault(Object.assign(new Error('unreachable'), { name: 'RuntimeError' }))?.kind, 'broken')
    assert.equal(databaseFault(new Error('Aborted(). Build with -sASSERTIONS for more info.'))?.kind, 'broken')
    // PGlite's worker thread gone: every request after is told so (embedded-database.ts).
    const stopped = Object.assign(new Error('The embedded database stopped (worker exit code 1).'), {
      name: EMBEDDED_DATABASE_STOPPED,
    })
    assert.equal(databaseFault(stopped)?.kind, 'broken')
  })

  describe('edge cases', () => {
    it('leaves errors that are not the database failing alone, but knows an SQL error came from the database', () => {
      const duplicate = withCode('duplicate key value violates unique constraint', { code: '23505', severity: 'ERROR' })
      assert.equal(databaseFault(duplicate), null)
      assert.equal(fromDatabase(duplicate), true)
      // A file that is not there is not a database that is not there.
      const missingFile = withCode("ENOENT: no such file or directory, open 'x.csv'", {
        code: 'ENOENT',
        syscall: 'open',
      })
      assert.equal(databaseFault(missingFile), null)
      assert.equal(fromDatabase(missingFile), false)
      for (const value of [null, undefined, 'text', 42, new TypeError('x is undefined')]) {
        assert.equal(databaseFault(value), null)
        assert.equal(fromDatabase(value), false)
      }
    })

    it('finds the fault behind a wrapping error', () => {
      const wrapped = new Error('Could not load', { cause: withCode('connect ECONNREFUSED', { code: 'ECONNREFUSED' }) })
      assert.equal(databaseFault(wrapped)?.kind, 'unavailable')
    })
  })
})
