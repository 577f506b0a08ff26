import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  approvalProblem,
  attendanceLine,
  attendee,
  firstMinuteNumber,
  minuteItemDetails,
  minutesDetails,
  nextMinuteNumber,
  paragraphs,
  printedDate,
  resolutionDecisions,
} from './minutes.ts'
import { memberLabel } from './committee.ts'

describe('minute numbers run through the municipal year', () => {
  it('continues from the earlier meetings of the same year', () => {
    const earlier = [
      { date: '2017-06-29', minuteCount: 6 },
      { date: '2017-09-07', minuteCount: 7 },
      { date: '2017-11-02', minuteCount: 8 },
      { date: '2018-01-25', minuteCount: 7 },
    ]
    assert.equal(firstMinuteNumber('2018-03-22', earlier), 29)
  })

  it('starts again at 1 in a new municipal year', () => {
    assert.equal(firstMinuteNumber('2019-06-06', [{ date: '2019-03-28', minuteCount: 40 }]), 1)
  })

  describe('edge cases', () => {
    it('ignores later meetings and the meeting itself; a committee with no meetings starts at 1', () => {
      const meetings = [
        { date: '2018-06-07', minuteCount: 5 },
        { date: '2018-09-06', minuteCount: 9 },
      ]
      assert.equal(firstMinuteNumber('2018-06-07', meetings), 1)
      assert.equal(firstMinuteNumber('2018-07-12', meetings), 6)
      assert.equal(firstMinuteNumber('2018-06-07', []), 1)
    })

    it('a meeting in late April belongs to the year that began the May before', () => {
      assert.equal(firstMinuteNumber('2018-04-30', [{ date: '2017-05-01', minuteCount: 3 }]), 4)
      assert.equal(firstMinuteNumber('2018-05-01', [{ date: '2018-04-30', minuteCount: 3 }]), 1)
    })
  })
})

const TODAY = '2026-11-30'

describe('the minutes of a meeting', () => {
  it('reads members as typed, one a line, and prints them as the council does', () => {
    assert.deepEqual(attendee('Councillor Keogh (Chair)'), { name: 'Keogh', kind: 'councillor', role: 'chair' })
    assert.deepEqual(attendee('Cllr Taggart (Vice-Chair)'), { name: 'Taggart', kind: 'councillor', role: 'vice-chair' })
    assert.deepEqual(attendee('Rob Sanders'), { name: 'Rob Sanders', kind: 'appointed', role: 'member' })
    const present = ['Councillor Keogh (Chair)', 'Councillor Taggart (Vice-Chair)', 'Councillor Murphy'].map(attendee)
    assert.equal(attendanceLine(present), 'Councillors Keogh (Chair), Taggart (Vice-Chair) and Murphy')
    const apologies = ['Councillor Burke', 'Catherine Hobbs', 'Rob Sanders'].map(attendee)
    // Appointed members are never printed as councillors (seed 003 names them "Appointed Member Rob Sanders").
    assert.equal(attendanceLine(apologies), 'Councillor Burke; and Appointed Members Catherine Hobbs and Rob Sanders')
    const mixed = ['Councillor Taggart (Chair)', 'Catherine Hobbs', 'Councillor Guthrie', 'Councillor Keogh'].map(
      attendee,
    )
    assert.equal(
      attendanceLine(mixed),
      'Councillors Taggart (Chair), Guthrie and Keogh; and Appointed Member Catherine Hobbs',
    )
    assert.equal(memberLabel(attendee('Councillor Keogh (Chair)')), 'Councillor Keogh (Chair)')
  })

  it('checks the heading: someone must be present, one chair at most', () => {
    const empty = minutesDetails({ present: ' \n ', apologies: '', officers: '', declarations: '' })
    assert.equal(empty.ok, false)
    assert.deepEqual(!empty.ok && empty.problems.map((p) => p.field), ['present'])
    const twoChairs = minutesDetails({
      present: 'Councillor A (Chair)\nCouncillor B (Chair)',
      apologies: '',
      officers: '',
      declarations: '',
    })
    assert.equal(!twoChairs.ok && twoChairs.problems[0]?.message, 'Only one member can be marked (Chair)')
    const good = minutesDetails({
      present: 'Councillor Keogh (Chair)\n\nLaurent',
      apologies: 'Councillor Burke',
      officers: 'Hillary Brooks, Service Director\n',
      declarations: '',
    })
    assert.ok(good.ok)
    assert.equal(good.value.present.length, 2)
    assert.deepEqual(good.value.officers, ['Hillary Brooks, Service Director'])
    assert.deepEqual(good.value.declarations, [])
  })

  it('checks a minute: a title, and text or a resolution; splits the text into paragraphs', () => {
    const result = minuteItemDetails(
      { title: ' Performance ', text: 'One\nline.\n\nTwo.', resolved: ' ', inTheChair: '', agendaItem: '7' },
      [7, 8],
    )
    assert.ok(result.ok)
    assert.deepEqual(result.value, {
      title: 'Performance',
      paragraphs: ['One line.', 'Two.'],
      resolved: null,
      inTheChair: null,
      agendaItemId: 7,
    })
    const bad = minuteItemDetails({ title: '', text: '', resolved: '', inTheChair: '', agendaItem: '9' }, [7])
    assert.deepEqual(!bad.ok && bad.problems.map((p) => p.field), ['title', 'text', 'agendaItem'])
  })

  it('is approved only while a draft, at a later meeting of the same committee', () => {
    const minuted = { committeeId: 1, date: '2018-03-22' }
    const later = { committeeId: 1, date: '2018-06-07', status: 'scheduled' as const }
    assert.equal(approvalProblem({ status: 'draft' }, minuted, later, TODAY), null)
    assert.equal(
      approvalProblem({ status: 'approved' }, minuted, later, TODAY),
      'These minutes have already been approved',
    )
    assert.equal(
      approvalProblem({ status: 'draft' }, minuted, { ...later, committeeId: 2 }, TODAY),
      'Minutes are approved at a meeting of the same committee',
    )
    assert.equal(
      approvalProblem({ status: 'draft' }, minuted, { ...later, date: '2018-01-25' }, TODAY),
      'Minutes are approved at a later meeting',
    )
  })

  it("numbers a meeting's minutes on from its last, or from the year's sequence for the first", () => {
    assert.equal(nextMinuteNumber([], '2018-03-22', [{ date: '2018-01-25', minuteCount: 28, lastNumber: 28 }]), 29)
    // Printed numbers carried over from paper: 22 March 2018's five minutes run 29 to 33.
    assert.equal(nextMinuteNumber([], '2018-04-19', [{ date: '2018-03-22', minuteCount: 5, lastNumber: 33 }]), 34)
    assert.equal(nextMinuteNumber([], '2018-06-07', [{ date: '2018-03-22', minuteCount: 5, lastNumber: 33 }]), 1)
    assert.equal(nextMinuteNumber([{ number: 29 }, { number: 30 }], '2018-03-22', []), 31)
    assert.equal(printedDate('2019-06-06'), '6 June 2019')
  })

  describe('edge cases', () => {
    it('approval at the same meeting, or at a cancelled one, is refused', () => {
      const minuted = { committeeId: 1, date: '2018-03-22' }
      assert.equal(
        approvalProblem({ status: 'draft' }, minuted, { committeeId: 1, date: '2018-03-22', status: 'held' }, TODAY),
        'Minutes are approved at a later meeting',
      )
      assert.match(
        approvalProblem(
          { status: 'draft' },
          minuted,
          { committeeId: 1, date: '2018-06-07', status: 'cancelled' },
          TODAY,
        ) ?? '',
        /cancelled/,
      )
      // A meeting that has not happened yet cannot have approved them; one held today can.
      const future = { committeeId: 1, date: '2027-03-18', status: 'scheduled' as const }
      assert.equal(
        approvalProblem({ status: 'draft' }, minuted, future, TODAY),
        'The meeting on 18 March 2027 has not taken place yet: minutes are approved at a meeting that has',
      )
      assert.equal(approvalProblem({ status: 'draft' }, minuted, future, '2027-03-18'), null)
    })

    it('reads Windows line endings, odd spacing and an empty list', () => {
      assert.deepEqual(paragraphs('A\r\n\r\n\r\nB\r\nC'), ['A', 'B C'])
      assert.equal(attendanceLine([]), '')
      assert.equal(attendanceLine([attendee('Rob Sanders')]), 'Appointed Member Rob Sanders')
      assert.equal(attendanceLine([attendee('councillor  Keogh  (chair)')]), 'Councillor Keogh (Chair)')
    })

    it('an agenda item that is not a number, or a name of just an office, is a problem not a crash', () => {
      const item = minuteItemDetails(
        { title: 'T', text: 'x', resolved: '', inTheChair: '', agendaItem: '1 OR 1=1' },
        [1],
      )
      assert.deepEqual(!item.ok && item.problems.map((p) => p.field), ['agendaItem'])
      const heading = minutesDetails({ present: '(Chair)', apologies: '', officers: '', declarations: '' })
      assert.equal(heading.ok, false)
    })
  })
})

describe('the decisions of a resolution', () => {
  it('splits numbered decisions into one each, dropping the lead-in "that", the numbers and a trailing "; and"', () => {
    const resolved =
      'that\r\n1) Officers provide a breakdown of the sources of referrals to the MASH; and\r\n' +
      '2) The Cabinet Member reviews MASH staffing.'
    assert.deepEqual(resolutionDecisions(resolved), [
      'Officers provide a breakdown of the sources of referrals to the MASH',
      'The Cabinet Member reviews MASH staffing.',
    ])
  })

  it('reads "(i)", "(1)" and "1." numbering, as the council writes each', () => {
    assert.deepEqual(resolutionDecisions('(i) That the report be noted;\n(ii) That the plan be shared.'), [
      'That the report be noted',
      'That the plan be shared.',
    ])
    assert.deepEqual(resolutionDecisions('That:\n(1) A;\n(2) B'), ['A', 'B'])
    assert.deepEqual(resolutionDecisions('1. That A; or\n2. That B'), ['That A', 'That B'])
  })

  it('keeps an unnumbered resolution as one decision, with its line endings as "\\n"', () => {
    assert.deepEqual(resolutionDecisions('that the Panel be given\r\nthe Ofsted action plan.'), [
      'that the Panel be given\nthe Ofsted action plan.',
    ])
  })

  describe('edge cases', () => {
    it('keeps unnumbered lines with the decision above them', () => {
      assert.deepEqual(resolutionDecisions('1) That A\nand more of A;\n2) That B'), ['That A\nand more of A', 'That B'])
    })

    it('drops the number of a lone decision but does not split on another lead-in or a number in the text', () => {
      assert.deepEqual(resolutionDecisions('(i) That the report be noted.'), ['That the report be noted.'])
      const leadIn = 'that the Panel recommends to Cabinet:\n1) A\n2) B'
      assert.deepEqual(resolutionDecisions(leadIn), [leadIn])
      assert.deepEqual(resolutionDecisions('3.5 million was spent\n4.2 more'), ['3.5 million was spent\n4.2 more'])
    })

    it('gives nothing for an empty or blank resolution', () => {
      assert.deepEqual(resolutionDecisions(''), [])
      assert.deepEqual(resolutionDecisions(' \r\n '), [])
    })
  })
})
