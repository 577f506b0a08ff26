/**
 * Published pages and downloads as the public gets them, made once and then served like files.
 *
 * A published month never changes, so what the public is sent depends only on a few things the caller puts in the
 * key (the version's content hash, the dataset's published months, the glossary's stamp): equal keys give equal
 * responses. Each process keeps its own responses (instances share nothing but the database), evicting the least
 * recently used. Pages carry a CSP nonce, which must differ per response: a kept page holds a stand-in that each
 * response replaces with its own nonce. Responses carry an `ETag` (a hash of the body without its nonce) and
 * `Cache-Control: public, no-cache`, so a browser or gateway may keep them but asks each time, and gets a 304 while
 * nothing has changed. Signed-in people are never sent a kept response (their figures are unsuppressed).
 */
import { createHash, randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ContentCache } from '../store/content-cache.ts'

/** Stands in for the CSP nonce in a kept page: random per process, so no published text can contain it. */
export const NONCE_STAND_IN = `scrutineer-nonce-${randomBytes(16).toString('hex')}`

/** A response as made once: its body (a page with the nonce stand-in, or a download), type and file name. */
export interface MadeResponse {
  body: string | Buffer
  type: string
  /** `attachment; filename="…"` for downloads. */
  disposition?: string
}

interface KeptResponse extends MadeResponse {
  etag: string
  hasNonce: boolean
}

/** Whether an `If-None-Match` header names this entity tag (weak or strong, in a list or `*`). */
export function matchesEntityTag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false
  return header.split(',').some((tag) => {
    const trimmed = tag.trim()
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag
  })
}

export function publishedResponses(maxBytes = 64 * 1024 * 1024) {
  const kept = new ContentCache<KeptResponse>(maxBytes, (response) =>
    typeof response.body === 'string' ? response.body.length * 2 : response.body.length,
  )

  return {
    /**
     * Sends the response kept under `key`, making it with `make` the first time (two requests racing to make it
     * both make it; the second's is kept, and both are the same).
     */
    async send(
      request: FastifyRequest,
      reply: FastifyReply,
      key: string,
      make: () => Promise<MadeResponse>,
    ): Promise<FastifyReply> {
      let response = kept.get(key)
      if (response === undefined) {
        const made = await make()
        const hasNonce = typeof made.body === 'string' && made.body.includes(NONCE_STAND_IN)
        const identity = hasNonce ? (made.body as string).replaceAll(NONCE_STAND_IN, '') : made.body
        const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 32)}"`
        response = { ...made, etag, hasNonce }
        kept.set(key, response)
      }
      reply.header('etag', response.etag).header('cache-control', 'public, no-cache').header('vary', 'Cookie')
      if (matchesEntityTag(request.headers['if-none-match'], response.etag)) return reply.code(304).send()
      reply.type(response.type)
      if (response.disposition !== undefined) reply.header('content-disposition', response.disposition)
      const body = response.hasNonce
        ? (response.body as string).replaceAll(NONCE_STAND_IN, reply.cspNonce.script)
        : response.body
      return reply.send(body)
    },

    /** Forgets every kept response (for tests and memory pressure). */
    clear(): void {
      kept.clear()
    },
  }
}

export type PublishedResponses = ReturnType<typeof publishedResponses>
