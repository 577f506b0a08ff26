import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { emptyPreview, fileSize } from '../../domain/upload.ts'
import type { UploadView } from '../../services/upload-service.ts'
import { endMonthItems, loadDataModel, uploadPageModel } from './load-data-pages.ts'

const UPLOAD: UploadView = {
  id: 4,
  kind: 'figures',
  datasetId: 'monthly',
  fileName: 'may.csv',
  byteSize: 16_025,
  sha256: 'ab'.repeat(32),
  options: { datasetId: 'monthly', datasetTitle: 'Monthly' },
  uploadedBy: 'user:1',
  uploadedByName: 'Priya Shah',
  uploadedAt: '2018-05-31T13:05:00.000Z',
  status: 'previewed',
  preview: {
    ...emptyPreview('figures', 'may.csv'),
    figures: {
      added: [
        {
          indicatorId: 'lac-count',
          title: 'Looked after children',
          period: '2018-05',
          before: null,
          after: 530,
          partsOnly: false,
        },
      ],
      revised: [
        {
          indicatorId: 'sa-in-45wd',
          title: 'Assessments in time',
          period: '2018-04',
          before: 64.84375,
          after: 97.3,
          partsOnly: false,
        },
      ],
      unchanged: 1,
    },
  },
  fingerprint: 'f'.repeat(64),
  checkedAt: '2018-05-31T13:05:01.000Z',
  confirmedBy: null,
  confirmedByName: null,
  confirmedAt: null,
  jobId: null,
  finishedAt: null,
  failure: null,
  resultUrl: null,
  bytesRemoved: false,
}

describe('the Load data pages', () => {
  it('writes sizes as people read them', () => {
    assert.equal(fileSize(16_025), '16 KB')
    assert.equal(fileSize(20 * 1024 * 1024), '20 MB')
    assert.equal(fileSize(1.5 * 1024 * 1024), '1.5 MB')
  })

  it('shows each revision as the figure now and the figure it would become, as the file gives them', () => {
    const model = uploadPageModel(UPLOAD)
    assert.equal(model.figures?.summary, '1 new figure, 1 revised figure and 1 figure the same as now.')
    assert.deepEqual(model.figures?.revised, [
      {
        indicator: 'Assessments in time',
        indicatorHref: '/indicators/sa-in-45wd',
        month: 'April 2018',
        before: '64.8438',
        after: '97.3',
      },
    ])
    assert.equal(model.figures?.added[0]?.before, '')
    assert.equal(model.canDecide, true)
    assert.match(model.summary.find((row) => row.key === 'Uploaded')?.value ?? '', /^31 May 2018\b.* by Priya Shah$/)
  })

  it('says a stale preview can be checked again, and offers no buttons once decided', () => {
    const stale = uploadPageModel(UPLOAD, { problem: 'The data has changed since this file was checked, so …' })
    assert.equal(stale.stale, true)
    const applied = uploadPageModel({ ...UPLOAD, status: 'applied', resultUrl: '/datasets/monthly/2018-05' })
    assert.equal(applied.canDecide, false)
    assert.equal(applied.resultHref, '/datasets/monthly/2018-05')
  })

  it('puts each problem against its field, the first one first', () => {
    const model = loadDataModel({
      datasets: [{ id: 'monthly', title: 'Monthly' }],
      uploads: [UPLOAD],
      values: {
        kind: 'figures',
        dataset: 'new',
        newDatasetId: '',
        newDatasetTitle: '',
        benchmarkVintage: '',
        end: '',
        months: '',
      },
      problems: [
        { field: 'newDatasetId', message: 'Enter an id for the new dataset' },
        { field: 'newDatasetId', message: 'Another' },
      ],
      limits: { maxImportBytes: 20 * 1024 * 1024, maxAnnexABytes: 200 * 1024 * 1024 },
    })
    assert.equal(model.pageTitle, 'Error: Load data')
    assert.deepEqual(model.errorList, [{ text: 'Enter an id for the new dataset', href: '#newDatasetId' }])
    assert.equal(model.figuresLimit, '20 MB')
    assert.equal(model.uploads[0]?.status, 'Checked: waiting for confirmation')
  })
})

describe('the end month select', () => {
  it('offers the latest month in the return first, then months by name, keeping a month posted that is not offered', () => {
    assert.deepEqual(endMonthItems(['2018-06', '2018-05'], '2018-05'), [
      { value: '', text: 'The latest month with events in the return', selected: false },
      { value: '2018-06', text: 'June 2018', selected: false },
      { value: '2018-05', text: 'May 2018', selected: true },
    ])
    assert.deepEqual(
      endMonthItems(['2018-06'], '2015-01').map((i) => i.value),
      ['', '2015-01', '2018-06'],
    )
    assert.equal(endMonthItems(['2018-06'], '')[0]?.selected, true)
  })
})
