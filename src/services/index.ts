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
import { documentPackService, type PackBuilder } from './document-pack-service.ts'
import { figuresService } from './figures-service.ts'
import { meetingService } from './meeting-service.ts'
import { packService } from './pack-service.ts'

/** `options.now` is the clock the account service reads (session timeouts, lockouts); tests replace it. */
export function services(
  store: Store,
  config: Pick<Config, 'maxImportBytes' | 'councilName'>,
  options: { now?: () => Date; buildPack?: PackBuilder } = {},
) {
  const data = dataAccess(store)
  const figures = figuresService(data)
  const calendar = calendarService(data)
  const annexA = annexAService(data, calendar)
  const meetings = meetingService(data)
  return {
    config,
    figures,
    calendar,
    annexA,
    packs: packService(data),
    meetings,
    documentPacks: documentPackService(
      data,
      calendar,
      options.buildPack === undefined ? {} : { buildPack: options.buildPack },
    ),
    accounts: accountService(data, { now: options.now ?? (() => new Date()) }),
    demo: demoService(data, figures, annexA, meetings, config.maxImportBytes),
    health: {
      async check() {
        const status = await checkStore(store)
        return { database: { kind: store.kind, ok: status.ok, detail: status.detail } }
      },
    },
  }
}

export type Services = ReturnType<typeof services>
