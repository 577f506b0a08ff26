import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { PackStatus } from '../../services/document-pack-service.ts'
import { documentPackModel } from './document-pack.ts'

const status: PackStatus = {
  pack: {
    id: 4,
    meetingId: 2,
    version: 2,
    audience: 'public',
    publishedAt: '2018-05-31T13:05:00.000Z',
    publishedBy: 'dso@council.test',
    note: 'supplement',
    clearDays: 4,
    pageCount: 18,
    pages: [{ agendaItemId: 7, from: 1, to: 4 }],
    byteSize: 532_480,
  },
  warning: 'Published with 4 clear days’ notice',
}

describe('documentPackModel', () => {
  it('links the latest version with its size, pages and stamp, and gives democratic services the form and warning', () => {
    const model = documentPackModel(2, status, true)
    assert.deepEqual(model.published, {
      href: '/meetings/2/pack.pdf',
      linkText: 'Public Document Pack',
      details: 'PDF, 520 KB, 18 pages',
      version: 'Version 2, published 31 May 2018 at 2.05 pm — supplement',
    })
    assert.equal(model.warning, 'Published with 4 clear days’ notice')
    assert.equal(model.publish?.action, '/meetings/2/pack')
    assert.equal(model.publish.buttonText, 'Publish a new version')
  })

  it('warns before publishing papers for a meeting that has already been held, and not before it', () => {
    const held = documentPackModel(2, status, true, undefined, null, { meetingDate: '2018-06-07', today: '2026-11-30' })
    assert.equal(
      held.publish?.afterTheMeeting,
      'This meeting took place on Thursday 7 June 2018. Publishing now adds a version to the papers of a meeting that has already been held: check that is what you mean.',
    )
    for (const today of ['2018-06-07', '2018-05-30']) {
      const coming = documentPackModel(2, status, true, undefined, null, { meetingDate: '2018-06-07', today })
      assert.equal(coming.publish?.afterTheMeeting, null, today)
    }
  })

  it('shows everyone else the link but not the warning or the form', () => {
    const model = documentPackModel(2, status, false)
    assert.equal(model.warning, null)
    assert.equal(model.publish, null)
    assert.ok(model.published)
    assert.equal(model.members, null)
  })

  it("links the Members' Room edition of the same version when the caller passes it", () => {
    const members = { ...status.pack, id: 5, audience: 'members' as const, pageCount: 21, byteSize: 2_400_000 }
    const model = documentPackModel(2, status, false, undefined, members)
    assert.equal(model.members?.href, '/meetings/2/members-pack.pdf')
    assert.equal(model.members.linkText, "Members' Room edition")
    assert.equal(model.members.details, 'PDF, 2.3 MB, 21 pages')
  })

  describe('edge cases', () => {
    it('words version 1, a single page, nothing published, and a refused note', () => {
      const first = documentPackModel(
        2,
        { pack: { ...status.pack, version: 1, note: null, pageCount: 1 }, warning: null },
        true,
      )
      assert.equal(first.published?.version, 'Version 1, published 31 May 2018 at 2.05 pm')
      assert.equal(first.published.details, 'PDF, 520 KB, 1 page')
      const none = documentPackModel(3, null, true, { note: 'x', problems: [{ field: 'note', message: 'Too long' }] })
      assert.equal(none.published, null)
      assert.equal(none.publish?.buttonText, 'Publish the document pack')
      assert.equal(none.publish.noteError, 'Too long')
      assert.deepEqual(none.errorList, [{ text: 'Too long', href: '#pack-note' }])
    })

    it("does not link a Members' Room edition of an older version, or when nothing is published", () => {
      const older = { ...status.pack, id: 3, version: 1, audience: 'members' as const }
      assert.equal(documentPackModel(2, status, true, undefined, older).members, null)
      assert.equal(documentPackModel(2, null, true, undefined, older).members, null)
    })
  })
})
