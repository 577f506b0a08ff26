import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { countProgress, progressByOwner, type Progress } from '../../domain/month-cycle.ts'
import type { Meeting } from '../../domain/scrutiny/committee.ts'
import type { CycleIndicator, MonthCycle } from '../../services/month-cycle-service.ts'
import { monthCyclePageModel, progressWords, shortHash, type TaskModel } from './month-cycle-page.ts'

const A: CycleIndicator = { id: 'cp-plans', code: 'CP1', title: 'Children on CP plans', unit: 'count' }
const B: CycleIndicator = { id: 'timely-icpc', code: '', title: 'ICPCs in 15 working days', unit: 'percentage' }
const JUNE: Meeting = {
  id: 2,
  committeeId: 1,
  date: '2018-06-07',
  startTime: '17:30',
  venue: 'Civic Centre',
  status: 'scheduled',
  notice: null,
}
const ON_AGENDA: NonNullable<MonthCycle['meeting']> = {
  choice: { rule: 'on-agenda', meeting: JUNE, item: { position: 9, title: 'Performance' } },
  committee: { id: 1, name: 'Children and Families Scrutiny Panel' },
  papersDueBy: '2018-05-30',
  documentPack: null,
}
const OFFICER = { seesImports: true, publishes: false, loadsData: true }
const DIRECTOR = { seesImports: false, publishes: true }

function cycle(changes: Partial<MonthCycle> = {}, progress: Progress[] = ['approved', 'draft']): MonthCycle {
  const lines = [
    { indicatorId: A.id, owner: 'Jane White', progress: progress[0] ?? 'not-started' },
    { indicatorId: B.id, owner: 'Phil Bullingham', progress: progress[1] ?? 'not-started' },
  ]
  return {
    dataset: { id: 'monthly', title: 'Monthly dataset', indicatorIds: [A.id, B.id] },
    period: '2018-04',
    today: '2018-05-14',
    figures: { indicators: [A, B], missing: [B] },
    annexA: {
      linkedIndicators: 1,
      imports: [
        {
          id: 7,
          sourceFile: 'annex-a.xlsx',
          importedAt: '2018-05-03T09:00:00Z',
          importedBy: 'perf',
          months: ['2018-04'],
          errors: 2,
          warnings: 15,
          removedAt: null,
        },
      ],
    },
    commentary: { owners: progressByOwner(lines), totals: countProgress(lines.map((l) => l.progress)) },
    overview: { progress: 'not-started', record: null },
    publication: { latest: null, revised: [] },
    meeting: ON_AGENDA,
    ...changes,
  }
}

const statusText = (task: TaskModel | undefined): string =>
  task === undefined ? '' : 'tag' in task.status ? task.status.tag.text : task.status.text

describe('the month cycle page', () => {
  it('gives a task per step, each linked to where its work is done', () => {
    const model = monthCyclePageModel(cycle(), OFFICER)
    assert.equal(model.pageTitle, "The month's cycle: Monthly dataset, April 2018")
    assert.deepEqual(
      model.tasks.map((t) => [t.title.text, t.href ?? null, statusText(t)]),
      [
        ['Load the figures', '/load-data', '1 missing'],
        ['Check the Annex A data quality', '/imports/7', '2 errors'],
        ['Write and approve the commentary', '/datasets/monthly/2018-04/commentary', 'In progress'],
        ['Write and approve the performance overview', '/datasets/monthly/2018-04/overview', 'Not started'],
        ['Publish the month', null, 'Not yet published'],
        ['Publish the papers for the meeting', '/meetings/2', 'Not yet published'],
      ],
    )
    assert.equal(model.tasks[0]?.hint.text, '1 of 2 indicators have a figure for April 2018')
    assert.deepEqual(model.figures.missing, [{ text: 'ICPCs in 15 working days', href: '/indicators/timely-icpc' }])
    assert.equal(
      model.tasks[5]?.hint.text,
      'Children and Families Scrutiny Panel, Thursday 7 June 2018 at 5.30 pm: papers due by Wednesday 30 May 2018',
    )
  })

  it('counts commentary by owner and says which owners are done', () => {
    const model = monthCyclePageModel(cycle(), OFFICER)
    assert.deepEqual(model.commentary.headings, [
      'Not started',
      'Draft',
      'Returned',
      'Submitted',
      'Approved',
      'Published',
    ])
    assert.deepEqual(
      model.commentary.owners.map((o) => [o.owner, o.counts, o.done]),
      [
        ['Jane White', [0, 0, 0, 0, 1, 0], true],
        ['Phil Bullingham', [0, 1, 0, 0, 0, 0], false],
      ],
    )
    assert.equal(model.commentary.totalsText, '1 of 2 indicators have approved commentary: 1 approved, 1 draft.')
    const returned = monthCyclePageModel(cycle({}, ['returned', 'approved']), OFFICER)
    assert.equal(statusText(returned.tasks[2]), '1 returned')
    const done = monthCyclePageModel(cycle({}, ['published', 'approved']), OFFICER)
    assert.equal(statusText(done.tasks[2]), 'Completed')
  })

  it('shows the publication with its short hash and the figures revised since, with their units', () => {
    const model = monthCyclePageModel(
      cycle({
        publication: {
          latest: {
            version: 2,
            publishedAt: '2018-05-15T10:00:00Z',
            publishedBy: 'Jo Director',
            contentHash: 'ab'.repeat(32),
            intact: true,
          },
          revised: [{ indicatorId: B.id, period: '2018-03', published: 66.25, live: 70, indicator: B }],
        },
      }),
      DIRECTOR,
    )
    const publish = model.tasks[4]
    assert.equal(publish?.href, '/datasets/monthly/2018-04/publish')
    assert.equal(statusText(publish), '1 figure revised')
    assert.equal(publish?.hint.text, 'Version 2, 15 May 2018 at 11:00 by Jo Director (hash abababababab)')
    assert.deepEqual(model.publication.revised, [
      {
        indicator: { text: 'ICPCs in 15 working days', href: '/indicators/timely-icpc' },
        month: 'March 2018',
        published: '66.3%',
        live: '70.0%',
      },
    ])
    assert.deepEqual(
      model.publication.links.map((l) => l.href),
      ['/datasets/monthly/2018-04/publish', '/datasets/monthly/2018-04/publications', '/datasets/monthly/2018-04'],
    )
  })

  it('links the data-quality report only for those who may see children’s records, and says why not', () => {
    const model = monthCyclePageModel(cycle(), DIRECTOR)
    assert.equal(model.tasks[1]?.href, undefined)
    assert.equal(model.dataQuality.reportLink, null)
    assert.match(model.dataQuality.paragraphs.join(' '), /only the officers who may see them can open it/)
    assert.deepEqual(monthCyclePageModel(cycle(), OFFICER).dataQuality.reportLink, {
      text: 'Data-quality report of import 7',
      href: '/imports/7',
    })
  })

  it('says which rule chose the meeting', () => {
    const onAgenda = monthCyclePageModel(cycle(), OFFICER)
    assert.ok(onAgenda.meeting.found)
    assert.deepEqual(onAgenda.meeting.rows[1], {
      key: 'Why this meeting',
      value: 'Item 9 of its agenda, “Performance”, has the April 2018 pack or overview as an appendix.',
      href: '/meetings/2/items/9',
    })
    const next = monthCyclePageModel(
      cycle({ meeting: { ...ON_AGENDA, choice: { rule: 'next-scheduled', meeting: JUNE } } }),
      OFFICER,
    )
    assert.ok(next.meeting.found)
    assert.match(next.meeting.rows[1]?.value ?? '', /^No meeting's agenda has the April 2018 pack or overview/)
    assert.match(next.tasks[5]?.hint.text ?? '', /\(the next meeting: no agenda carries this month yet\)$/)
  })

  describe('edge cases', () => {
    it('a month with no figures: the later steps cannot start yet and nothing links to pages that do not exist', () => {
      const model = monthCyclePageModel(cycle({ figures: { indicators: [A, B], missing: [A, B] } }), DIRECTOR)
      assert.deepEqual(
        model.tasks.map((t) => statusText(t)),
        [
          'Not yet started',
          '2 errors',
          'Cannot start yet',
          'Cannot start yet',
          'Cannot start yet',
          'Not yet published',
        ],
      )
      assert.deepEqual(
        model.tasks.slice(2, 5).map((t) => t.href),
        [undefined, undefined, undefined],
      )
      assert.equal(model.packHref, null)
      assert.deepEqual(model.commentary.owners, [])
    })

    it('past the papers date with no pack is late; a held meeting is done', () => {
      const late = monthCyclePageModel(cycle({ today: '2018-05-31' }), OFFICER)
      assert.equal(statusText(late.tasks[5]), 'Past the deadline')
      const held = monthCyclePageModel(
        cycle({
          today: '2018-06-08',
          meeting: {
            ...ON_AGENDA,
            choice: { rule: 'on-agenda', meeting: { ...JUNE, status: 'held' }, item: { position: 9, title: 'x' } },
          },
        }),
        OFFICER,
      )
      assert.equal(statusText(held.tasks[5]), 'Meeting held')
    })

    it('no meeting, no linked indicators, no problems', () => {
      const model = monthCyclePageModel(cycle({ meeting: null, annexA: { linkedIndicators: 0, imports: [] } }), OFFICER)
      assert.equal(statusText(model.tasks[1]), 'Not needed')
      assert.equal(statusText(model.tasks[5]), 'Cannot start yet')
      assert.ok(!model.meeting.found)
      assert.equal(
        model.meeting.text,
        "No meeting's agenda has the April 2018 pack, and no meeting is scheduled from Monday 14 May 2018 on.",
      )
      const clean = cycle()
      const quiet = monthCyclePageModel(
        {
          ...clean,
          annexA: { ...clean.annexA, imports: clean.annexA.imports.map((i) => ({ ...i, errors: 0, warnings: 0 })) },
        },
        OFFICER,
      )
      assert.equal(statusText(quiet.tasks[1]), 'No problems')
    })

    it('words the counts in the order of the cycle, and shortens a hash to 12 characters', () => {
      assert.equal(
        progressWords(countProgress(['not-started', 'approved', 'returned', 'not-started'])),
        '1 approved, 1 returned, 2 not started',
      )
      assert.equal(progressWords(countProgress([])), 'No indicators')
      assert.equal(shortHash('0123456789abcdef'), '0123456789ab')
    })
  })
})
