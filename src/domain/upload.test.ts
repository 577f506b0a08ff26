import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  abandonRefusal,
  endMonthChoices,
  CONTROL_IN_FILE_NAME,
  confirmRefusal,
  uploadKindName,
  validateUploadForm,
  type UploadFormInput,
} from './upload.ts'

const DATASETS = [{ id: 'monthly', title: 'Children and Families Monthly Dataset' }]
const BLANK: UploadFormInput = {
  kind: '',
  fileName: '',
  dataset: '',
  newDatasetId: '',
  newDatasetTitle: '',
  benchmarkVintage: '',
  end: '',
  months: '',
}

describe('the upload form', () => {
  it('asks what the file holds and for a file', () => {
    const result = validateUploadForm(BLANK, DATASETS)
    assert.ok(!result.ok)
    assert.deepEqual(result.problems, [
      { field: 'kind', message: 'Select what the file holds' },
      { field: 'file', message: 'Select a file' },
    ])
  })

  it('takes figures for an existing dataset, with its title, as the command line’s --dataset does', () => {
    const result = validateUploadForm(
      { ...BLANK, kind: 'figures', fileName: 'April.CSV', dataset: 'monthly', benchmarkVintage: ' Nov-17 ' },
      DATASETS,
    )
    assert.deepEqual(result, {
      ok: true,
      value: {
        kind: 'figures',
        fileName: 'April.CSV',
        datasetId: 'monthly',
        options: {
          datasetId: 'monthly',
          datasetTitle: 'Children and Families Monthly Dataset',
          benchmarkVintage: 'Nov-17',
        },
      },
    })
  })

  it('names a new dataset, refusing an id that is not a slug or is taken, and a missing title', () => {
    const bad = validateUploadForm(
      { ...BLANK, kind: 'catalogue', fileName: 'eh.xlsx', dataset: 'new', newDatasetId: 'monthly' },
      DATASETS,
    )
    assert.ok(!bad.ok)
    assert.deepEqual(
      bad.problems.map((p) => p.field),
      ['newDatasetId', 'newDatasetTitle'],
    )
    assert.match(bad.problems[0]?.message ?? '', /already a dataset with the id monthly/)
    const good = validateUploadForm(
      {
        ...BLANK,
        kind: 'catalogue',
        fileName: 'eh.xlsx',
        dataset: 'new',
        newDatasetId: 'early-help',
        newDatasetTitle: 'Early Help',
      },
      DATASETS,
    )
    assert.ok(good.ok)
    assert.deepEqual(good.value.options, { datasetId: 'early-help', datasetTitle: 'Early Help' })
  })

  it('checks an Annex A return’s months and file type', () => {
    const bad = validateUploadForm(
      { ...BLANK, kind: 'annex-a', fileName: 'return.csv', end: '2018-13', months: '0' },
      DATASETS,
    )
    assert.ok(!bad.ok)
    assert.deepEqual(
      bad.problems.map((p) => p.field),
      ['end', 'months', 'file'],
    )
    const good = validateUploadForm(
      { ...BLANK, kind: 'annex-a', fileName: 'return.zip', end: '2018-04', months: '13' },
      [],
    )
    assert.deepEqual(good, {
      ok: true,
      value: { kind: 'annex-a', fileName: 'return.zip', datasetId: null, options: { end: '2018-04', months: 13 } },
    })
  })

  it('takes a children in need census as an Annex A upload of its .xml, named a CIN census, refusing another type', () => {
    const census = validateUploadForm(
      { ...BLANK, kind: 'cin-census', fileName: 'CIN_2018.XML', end: '2018-03', months: '12' },
      DATASETS,
    )
    assert.deepEqual(census, {
      ok: true,
      value: { kind: 'annex-a', fileName: 'CIN_2018.XML', datasetId: null, options: { end: '2018-03', months: 12 } },
    })
    assert.equal(
      uploadKindName(census.ok ? census.value : { kind: 'figures', fileName: '' }),
      'Children in need (CIN) census',
    )
    assert.deepEqual(validateUploadForm({ ...BLANK, kind: 'cin-census', fileName: 'Annex_A.xlsx' }, DATASETS), {
      ok: false,
      problems: [{ field: 'file', message: 'The selected file must be the children in need census XML file (.xml)' }],
    })
    assert.equal(uploadKindName({ kind: 'annex-a', fileName: 'Annex_A.xlsx' }), 'Annex A return')
    assert.equal(uploadKindName({ kind: 'figures', fileName: 'odd.xml' }), 'Monthly figures')
  })

  it('refuses a file name holding a NUL or another control character', () => {
    for (const fileName of ['a\u0000.csv', 'list\u001b.zip']) {
      const result = validateUploadForm({ ...BLANK, kind: 'bank-holidays', fileName }, DATASETS)
      assert.deepEqual(result, { ok: false, problems: [{ field: 'file', message: CONTROL_IN_FILE_NAME }] })
    }
  })
})

describe('confirming and abandoning', () => {
  it('confirms only a checked upload, once, and says why not otherwise', () => {
    assert.equal(confirmRefusal({ status: 'previewed', confirmedBy: null, confirmedAt: null }), null)
    assert.equal(
      confirmRefusal({ status: 'confirmed', confirmedBy: 'Priya Shah', confirmedAt: '1 May 2018 at 9.05 am' }),
      'This upload was already confirmed by Priya Shah on 1 May 2018 at 9.05 am: it is loaded once only.',
    )
    for (const status of ['receiving', 'checking', 'refused', 'applied', 'abandoned', 'failed'] as const)
      assert.ok(confirmRefusal({ status, confirmedBy: null, confirmedAt: null }) !== null, status)
  })

  it('abandons only a checked upload', () => {
    assert.equal(abandonRefusal({ status: 'previewed' }), null)
    assert.equal(abandonRefusal({ status: 'abandoned' }), 'This upload was already abandoned.')
    assert.ok(abandonRefusal({ status: 'applied' }) !== null)
  })
})

describe('the end months offered for an Annex A upload', () => {
  it('offers the months up to this one and every month with figures, newest first, never a future month', () => {
    assert.deepEqual(endMonthChoices(['2017-04', '2018-04', '2018-09'], '2018-06', 3), [
      '2018-06',
      '2018-05',
      '2018-04',
      '2017-04',
    ])
    assert.equal(endMonthChoices([], '2026-12').length, 36)
  })
})
