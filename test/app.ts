/**
 * The real app with real views and services over an in-memory database: `demoApp()` holds the demo council
 * (without its meeting's printed pack), `emptyApp()` nothing at all (a council that starts with SCRUTINEER_DEMO=false).
 *
 * Loading the demo council costs seconds. Within one run of the suites (scripts/test.sh and test-suite.sh set
 * SCRUTINEER_TEST_RUN_CACHE to a folder of that run's own), the first test process to need it loads it and keeps a
 * copy there (test/databases.ts, `demoStore`); every demo app after that starts from the copy. Run alone, a test
 * file loads the demo itself.
 */
import type { FastifyInstance } from 'fastify'
import { services as buildServices, type Services } from '../src/services/index.ts'
import type { Store } from '../src/store/connect.ts'
import { createApp, type AppOptions } from '../src/web/app.ts'
import { DEMO_SERVICE_CONFIG, demoStore, freshPglite } from './databases.ts'

/** `now` is the services' clock, which the routes read too (services.clock): a test fixes the day with it. */
type TestAppOptions = Pick<AppOptions, 'signInRateLimitPerMinute' | 'rateLimitPerMinute' | 'jobRunner'> & {
  now?: () => Date
}

/** The demo council's embedded database, for tests that run commands or a server on a folder of it. */
export { demoStore }

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
