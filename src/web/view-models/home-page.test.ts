import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { YourWork } from '../../services/work-service.ts'
import { homePageModel } from './home-page.ts'

const MONTHLY = { id: 'monthly', title: 'Children and Families Monthly Dataset' }
const NOTHING: YourWork = {
  today: '2019-09-10',
  commentary: null,
  signOff: null,
  papers: null,
  recommendations: null,
  months: null,
}

describe('the signed-in home page', () => {
  it('tells an owner their commentary to write, with the month and the ones returned', () => {
    const model = homePageModel(
      { ...NOTHING, commentary: [{ dataset: MONTHLY, period: '2018-05', toWrite: 3, returned: 1 }] },
      'Jane White',
    )
    assert.deepEqual(model.items, [
      {
        text: 'Your commentary: 3 indicators to write for May 2018, 1 returned',
        href: '/datasets/monthly/2018-05/commentary',
        detail: 'Children and Families Monthly Dataset',
      },
    ])
  })

  it('tells a director what awaits sign-off and leaves out months with nothing waiting', () => {
    const model = homePageModel(
      {
        ...NOTHING,
        signOff: [
          { dataset: MONTHLY, period: '2018-06', awaiting: 12 },
          { dataset: { id: 'early-help', title: 'Early Help Dataset' }, period: '2018-06', awaiting: 0 },
        ],
      },
      'Dee Director',
    )
    assert.equal(model.items.length, 1)
    assert.equal(model.items[0]?.text, 'Awaiting your sign-off: 12')
    assert.equal(model.items[0]?.href, '/datasets/monthly/2018-06/commentary')
  })

  it('tells democratic services when the next papers are due, and overdue recommendations', () => {
    const model = homePageModel(
      {
        ...NOTHING,
        papers: {
          meeting: {
            id: 9,
            committeeId: 1,
            date: '2019-09-26',
            startTime: '17:30',
            venue: 'Civic Centre',
            status: 'scheduled',
            notice: null,
          },
          committeeName: 'Children and Families Scrutiny Panel',
          dueBy: '2019-09-18',
          publishedAt: null,
        },
        recommendations: { overdue: 2 },
      },
      'Dem Services',
    )
    assert.deepEqual(
      model.items.map((i) => [i.text, i.href]),
      [
        ['Papers for 26 September 2019 must be published by 18 September', '/meetings/9'],
        ['Recommendations overdue: 2', '/recommendations?overdue=yes'],
      ],
    )
  })

  it('says so when nothing is waiting', () => {
    const model = homePageModel({ ...NOTHING, recommendations: { overdue: 0 } }, 'Pat Panel')
    assert.deepEqual(model.items, [])
    assert.equal(model.nothingWaiting, 'Nothing is waiting for you, Pat Panel.')
  })
})
