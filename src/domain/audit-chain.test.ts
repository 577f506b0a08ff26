import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import {
  AuditChainVerifier,
  canonicalAuditEvent,
  CHAIN_START_HASH,
  childListText,
  type ChainLink,
} from './audit-chain.ts'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** The link at `index`, which the test knows is there. */
function at(links: readonly ChainLink[], index: number): ChainLink {
  const link = links[index]
  assert.ok(link)
  return link
}

/** A valid chain of `n` events. */
function chain(n: number): ChainLink[] {
  const links: ChainLink[] = []
  let previousHash = CHAIN_START_HASH
  for (let position = 1; position <= n; position++) {
    const link = {
      position,
      id: position + 10,
      at: `2026-12-07T10:00:0${position}.123456Z`,
      actor: `user:${position}`,
      action: 'sign-in',
      subjectType: 'user',
      subjectId: String(position),
      correlationId: position === 2 ? null : `req-${position}`,
      details: `{"n": ${position}}`,
      previousHash,
    }
    const hash = sha256(canonicalAuditEvent(link))
    links.push({ ...link, hash })
    previousHash = hash
  }
  return links
}

function verify(
  links: readonly ChainLink[],
  head = { position: links.at(-1)?.position ?? 0, hash: links.at(-1)?.hash ?? CHAIN_START_HASH },
) {
  const verifier = new AuditChainVerifier(sha256)
  for (const link of links) verifier.check(link)
  return verifier.finish(head, [])
}

describe('childListText', () => {
  it('lists the ids sorted, one a line, whatever order they come in, leaving the input as it was', () => {
    const ids = ['C2', '0042', 'C10', 'C1']
    assert.equal(childListText(ids), '0042\nC1\nC10\nC2')
    assert.equal(childListText([...ids].reverse()), childListText(ids))
    assert.deepEqual(ids, ['C2', '0042', 'C10', 'C1'])
    assert.equal(childListText([]), '')
  })
})

describe('canonicalAuditEvent', () => {
  it('writes each value as its length in bytes and the value, one a line, and a missing value as -', () => {
    const text = canonicalAuditEvent({ ...at(chain(2), 1), actor: 'Zoë', previousHash: 'ab' })
    assert.deepEqual(text.split('\n'), [
      'scrutineer-audit-event-v1',
      '1:2',
      '2:12',
      '27:2026-12-07T10:00:02.123456Z',
      '4:Zoë',
      '7:sign-in',
      '4:user',
      '1:2',
      '-',
      '8:{"n": 2}',
      '2:ab',
    ])
  })

  it('cannot be made to read alike by moving text from one value to the next', () => {
    const [link] = chain(1)
    assert.ok(link)
    const moved = { ...link, actor: `${link.actor}\n7:sign-in`, action: '' }
    assert.notEqual(canonicalAuditEvent(moved), canonicalAuditEvent(link))
  })
})

describe('AuditChainVerifier', () => {
  it('finds nothing wrong with a chain as written, and nothing with an empty one', () => {
    assert.deepEqual(verify(chain(5)), [])
    assert.deepEqual(verify([]), [])
  })

  it('finds a changed event at its position, and only there', () => {
    const links = chain(5)
    links[2] = { ...at(links, 2), details: '{"n": 99}' }
    assert.deepEqual(
      verify(links).map((b) => [b.kind, b.position, b.eventId, b.at]),
      [['changed', 3, 13, '2026-12-07T10:00:03.123456Z']],
    )
  })

  it('finds an event deleted from the middle (a gap and a broken link) and from the end (the head)', () => {
    const links = chain(5)
    const head = { position: 5, hash: at(links, 4).hash }
    const remaining = [at(links, 0), at(links, 1), at(links, 3)]
    assert.deepEqual(
      verify(remaining, head).map((b) => [b.kind, b.position]),
      [
        ['missing', 3],
        ['relinked', 4],
        ['head', 5],
      ],
    )
  })

  it('finds a chain rebuilt from scratch when checked against a head recorded before', () => {
    const rebuilt = chain(3).map((l) => ({ ...l }))
    const recorded = { position: 3, hash: sha256('the head printed last night') }
    assert.deepEqual(
      verify(rebuilt, recorded).map((b) => b.kind),
      ['head'],
    )
  })
})
