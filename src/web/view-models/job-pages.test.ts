import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { NamedJob } from '../../services/job-service.ts'
import { jobModel, progressText } from './job-pages.ts'

const base: NamedJob = {
  id: 3,
  kind: 'upload.apply',
  title: 'Load an Annex A return',
  queue: 'dataset:monthly',
  status: 'running',
  percent: 45,
  step: 'Storing list 3 of 11',
  startedBy: 'user:2',
  startedByName: 'Pat Officer',
  createdAt: '2018-05-14T09:00:00.000Z',
  startedAt: '2018-05-14T09:00:05.000Z',
  finishedAt: null,
  payload: { uploadId: 9 },
  outcome: null,
  resultUrl: null,
  resultLabel: null,
  error: null,
}

describe('job page model', () => {
  it('says how far a job has got', () => {
    assert.equal(progressText(base), '45% done: Storing list 3 of 11')
    assert.equal(progressText({ ...base, status: 'queued' }, 2), 'Waiting to start: 2 jobs ahead of it')
    assert.equal(progressText({ ...base, status: 'queued' }, 1), 'Waiting to start: 1 job ahead of it')
    assert.equal(progressText({ ...base, status: 'succeeded' }), 'Finished')
  })

  it('links the result only of a finished job, and lists its outcome in words', () => {
    assert.equal(jobModel(base).result, null)
    const done = jobModel({
      ...base,
      status: 'succeeded',
      percent: 100,
      finishedAt: '2018-05-14T09:01:00.000Z',
      resultUrl: '/imports/7',
      resultLabel: 'Open the data-quality report',
      outcome: { figuresAdded: 1200, months: ['2018-04', '2018-05'], nested: { no: 1 } },
    })
    assert.deepEqual(done.result, { href: '/imports/7', label: 'Open the data-quality report' })
    const published = jobModel({
      ...base,
      kind: 'document-pack.publish',
      status: 'succeeded',
      resultUrl: '/meetings/2#document-pack',
      resultLabel: 'Open the meeting and its published pack',
    })
    assert.equal(published.result?.href, '/meetings/2?done=papers-published#document-pack')
    assert.equal(done.finished, true)
    assert.deepEqual(
      done.details.map((d) => d.key),
      ['Started by', 'Queued', 'Started', 'Ended', 'Figures added', 'Months'],
    )
    assert.equal(done.details.find((d) => d.key === 'Figures added')?.value, '1,200')
    assert.equal(done.details.find((d) => d.key === 'Started by')?.value, 'Pat Officer')
  })
})
