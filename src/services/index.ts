/**
 * The composition of every service over one store. Its return type is the `Services` type that the web app and
 * the CLI are built with; nobody maintains it by hand.
 */
import type { Config } from '../config.ts'
import { checkStore, type Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { accountService } from './account-service.ts'
import { annexAService } from './annex-a-service.ts'
import { calendarService } from './calendar-service.ts'
import { demoService } from './demo-service.ts'
import { figuresService } from './figures-service.ts'
import { packService } from './pack-service.ts'
import { NO_CONTENT } from './publishable-content.ts'
import { publicationService } from './publication-service.ts'

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
  // The commentary service replaces NO_CONTENT when it is merged.
  const publications = publicationService(data, NO_CONTENT, options.now ?? (() => new Date()))
  return {
    config,
    figures,
    calendar,
    annexA,
    packs: packService(data),
    publications,
    accounts: accountService(data, { now: options.now ?? (() => new Date()) }),
    demo: demoService(data, figures, annexA, config.maxImportBytes, publications),
    health: {
      async check() {
        const status = await checkStore(store)
        return { database: { kind: store.kind, ok: status.ok, detail: status.detail } }
      },
    },
  }
}

export type Services = ReturnType<typeof services>
