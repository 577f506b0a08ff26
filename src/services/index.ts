/**
 * The composition of every service over one store. Its return type is the `Services` type that the web app and
 * the CLI are built with; nobody maintains it by hand.
 */
import type { Config } from '../config.ts'
import { checkStore, type Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { accountService } from './account-service.ts'
import { annexAService } from './annex-a-service.ts'
import { auditLogService } from './audit-log-service.ts'
import { calendarService } from './calendar-service.ts'
import { demoService } from './demo-service.ts'
import { figuresService } from './figures-service.ts'
import { packService } from './pack-service.ts'
import { userAdministrationService } from './user-administration-service.ts'

/** `options.now` is the clock the account service reads (session timeouts, lockouts); tests replace it. */
export function services(
  store: Store,
  config: Pick<Config, 'maxImportBytes' | 'councilName'>,
  options: { now?: () => Date } = {},
) {
  const data = dataAccess(store)
  const figures = figuresService(data)
  const calendar = calendarService(data)
  const annexA = annexAService(data, calendar)
  return {
    config,
    figures,
    calendar,
    annexA,
    packs: packService(data),
    accounts: accountService(data, { now: options.now ?? (() => new Date()) }),
    users: userAdministrationService(data, { now: options.now ?? (() => new Date()) }),
    auditLog: auditLogService(data),
    demo: demoService(data, figures, annexA, config.maxImportBytes),
    health: {
      async check() {
        const status = await checkStore(store)
        return { database: { kind: store.kind, ok: status.ok, detail: status.detail } }
      },
    },
  }
}

export type Services = ReturnType<typeof services>
