/**
 * The real app with real views and services over an in-memory database: `demoApp()` holds the demo council
 * (without its meeting's printed pack), `emptyApp()` nothing at all (a council that starts with SCRUTINEER_DEMO=false).
 *
 * Loading the demo council costs seconds. Within one run of the suites (scripts/test.sh and test-suite.sh set
 * SCRUTINEER_TEST_RUN_CACHE to a folder of that run's own), the first test process to need it loads it and keeps a
 * copy there (test/databases.ts, `demoCouncilDump`); every demo app after that starts from the copy, and its
 * loadIfEmpty finds the council already there. Run alone, a test file loads the demo itself.
 */
import type { FastifyInstance } from 'fastify'
import { services as buildServices, type Services } from '../src/services/index.ts'
import { openStore, type Store } from '../src/store/connect.ts'
import { createApp, type AppOptions } from '../src/web/app.ts'
import {
  DEMO_SERVICE_CONFIG,
  demoCouncilDump,
  freshPglite,
  loadDemoCouncil,
  migratedPgliteDump,
  withClosingOnFailure,
} from './databases.ts'

/** `now` is the services' clock, which the routes read too (services.clock): a test fixes the day with it. */
type TestAppOptions = Pick<AppOptions, 'signInRateLimitPerMinute' | 'rateLimitPerMinute' | 'jobRunner'> & {
  now?: () => Date
}

/**
 * A database holding the demo council (without its meeting's printed pack: Chromium for every test app would cost
 * seconds each, and the document pack tests publish that meeting's first version themselves), in memory or in a
 * new folder `dataDir` (for tests that run commands or a server on it).
 */
export async function demoStore(dataDir: string | null = null): Promise<Store> {
  const dump = (await demoCouncilDump()) ?? (await migratedPgliteDump())
  const store = await openStore({ kind: 'pglite', dataDir, loadDataDir: dump })
  // Finds the council already there when the dump holds it (the usual case), and loads it when not.
  await withClosingOnFailure(store, loadDemoCouncil)
  return store
}

async function testApp(
  options: TestAppOptions,
  loadDemo: boolean,
): Promise<{ app: FastifyInstance; services: Services; store: Store; close: () => Promise<void> }> {
  const store = loadDemo ? await demoStore() : await freshPglite()
  const { now, ...appOptions } = options
  const services = buildServices(store, DEMO_SERVICE_CONFIG, now === undefined ? {} : { now })
  const app = await createApp(services, {
    environment: 'test',
    cookieSecret: 'test-secret-test-secret-test-secret',
    ...appOptions,
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
