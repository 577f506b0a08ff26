/**
 * Builds every repository over one kysely handle (the database, or a transaction) — the hmpps `dataAccess()`
 * pattern. Services call `transaction()` to get the same repositories bound to one transaction.
 */
import type { Kysely } from 'kysely'
import { accountRepository } from './account-repository.ts'
import { annexARepository } from './annex-a-repository.ts'
import { auditRepository } from './audit-repository.ts'
import { benchmarkRepository } from './benchmark-repository.ts'
import { catalogueRepository } from './catalogue-repository.ts'
import { commentaryRepository } from './commentary-repository.ts'
import { documentPackRepository } from './document-pack-repository.ts'
import type { Store } from './connect.ts'
import { glossaryRepository } from './glossary-repository.ts'
import { importRepository } from './import-repository.ts'
import { jobRepository } from './job-repository.ts'
import { meetingRepository } from './meeting-repository.ts'
import { minutesRepository } from './minutes-repository.ts'
import { memberRepository } from './member-repository.ts'
import { workProgrammeRepository } from './work-programme-repository.ts'
import { observationRepository } from './observation-repository.ts'
import { recommendationRepository } from './recommendation-repository.ts'
import { processChangeRepository } from './process-change-repository.ts'
import { publicationRepository } from './publication-repository.ts'
import { reportRepository } from './report-repository.ts'
import type { Database } from './schema.ts'
import { searchRepository } from './search-repository.ts'
import { settingsRepository } from './settings-repository.ts'
import { uploadRepository } from './upload-repository.ts'
import { setUpRepository } from './set-up-repository.ts'

function repositories(db: Kysely<Database>) {
  return {
    catalogue: catalogueRepository(db),
    observations: observationRepository(db),
    imports: importRepository(db),
    audit: auditRepository(db),
    settings: settingsRepository(db),
    annexA: annexARepository(db),
    accounts: accountRepository(db),
    meetings: meetingRepository(db),
    recommendations: recommendationRepository(db),
    glossary: glossaryRepository(db),
    commentary: commentaryRepository(db),
    publications: publicationRepository(db),
    documentPacks: documentPackRepository(db),
    minutes: minutesRepository(db),
    members: memberRepository(db),
    workProgramme: workProgrammeRepository(db),
    reports: reportRepository(db),
    uploads: uploadRepository(db),
    jobs: jobRepository(db),
    setUp: setUpRepository(db),
    benchmarks: benchmarkRepository(db),
    processChanges: processChangeRepository(db),
    search: searchRepository(db),
  }
}

export type Repositories = ReturnType<typeof repositories>

export function dataAccess(store: Store) {
  return {
    ...repositories(store.db),
    /** Runs `work` in one transaction: everything it writes commits together or not at all. */
    transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
      return store.db.transaction().execute((trx) => work(repositories(trx)))
    },
  }
}

export type DataAccess = ReturnType<typeof dataAccess>
