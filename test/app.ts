/**
 * The real app with real views and services over an in-memory database: `demoApp()` holds the demo council
 * (without its meeting's printed pack), `emptyApp()` nothing at all (a council that starts with SCRUTINEER_DEMO=false).
 */
import type { FastifyInstance } from 'fastify'
import { services as buildServices, type Services } from '../src/services/index.ts'
import type { Store } from '../src/store/connect.ts'
import { freshPglite } from './databases.ts'
import { createApp, type AppOptions } from '../src/web/app.ts'

type TestAppOptions = Pick<AppOptions, 'signInRateLimitPerMinute' | 'rateLimitPerMinute' | 'jobRunner'>

async function testApp(
  options: TestAppOptions,
  loadDemo: boolean,
): Promise<{ app: FastifyInstance; services: Services; store: Store; close: () => Promise<void> }> {
  const store = await freshPglite()
  const services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Demo City Council' })
  // Without the 7 June 2018 meeting's printed pack: Chromium for every test app would cost seconds each, and the
  // document pack tests publish that meeting's first version themselves.
  if (loadDemo) await services.demo.loadIfEmpty({ documentPack: false })
  const app = await createApp(services, {
    environment: 'test',
    cookieSecret: 'test-secret-test-secret-test-secret',
    ...options,
  })
  await app.ready()
  return {
    app,
    services,
    store,
    close: async () => {
      await app.close()
      await store.close()
    },
  }
}

export async function demoApp(options: TestAppOptions = {}) {
  return testApp(options, true)
}

/** The app over an empty database: no demo, no committee, no figures, no accounts. */
export async function emptyApp(options: TestAppOptions = {}) {
  return testApp(options, false)
}
