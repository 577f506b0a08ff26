/**
 * The Public Document Pack block on a meeting's page: the link to the latest PDF with its size, pages and
 * version, for those who may see Members' Room papers the link to its Members' Room edition, and for democratic
 * services the publish form and the clear-days warning.
 */
import { longDate, type IsoDate } from '../../domain/calendar/days.ts'
import { londonDateTime } from '../../domain/calendar/london-time.ts'
import { MEMBERS_ROOM_READERS } from '../../domain/scrutiny/report.ts'
import { fileSize, versionStamp } from '../../domain/scrutiny/document-pack.ts'
import type { PackStatus, PublishedPack } from '../../services/document-pack-service.ts'

export interface PackFormState {
  note: string
  problems: ReadonlyArray<{ field: string; message: string }>
}

export function documentPackModel(
  meetingId: number,
  status: PackStatus | null,
  canPublish: boolean,
  form: PackFormState = { note: '', problems: [] },
  /** The latest version's Members' Room edition: the caller passes it only to those who may see it. */
  membersEdition: PublishedPack | null = null,
  /** The meeting's date and today's London date, to warn before papers are published after the meeting. */
  timing: { meetingDate: IsoDate; today: IsoDate } | null = null,
) {
  const pack = status?.pack ?? null
  const details = (p: PublishedPack) =>
    `PDF, ${fileSize(p.byteSize)}, ${p.pageCount} page${p.pageCount === 1 ? '' : 's'}`
  return {
    published:
      pack === null
        ? null
        : {
            href: `/meetings/${meetingId}/pack.pdf`,
            linkText: 'Public Document Pack',
            details: details(pack),
            version:
              versionStamp({ number: pack.version, publishedAt: pack.publishedAt, note: pack.note }) ??
              `Version 1, published ${londonDateTime(pack.publishedAt)}`,
          },
    members:
      pack === null || membersEdition === null || membersEdition.version !== pack.version
        ? null
        : {
            href: `/meetings/${meetingId}/members-pack.pdf`,
            linkText: "Members' Room edition",
            details: details(membersEdition),
            hint: `With the exempt and confidential papers: for ${MEMBERS_ROOM_READERS} only. Not for publication.`,
          },
    // The notice warning is for the officers who publish; the public sees the pack and its date.
    warning: canPublish ? (status?.warning ?? null) : null,
    publish: canPublish
      ? {
          action: `/meetings/${meetingId}/pack`,
          buttonText: pack === null ? 'Publish the document pack' : 'Publish a new version',
          note: form.note,
          noteError: form.problems.find((p) => p.field === 'note')?.message ?? null,
          afterTheMeeting:
            timing !== null && timing.meetingDate < timing.today
              ? `This meeting took place on ${longDate(timing.meetingDate)}. Publishing now adds a version to the papers of a meeting that has already been held: check that is what you mean.`
              : null,
        }
      : null,
    errorList: form.problems.map((p) => ({
      text: p.message,
      href: p.field === 'note' ? '#pack-note' : '#document-pack',
    })),
  }
}
