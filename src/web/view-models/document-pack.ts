/**
 * The Public Document Pack block on a meeting's page: the link to the latest PDF with its size, pages and
 * version, and for democratic services the publish form and the clear-days warning.
 */
import { londonDateTime } from '../../domain/calendar/london-time.ts'
import { fileSize, versionStamp } from '../../domain/scrutiny/document-pack.ts'
import type { PackStatus } from '../../services/document-pack-service.ts'

export interface PackFormState {
  note: string
  problems: ReadonlyArray<{ field: string; message: string }>
}

export function documentPackModel(
  meetingId: number,
  status: PackStatus | null,
  canPublish: boolean,
  form: PackFormState = { note: '', problems: [] },
) {
  const pack = status?.pack ?? null
  return {
    published:
      pack === null
        ? null
        : {
            href: `/meetings/${meetingId}/pack.pdf`,
            linkText: 'Public Document Pack',
            details: `PDF, ${fileSize(pack.byteSize)}, ${pack.pageCount} page${pack.pageCount === 1 ? '' : 's'}`,
            version:
              versionStamp({ number: pack.version, publishedAt: pack.publishedAt, note: pack.note }) ??
              `Version 1, published ${londonDateTime(pack.publishedAt)}`,
          },
    // The notice warning is for the officers who publish; the public sees the pack and its date.
    warning: canPublish ? (status?.warning ?? null) : null,
    publish: canPublish
      ? {
          action: `/meetings/${meetingId}/pack`,
          buttonText: pack === null ? 'Publish the document pack' : 'Publish a new version',
          note: form.note,
          noteError: form.problems.find((p) => p.field === 'note')?.message ?? null,
        }
      : null,
    errorList: form.problems.map((p) => ({
      text: p.message,
      href: p.field === 'note' ? '#pack-note' : '#document-pack',
    })),
  }
}
