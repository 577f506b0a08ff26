/**
 * Every migration, by name. Listed here rather than read from the folder so that the set that runs is the set
 * that was type-checked and shipped. Names are timestamps: they sort in the order they must run.
 */
import type { Migration, MigrationProvider } from 'kysely'
import * as figures from './2026-11-23T10-00-00-figures.ts'
import * as annexA from './2026-11-23T11-00-00-annex-a.ts'
import * as accounts from './2026-11-23T12-00-00-accounts.ts'
import * as meetings from './2026-11-30T14-00-00-meetings.ts'
import * as recommendations from './2026-11-30T14-30-00-recommendations.ts'
import * as glossary from './2026-11-30T13-00-00-glossary.ts'
import * as commentary from './2026-11-30T11-00-00-commentary.ts'
import * as auditSearch from './2026-11-30T10-00-00-audit-search.ts'
import * as publication from './2026-11-30T12-00-00-publication.ts'
import * as documentPack from './2026-11-30T15-00-00-document-pack.ts'
import * as minutes from './2026-11-30T16-00-00-minutes.ts'
import * as reports from './2026-11-30T16-30-00-reports.ts'
import * as membersPack from './2026-11-30T17-30-00-members-pack.ts'
import * as recommendationMinute from './2026-11-30T18-00-00-recommendation-minute.ts'
import * as committeeInformation from './2026-11-30T19-00-00-committee-information.ts'
import * as jobs from './2026-12-06T10-00-00-jobs.ts'
import * as uploads from './2026-12-06T11-00-00-uploads.ts'
import * as setUpLink from './2026-12-06T12-00-00-set-up-link.ts'
import * as appendixDataset from './2026-12-06T12-00-10-appendix-dataset.ts'
import * as importLoading from './2026-12-06T13-00-00-import-loading.ts'
import * as indicatorOwnerAccount from './2026-12-07T10-00-00-indicator-owner-account.ts'
import * as auditChain from './2026-12-07T11-00-00-audit-chain.ts'
import * as drillDown from './2026-12-08T02-00-00-drill-down.ts'
import * as auditTextSearch from './2026-12-08T04-00-00-audit-text-search.ts'
import * as dfeBenchmarks from './2026-12-08T07-00-00-dfe-benchmarks.ts'
import * as annexARowBlocks from './2026-12-09T00-00-00-annex-a-row-blocks.ts'
import * as spcProcessChanges from './2026-12-10T00-00-00-spc-process-changes.ts'
import * as search from './2026-12-11T02-00-00-search.ts'
import * as attendance from './2026-12-11T03-00-00-attendance.ts'
import * as minuteDecisions from './2026-12-11T03-10-00-minute-decisions.ts'
import * as members from './2026-12-11T03-20-00-members.ts'
import * as workProgramme from './2026-12-11T03-30-00-work-programme.ts'
import * as workProgrammeDeferral from './2026-12-12T00-00-00-work-programme-deferral.ts'
import * as decisionSearch from './2026-12-12T00-10-00-decision-search.ts'
import * as committeeMemberLink from './2026-12-12T00-20-00-committee-member-link.ts'
import * as stagedImport from './2026-12-12T00-30-00-staged-import.ts'

const migrations: Record<string, Migration> = {
  '2026-11-23T10-00-00-figures': figures,
  '2026-11-23T11-00-00-annex-a': annexA,
  '2026-11-23T12-00-00-accounts': accounts,
  '2026-11-30T14-00-00-meetings': meetings,
  '2026-11-30T14-30-00-recommendations': recommendations,
  '2026-11-30T13-00-00-glossary': glossary,
  '2026-11-30T11-00-00-commentary': commentary,
  '2026-11-30T10-00-00-audit-search': auditSearch,
  '2026-11-30T12-00-00-publication': publication,
  '2026-11-30T15-00-00-document-pack': documentPack,
  '2026-11-30T16-00-00-minutes': minutes,
  '2026-11-30T16-30-00-reports': reports,
  '2026-11-30T17-30-00-members-pack': membersPack,
  '2026-11-30T18-00-00-recommendation-minute': recommendationMinute,
  '2026-11-30T19-00-00-committee-information': committeeInformation,
  '2026-12-06T10-00-00-jobs': jobs,
  '2026-12-06T11-00-00-uploads': uploads,
  '2026-12-06T12-00-00-set-up-link': setUpLink,
  '2026-12-06T12-00-10-appendix-dataset': appendixDataset,
  '2026-12-06T13-00-00-import-loading': importLoading,
  '2026-12-07T10-00-00-indicator-owner-account': indicatorOwnerAccount,
  '2026-12-07T11-00-00-audit-chain': auditChain,
  '2026-12-08T02-00-00-drill-down': drillDown,
  '2026-12-08T04-00-00-audit-text-search': auditTextSearch,
  '2026-12-08T07-00-00-dfe-benchmarks': dfeBenchmarks,
  '2026-12-09T00-00-00-annex-a-row-blocks': annexARowBlocks,
  '2026-12-10T00-00-00-spc-process-changes': spcProcessChanges,
  '2026-12-11T02-00-00-search': search,
  '2026-12-11T03-00-00-attendance': attendance,
  '2026-12-11T03-10-00-minute-decisions': minuteDecisions,
  '2026-12-11T03-20-00-members': members,
  '2026-12-11T03-30-00-work-programme': workProgramme,
  '2026-12-12T00-00-00-work-programme-deferral': workProgrammeDeferral,
  '2026-12-12T00-10-00-decision-search': decisionSearch,
  '2026-12-12T00-20-00-committee-member-link': committeeMemberLink,
  '2026-12-12T00-30-00-staged-import': stagedImport,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
}
