/**
 * The yearly loads (`/load-data/benchmarks`), for performance officers and administrators without the shell: DfE's
 * LAIT benchmarks uploaded as a .zip of the folder, which council this is (by LA number or name), and the child
 * population from an ONS mid-year estimates CSV with the council's area code. The same services as
 * `scrutineer benchmarks import`, `benchmarks council` and `population import`, audited the same way; the files are
 * small, so each is loaded while the officer waits (seconds: DfE's 2025 folder is 61,200 values) and the page says
 * what happened. A refused file changes nothing.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { ImportProblem } from '../../importers/problem.ts'
import { fileSize } from '../../domain/upload.ts'
import type { Services } from '../../services/index.ts'
import { actorOf } from '../access.ts'
import { formField } from '../request-input.ts'
import {
  benchmarksPageModel,
  isYearlyLoad,
  type BenchmarksPageModel,
  type YearlyLoad,
  type YearlyLoadValues,
} from '../view-models/benchmark-pages.ts'
import { acceptUploads, pendingUpload } from './load-data.ts'

const PAGE = '/load-data/benchmarks'

/** Room for the form's other fields and the multipart framing around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024

export function benchmarkRoutes(services: Services): FastifyPluginCallback {
  const access = { access: 'import-figures' } as const
  const limit = services.uploads.limits.maxImportBytes
  const context = (request: FastifyRequest) => ({ actor: actorOf(request), correlationId: request.id })

  async function render(
    reply: FastifyReply,
    options: {
      values?: Partial<YearlyLoadValues>
      fieldErrors?: BenchmarksPageModel['errors']
      refused?: { load: YearlyLoad; problems: readonly ImportProblem[] }
      done?: YearlyLoad | null
    } = {},
  ): Promise<FastifyReply> {
    return reply.header('cache-control', 'no-store').view('pages/benchmarks.njk', {
      model: benchmarksPageModel({
        source: await services.benchmarks.source(),
        council: await services.benchmarks.council(),
        population: await services.population.source(),
        limitBytes: limit,
        ...options,
      }),
    })
  }

  /**
   * The uploaded file's bytes, held to the upload limit; a field problem instead when no file was chosen or it is
   * too big (nothing is read further).
   */
  async function uploadedFile(
    request: FastifyRequest,
  ): Promise<{ ok: true; name: string; bytes: Buffer } | { ok: false; message: string }> {
    const file = pendingUpload(request)?.file ?? null
    // A browser sends an empty file part when no file was chosen.
    if (file === null || file.filename === '') return { ok: false, message: 'Select a file' }
    const tooBig = `The selected file must be smaller than ${fileSize(limit)}`
    // A request much bigger than the limit is refused on its declared length, before anything is read.
    if (Number(request.headers['content-length'] ?? 0) > limit + FORM_OVERHEAD_BYTES)
      return { ok: false, message: tooBig }
    let bytes: Buffer
    try {
      bytes = await file.toBuffer()
    } catch {
      return { ok: false, message: tooBig }
    }
    if (file.file.truncated || bytes.byteLength > limit) return { ok: false, message: tooBig }
    if (bytes.byteLength === 0) return { ok: false, message: 'The selected file is empty' }
    return { ok: true, name: file.filename, bytes }
  }

  return (app, _options, done) => {
    app.get<{ Querystring: { done?: string } }>(PAGE, { config: access }, async (request, reply) =>
      render(reply, { done: isYearlyLoad(request.query.done) ? request.query.done : null }),
    )

    app.post(`${PAGE}/council`, { config: access }, async (request, reply) => {
      const council = formField(request.body, 'council').trim()
      if (council === '')
        return render(reply.code(400), {
          values: { council },
          fieldErrors: { council: 'Enter the council’s LA number, like 852, or its name as DfE writes it' },
        })
      const chosen = await services.benchmarks.chooseCouncil(council, context(request))
      if (!chosen.ok)
        return render(reply.code(400), {
          values: { council },
          fieldErrors: { council: chosen.problems.join(' ') },
        })
      return reply.redirect(`${PAGE}?done=council`, 303)
    })

    // The two uploads: multipart on these routes only, their fields (the CSRF token first) read before the file.
    app.register(async (scope) => {
      // One byte over the limit, so that a file over it is seen to be.
      await acceptUploads(scope, limit + 1)

      scope.post(`${PAGE}/dfe`, { config: access }, async (request, reply) => {
        const file = await uploadedFile(request)
        if (!file.ok) return render(reply.code(400), { fieldErrors: { file: file.message } })
        if (!file.name.toLowerCase().endsWith('.zip'))
          return render(reply.code(400), {
            fieldErrors: { file: 'The selected file must be a .zip of the DfE LAIT files' },
          })
        const imported = await services.benchmarks.importZip(file.bytes, file.name, context(request))
        if (!imported.ok) return render(reply.code(400), { refused: { load: 'dfe', problems: imported.problems } })
        return reply.redirect(`${PAGE}?done=dfe`, 303)
      })

      scope.post(`${PAGE}/population`, { config: access }, async (request, reply) => {
        const area = formField(pendingUpload(request)?.fields, 'area').trim().toUpperCase()
        if (area === '')
          return render(reply.code(400), {
            values: { area },
            fieldErrors: { area: 'Enter the council’s ONS area code, like E06000045' },
          })
        const file = await uploadedFile(request)
        if (!file.ok)
          return render(reply.code(400), { values: { area }, fieldErrors: { populationFile: file.message } })
        const imported = await services.population.importBytes(file.bytes, {
          ...context(request),
          area,
          displayName: file.name,
        })
        if (!imported.ok)
          return render(reply.code(400), {
            values: { area },
            refused: { load: 'population', problems: imported.problems },
          })
        return reply.redirect(`${PAGE}?done=population`, 303)
      })
    })
    done()
  }
}
