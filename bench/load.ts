/**
 * A small load generator for the benchmarks: `connections` keep-alive connections, each asking for the URL again as
 * soon as the last answer has been read, for `durationMs` after a warm-up. Node's own HTTP client, so a peer server
 * measured in the same run (hello-world fastify) is measured by the same client on the same cores.
 */
import { Agent, request } from 'node:http'
import { performance } from 'node:perf_hooks'

export interface LoadResult {
  requests: number
  perSecond: number
  p50: number
  p99: number
  worst: number
  /** Answers other than the expected status, and connection errors. */
  failures: number
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
}

function get(agent: Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (response) => {
      response.on('data', () => undefined)
      response.on('end', () => resolve(response.statusCode ?? 0))
      response.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

export async function load(
  target: string,
  options: {
    connections: number
    durationMs: number
    warmUpMs?: number
    status?: number
    /** Request headers; by default what a browser sends about encodings (`Accept-Encoding: gzip, deflate, br`). */
    headers?: Record<string, string>
  },
): Promise<LoadResult> {
  const url = new URL(target)
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections })
  const expected = options.status ?? 200
  const headers = options.headers ?? { 'accept-encoding': 'gzip, deflate, br' }
  const latencies: number[] = []
  let failures = 0
  let measuring = false
  let stopAt = performance.now() + (options.warmUpMs ?? 2000)
  const worker = async () => {
    while (performance.now() < stopAt) {
      const started = performance.now()
      let status = 0
      try {
        status = await get(agent, url, headers)
      } catch {
        status = -1
      }
      if (!measuring) continue
      if (status === expected) latencies.push(performance.now() - started)
      else failures += 1
    }
  }
  // Warm up (JIT, caches, connections), then measure.
  await Promise.all(Array.from({ length: options.connections }, worker))
  measuring = true
  const started = performance.now()
  stopAt = started + options.durationMs
  await Promise.all(Array.from({ length: options.connections }, worker))
  const elapsed = performance.now() - started
  agent.destroy()
  latencies.sort((a, b) => a - b)
  return {
    requests: latencies.length,
    perSecond: (latencies.length / elapsed) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    worst: latencies.at(-1) ?? Number.NaN,
    failures,
  }
}
