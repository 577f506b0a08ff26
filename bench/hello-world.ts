/**
 * The peer the published pages are measured against: fastify answering "hello world", nothing else, in its own
 * process like the server. `node --import tsx bench/hello-world.ts PORT`; prints "listening" when ready.
 */
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/', () => 'hello world')
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' })
process.stdout.write('listening\n')
