/**
 * Published pages and downloads as the public gets them, made once and then served like files.
 *
 * A published month never changes, so what the public is sent depends only on a few things the caller puts in the
 * key (the version's content hash, the dataset's published months, the glossary's stamp): equal keys give equal
 * responses. Each process keeps its own (instances share nothing but the database), evicting the least recently
 * used, already compressed with gzip and Brotli for clients that accept them (a 175 KB pack page is 11–16 KB).
 *
 * A kept page is the same bytes for everyone, so it cannot carry a per-response CSP nonce: it is made without one.
 * Its scripts are our own file (`'self'`) and GOV.UK Frontend's one-line inline script, which the CSP allows by its
 * hash (`inlineScriptHashes`). Responses carry an `ETag` per encoding and `Cache-Control: public, no-cache`, so a
 * browser or gateway may keep them but asks each time, and gets a 304 while nothing has changed. Signed-in people
 * are never sent a kept response (their figures are unsuppressed).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ContentCache } from '../store/content-cache.ts'

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

/** A response as made once: its body (a page made without a nonce, or a download), type and file name. */
export interface MadeResponse {
  body: string | Buffer
  type: string
  /** `attachment; filename="…"` for downloads. */
  disposition?: string
}

type Encoding = 'br' | 'gzip' | 'identity'

interface KeptResponse {
  type: string
  disposition: string | undefined
  /** Each encoding's bytes and entity tag; only identity for bodies that do not compress (XLSX is a zip already). */
  bodies: Partial<Record<Encoding, { bytes: Buffer; etag: string }>>
  weight: number
}

/**
 * The `'sha256-…'` sources for the inline scripts of GOV.UK Frontend's page template, for the CSP's script-src: so
 * a page made without a nonce (a kept public page) still runs them, and nothing else inline runs.
 */
export function inlineScriptHashes(): string[] {
  const template = readFileSync(
    createRequire(import.meta.url).resolve('govuk-frontend/dist/govuk/template.njk'),
    'utf8',
  )
  return [...template.matchAll(/<script[^>]*>([^<]+)<\/script>/g)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`,
  )
}

/** Whether an `If-None-Match` header names this entity tag (weak or strong, in a list, or `*`). */
export function matchesEntityTag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false
  return header.split(',').some((tag) => {
    const trimmed = tag.trim()
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag
  })
}

/** The encoding to send, from `Accept-Encoding` and what is kept: Brotli, then gzip, then none. */
export function chooseEncoding(header: string | undefined, kept: ReadonlySet<Encoding>): Encoding {
  const accepted = new Map<string, number>()
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    if (name !== '') accepted.set(name, q === undefined ? 1 : Number(q))
  }
  const allows = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0
  for (const encoding of ['br', 'gzip'] as const) if (kept.has(encoding) && allows(encoding)) return encoding
  return 'identity'
}

async function keep(made: MadeResponse): Promise<KeptResponse> {
  const identity = typeof made.body === 'string' ? Buffer.from(made.body, 'utf8') : made.body
  const tag = createHash('sha256').update(identity).digest('base64url').slice(0, 32)
  const bodies: KeptResponse['bodies'] = { identity: { bytes: identity, etag: `"${tag}"` } }
  // Text compresses tenfold; a workbook is a zip already. Compressed off the main thread, once.
  if (/^(text\/|application\/json)/.test(made.type)) {
    const [br, gz] = await Promise.all([
      brotli(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
      gzipped(identity, { level: 9 }),
    ])
    bodies.br = { bytes: br, etag: `"${tag}-br"` }
    bodies.gzip = { bytes: gz, etag: `"${tag}-gz"` }
  }
  const weight = Object.values(bodies).reduce((sum, body) => sum + body.bytes.length, 0)
  return { type: made.type, disposition: made.disposition, bodies, weight }
}

export function publishedResponses(maxBytes = 64 * 1024 * 1024) {
  const kept = new ContentCache<KeptResponse>(maxBytes, (response) => response.weight)

  return {
    /**
     * Sends the response kept under `key`, making it with `make` the first time (two requests racing to make it
     * both make it; the second's is kept, and both are the same). Pages `make` renders get no CSP nonce.
     */
    async send(
      request: FastifyRequest,
      reply: FastifyReply,
      key: string,
      make: () => Promise<MadeResponse>,
    ): Promise<FastifyReply> {
      let response = kept.get(key)
      if (response === undefined) {
        // Made once for every reader, so without a nonce: the CSP allows its scripts by origin and hash.
        reply.locals = { ...reply.locals, cspNonce: '' }
        response = await keep(await make())
        kept.set(key, response)
      }
      const encodings = new Set(Object.keys(response.bodies) as Encoding[])
      const encoding = chooseEncoding(request.headers['accept-encoding'], encodings)
      const body = response.bodies[encoding] ?? response.bodies.identity
      if (body === undefined) throw new Error('A kept response has no body.')
      reply
        .header('etag', body.etag)
        .header('cache-control', 'public, no-cache')
        .header('vary', encodings.size > 1 ? 'Accept-Encoding, Cookie' : 'Cookie')
      if (matchesEntityTag(request.headers['if-none-match'], body.etag)) return reply.code(304).send()
      reply.type(response.type)
      if (encoding !== 'identity') reply.header('content-encoding', encoding)
      if (response.disposition !== undefined) reply.header('content-disposition', response.disposition)
      return reply.send(body.bytes)
    },

    /** Forgets every kept response. */
    clear(): void {
      kept.clear()
    },
  }
}

export type PublishedResponses = ReturnType<typeof publishedResponses>
