/**
 * The Load data area (`/load-data`): performance officers and administrators upload monthly figures, a catalogue,
 * an Annex A return or a bank-holidays feed; Scrutineer checks it and shows what it would change
 * (`/load-data/{id}`); someone confirms (a job loads it) or abandons it. The file streams from the request into
 * the database: the form's fields come first (its CSRF token among them, read before the file so the usual check
 * applies), then the file, which is never held in memory whole.
 */
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart'
import type { FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { Action } from '../../domain/permissions.ts'
import { fileSize, type UploadFieldProblem, type UploadKind } from '../../domain/upload.ts'
import type { Services } from '../../services/index.ts'
import { actorOf, forbidden, requestCan } from '../access.ts'
import { formField, positiveId } from '../request-input.ts'
import {
  emptyLoadDataValues,
  formInputFor,
  LOAD_DATA_FIELDS,
  loadDataModel,
  uploadPageModel,
  type LoadDataValues,
} from '../view-models/load-data-pages.ts'

/** Who may load each kind of file (the route's own access is `import-figures`; every kind goes to the same roles). */
const KIND_ACTIONS: Readonly<Record<UploadKind, Action>> = {
  figures: 'import-figures',
  catalogue: 'manage-catalogue',
  'annex-a': 'import-annex-a',
  'bank-holidays': 'import-bank-holidays',
}

/** The form's fields, read before its file, and the file part itself (its bytes not yet read). */
export interface PendingUpload {
  fields: Record<string, string>
  file: MultipartFile | null
}

const pending = new WeakMap<FastifyRequest, PendingUpload>()

/** Room for the form's other fields and the multipart framing around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024

type IdParams = { Params: { id: string } }

/**
 * Makes `scope` take multipart uploads of one file of at most `fileSize` bytes from people who may load data: the
 * form's fields are read first (its CSRF token among them, so the usual check runs before a byte of the file is
 * read) and become the body; the file part waits in `pendingUpload(request)`, its bytes not yet read.
 */
export async function acceptUploads(scope: FastifyInstance, fileSize: number): Promise<void> {
  // Refused before the body is read, so nobody who may not upload can make the server take a file (the answer
  // the access hook would give a POST, only earlier).
  scope.addHook('onRequest', async (request, reply) => {
    if (!requestCan(request, 'import-figures')) {
      return forbidden(reply, request.user === null ? 'Sign in to do this.' : undefined)
    }
    return undefined
  })
  await scope.register(fastifyMultipart, {
    limits: { fileSize, files: 1, fields: 30, fieldSize: 10_000, parts: 40 },
  })
  // The fields before the file (the forms put the file last), so that the CSRF check and the form's own checks
  // run before a byte of the file is stored.
  scope.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return
    const parts = request.parts()
    const fields: Record<string, string> = {}
    let file: MultipartFile | null = null
    for (;;) {
      const next = await parts.next()
      if (next.done === true) break
      const part = next.value
      if (part.type === 'file') {
        file = part
        break
      }
      const value = part.value
      if (typeof value === 'string') fields[part.fieldname] = value
    }
    request.body = fields
    pending.set(request, { fields, file })
  })
  // A request answered without reading its file (a missing CSRF token, a form with mistakes) still has to be read
  // to its end, or the browser would wait for ever to finish sending it: it is read and thrown away.
  scope.addHook('onSend', (request, _reply, payload, done) => {
    const file = pending.get(request)?.file
    if (file && !file.file.readableEnded && !file.file.destroyed) file.file.resume()
    done(null, payload)
  })
}

/** The upload `acceptUploads` read the fields of: the fields, and the file part (null when none came). */
export function pendingUpload(request: FastifyRequest): PendingUpload | undefined {
  return pending.get(request)
}

export function loadDataRoutes(services: Services): FastifyPluginCallback {
  const access = { access: 'import-figures' } as const
  const context = (request: FastifyRequest) => ({ actor: actorOf(request), correlationId: request.id })

  async function renderForm(
    reply: FastifyReply,
    values: LoadDataValues,
    problems: readonly UploadFieldProblem[],
  ): Promise<FastifyReply> {
    return reply.view('pages/load-data.njk', {
      model: loadDataModel({
        datasets: await services.uploads.datasets(),
        uploads: await services.uploads.list(),
        values,
        problems,
        limits: services.uploads.limits,
        endMonths: await services.uploads.endMonths(),
      }),
    })
  }

  async function renderUpload(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    problem: string | null = null,
  ): Promise<FastifyReply> {
    const upload = await services.uploads.find(id)
    if (upload === null) {
      reply.callNotFound()
      return reply
    }
    // An Annex A preview quotes what children's records hold: only those who may import a return see it.
    if (!requestCan(request, KIND_ACTIONS[upload.kind])) return forbidden(reply)
    return reply
      .header('cache-control', 'no-store')
      .view('pages/upload.njk', { model: uploadPageModel(upload, { problem }) })
  }

  /** The upload an id in the path names, if the person may act on its kind; otherwise the reply is sent. */
  async function uploadFor(request: FastifyRequest<IdParams>, reply: FastifyReply) {
    const id = positiveId(request.params.id)
    const upload = id === null ? null : await services.uploads.find(id)
    if (upload === null) {
      reply.callNotFound()
      return null
    }
    if (!requestCan(request, KIND_ACTIONS[upload.kind])) {
      forbidden(reply)
      return null
    }
    return upload
  }

  return (app, _options, done) => {
    app.get('/load-data', { config: access }, async (request, reply) =>
      renderForm(reply.header('cache-control', 'no-store'), emptyLoadDataValues(), []),
    )

    app.get<IdParams>('/load-data/:id', { config: access }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null) return reply.callNotFound()
      return renderUpload(request, reply, id)
    })

    app.post<IdParams>('/load-data/:id/confirm', { config: access }, async (request, reply) => {
      const upload = await uploadFor(request, reply)
      if (upload === null) return reply
      const confirmed = await services.uploads.confirm(upload.id, context(request))
      if (!confirmed.ok) return renderUpload(request, reply.code(409), upload.id, confirmed.problems[0] ?? null)
      return reply.redirect(`/jobs/${confirmed.value.jobId}`, 303)
    })

    app.post<IdParams>('/load-data/:id/abandon', { config: access }, async (request, reply) => {
      const upload = await uploadFor(request, reply)
      if (upload === null) return reply
      const abandoned = await services.uploads.abandon(upload.id, context(request))
      if (!abandoned.ok) return renderUpload(request, reply.code(409), upload.id, abandoned.problems[0] ?? null)
      return reply.redirect(`/load-data/${upload.id}`, 303)
    })

    app.post<IdParams>('/load-data/:id/check', { config: access }, async (request, reply) => {
      const upload = await uploadFor(request, reply)
      if (upload === null) return reply
      const checked = await services.uploads.recheck(upload.id, context(request))
      if (!checked.ok) return renderUpload(request, reply.code(409), upload.id, checked.problems[0] ?? null)
      const job = checked.value.checkJobId
      return reply.redirect(job === null ? `/load-data/${upload.id}` : `/jobs/${job}`, 303)
    })

    // The upload itself: multipart on this route only, streamed.
    app.register(async (scope) => {
      const { maxImportBytes, maxAnnexABytes } = services.uploads.limits
      // One byte over the larger limit: the upload service refuses a file over its own kind's limit as it arrives.
      await acceptUploads(scope, Math.max(maxImportBytes, maxAnnexABytes) + 1)
      scope.post('/load-data', { config: access }, async (request, reply) => {
        const received = pendingUpload(request)
        const values = emptyLoadDataValues()
        for (const name of LOAD_DATA_FIELDS) values[name] = formField(received?.fields, name)
        const file = received?.file ?? null
        // A browser sends an empty file part when no file was chosen.
        const fileName = file?.filename ?? ''
        const valid = await services.uploads.validate(formInputFor(values, fileName))
        if (!valid.ok) {
          return renderForm(reply.code(400), values, valid.problems)
        }
        if (file === null) {
          return renderForm(reply.code(400), values, [{ field: 'file', message: 'Select a file' }])
        }
        if (!requestCan(request, KIND_ACTIONS[valid.value.kind])) return forbidden(reply)
        // A request much bigger than the limit is refused on its declared length, before anything is stored.
        const limit = services.uploads.limitFor(valid.value.kind)
        if (Number(request.headers['content-length'] ?? 0) > limit + FORM_OVERHEAD_BYTES) {
          return renderForm(reply.code(400), values, [
            { field: 'file', message: `The selected file must be smaller than ${fileSize(limit)}` },
          ])
        }
        const submitted = await services.uploads.submit(valid.value, file.file, context(request))
        if (!submitted.ok) return renderForm(reply.code(400), values, submitted.problems)
        const { upload, checkJobId } = submitted.value
        return reply.redirect(checkJobId === null ? `/load-data/${upload.id}` : `/jobs/${checkJobId}`, 303)
      })
    })
    done()
  }
}
