import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { NO_PUBLIC_INFORMATION } from '../../domain/scrutiny/public-information.ts'
import { blankCoverSheet, coverSheetInput } from '../../domain/scrutiny/report.ts'
import type { ItemReport } from '../../services/report-service.ts'
import { feedLinks } from './meeting-pages.ts'
import {
  appendixFormModel,
  appendixMonthValue,
  readAppendixMonth,
  reportFormModel,
  reportPageModel,
} from './report-pages.ts'

/** Item 9 of a meeting on `date`, with a cover sheet whose author has a job title. */
function itemReport(date: string): ItemReport {
  const sheet = blankCoverSheet('Children and Families - Performance', date, 'Children and Families Scrutiny Panel')
  return {
    meeting: {
      id: 2,
      committeeId: 1,
      date,
      startTime: '17:30',
      venue: 'Civic Centre',
      status: 'scheduled',
      notice: null,
    },
    committee: {
      id: 1,
      slug: 'children-and-families-scrutiny-panel',
      name: 'Children and Families Scrutiny Panel',
      purpose: '',
      termsOfReference: [],
      quorum: 3,
      members: [],
      contacts: [],
      publicInformation: NO_PUBLIC_INFORMATION,
    },
    item: {
      id: 19,
      meetingId: 2,
      position: 9,
      kind: 'report',
      title: 'Children and Families - Performance',
      description: '',
      pages: null,
    },
    report: {
      ...sheet,
      id: 1,
      agendaItemId: 19,
      contacts: [{ role: 'Author', title: 'Scrutiny Manager', name: 'Mark Pirnie', phone: null, email: null }],
    },
    appendices: [],
  }
}

describe('the cover sheet’s template by the meeting’s date', () => {
  it('asks about a Privacy Impact Assessment for a 2018 meeting and a DPIA for a 2020 one, on the page and form', () => {
    for (const [date, heading, label] of [
      ['2018-06-07', 'Privacy Impact Assessment', 'Does the report require a Privacy Impact Assessment (PIA)?'],
      [
        '2020-10-01',
        'Data Protection Impact Assessment',
        'Does the report require a Data Protection Impact Assessment (DPIA)?',
      ],
    ] as const) {
      const view = itemReport(date)
      const page = reportPageModel(view, { canEdit: false, canSeeMembersRoom: false })
      assert.equal(page.report?.impactAssessment.heading, heading)
      assert.equal(page.report.contacts[0]?.title, 'Scrutiny Manager')
      const form = reportFormModel(view, coverSheetInput(view.report ?? blankCoverSheet('', date, '')), [], 1000)
      assert.equal(form.fields.find((f) => f.name === 'dataProtectionImpactAssessment')?.label, label)
      // The job title goes back into the form as the line's fifth part.
      assert.equal(
        form.fields.find((f) => f.name === 'contacts')?.value,
        'Author | Mark Pirnie |  |  | Scrutiny Manager',
      )
    }
  })
})

describe('the feeds a page names', () => {
  it('gives a committee’s own feed first, then every committee’s', () => {
    assert.deepEqual(
      feedLinks({ id: 3, name: 'Health Panel' }).map((f) => f.href),
      ['/committees/3/feed.rss', '/meetings.rss'],
    )
    assert.deepEqual(feedLinks(null), [
      { title: 'Meetings, papers, minutes and responses of every committee (RSS)', href: '/meetings.rss' },
    ])
  })
})

describe('choosing a published month as an appendix', () => {
  const months = [
    { datasetId: 'monthly', datasetTitle: 'Children and Families Monthly Dataset', period: '2018-04', version: 2 },
    { datasetId: 'early-help', datasetTitle: 'Early Help Dataset', period: '2018-04', version: 1 },
  ]

  it('lists every published month with its dataset, month and latest version, keeping the choice sent', () => {
    const model = appendixFormModel(months, { kind: 'dataset-pack', month: 'early-help/2018-04' }, [])
    assert.deepEqual(model.monthItems, [
      { value: '', text: 'Choose a month' },
      {
        value: 'monthly/2018-04',
        text: 'Children and Families Monthly Dataset – April 2018 (version 2)',
        selected: false,
      },
      { value: 'early-help/2018-04', text: 'Early Help Dataset – April 2018 (version 1)', selected: true },
    ])
    assert.deepEqual(
      model.kindItems.filter((k) => k.checked).map((k) => k.value),
      ['dataset-pack'],
    )
    assert.equal(model.monthError, null)
  })

  it('says when nothing has been published, and shows a problem with the month on the select', () => {
    const model = appendixFormModel([], { kind: '', month: '' }, [
      { field: 'month', message: 'Choose a published month' },
    ])
    assert.deepEqual(model.monthItems, [{ value: '', text: 'No month has been published yet' }])
    assert.deepEqual(model.monthError, { text: 'Choose a published month' })
  })

  it('reads back what the select sends, and nothing else', () => {
    assert.deepEqual(readAppendixMonth(appendixMonthValue('early-help', '2018-04')), {
      datasetId: 'early-help',
      period: '2018-04',
    })
    for (const text of ['', '2018-04', '/2018-04', 'monthly/2018-13', 'monthly/', 'monthly']) {
      assert.equal(readAppendixMonth(text), null, text)
    }
  })
})
