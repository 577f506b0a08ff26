import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { xmrChart } from '../../domain/statistics/spc.ts'
import { processControlLine } from './commentary-story.ts'

const say = (value: number) => String(Math.round(value * 10) / 10)

describe('the commentary page’s process control line', () => {
  it('calls a month beyond the limits a significant variation, saying which side', () => {
    const line = processControlLine(xmrChart([10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 40]), 'June 2018', say)
    assert.match(line, /^Significant variation: June 2018 \(40\) is above the range/)
  })

  it('calls a long run on one side of the average a shift', () => {
    const values = [20, 21, 20, 21, 20, 12, 13, 12, 13, 12, 13, 12, 13]
    const chart = xmrChart(values)
    assert.equal(chart.points.at(-1)?.outsideLimits, false)
    assert.equal(chart.points.at(-1)?.inRun, true)
    assert.match(processControlLine(chart, 'June 2018', say), /long run of months below the average/)
  })

  it('calls ordinary variation what it is, and says when there is nothing to test', () => {
    assert.match(
      processControlLine(xmrChart([10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13, 11]), 'June 2018', say),
      /^No significant variation: June 2018 \(11\) is within the usual range/,
    )
    assert.match(processControlLine(xmrChart([10, null]), 'June 2018', say), /has no figure/)
    assert.match(processControlLine(xmrChart([10]), 'June 2018', say), /too few months/)
  })
})
