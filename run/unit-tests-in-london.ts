/**
 * The domain's unit files again, in London's time zone (the other runs are in UTC): no date the domain works out
 * may depend on the machine's zone. Node takes a time zone set in process.env.TZ from then on.
 *   node --import tsx --test run/unit-tests-in-london.ts
 */
import { runInOneProcess } from '../test/one-process.ts'

process.env.TZ = 'Europe/London'
runInOneProcess('domain', undefined, 'in London: ')
