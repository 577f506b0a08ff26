import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import {
  controlCharacterIndex,
  decodeText,
  TextDecoding,
  TextFileProblem,
  textFileMessages,
  visibleControlCharacters,
} from './text-file.ts'

/** `£ é “ ”` as Windows-1252 writes them. */
const WINDOWS_1252 = Buffer.from([0x41, 0x0a, 0xa3, 0x20, 0xe9, 0x20, 0x93, 0x94, 0x20, 0x80, 0x0a])

function refusal(bytes: Uint8Array): TextFileProblem {
  try {
    decodeText(bytes)
  } catch (error) {
    if (error instanceof TextFileProblem) return error
    throw error
  }
  assert.fail('the bytes were accepted')
}

/** Decodes one byte at a time: every character split between chunks. */
function byteByByte(bytes: Uint8Array): { text: string; decoding: TextDecoding } {
  const decoding = new TextDecoding()
  let text = ''
  for (const byte of bytes) text += decoding.write(Uint8Array.of(byte))
  return { text: text + decoding.end(), decoding }
}

describe('TextDecoding', () => {
  it('reads UTF-8 as it is, with or without its byte order mark, and says nothing about it', () => {
    const plain = decodeText(Buffer.from('id,title\na,£ é “ ” 😀\n'))
    assert.equal(plain.text, 'id,title\na,£ é “ ” 😀\n')
    assert.equal(plain.decoding.encoding, 'UTF-8')
    assert.equal(plain.decoding.note('a.csv'), null)
    const marked = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,£\n')]))
    assert.equal(marked.text, 'a,£\n')
  })

  it('reads a file that is not UTF-8 as Windows-1252, keeping £ é “ ” €, with a note naming the file', () => {
    const { text, decoding } = decodeText(WINDOWS_1252)
    assert.equal(text, 'A\n£ é “” €\n')
    assert.equal(decoding.encoding, 'Windows-1252')
    assert.equal(decoding.note('april.csv'), textFileMessages.windows1252('april.csv'))
    assert.match(decoding.note('april.csv') ?? '', /^april\.csv is not UTF-8 text, so it was read as Windows-1252/)
  })

  it('gives the same text however the bytes are split into chunks', () => {
    for (const bytes of [Buffer.from('x\n£€😀\n'), WINDOWS_1252, Buffer.from('\ufeffa,é\n')]) {
      assert.equal(byteByByte(bytes).text, decodeText(bytes).text)
    }
  })

  it('reads UTF-16 with its byte order mark, little- and big-endian (Excel’s "Unicode Text")', () => {
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\t£ é\n', 'utf16le')])
    assert.deepEqual([decodeText(little).text, decodeText(little).decoding.encoding], ['a\t£ é\n', 'UTF-16LE'])
    const big = Buffer.from(Buffer.from('a\t£ é\n', 'utf16le')).swap16()
    const bigMarked = Buffer.concat([Buffer.from([0xfe, 0xff]), big])
    assert.deepEqual([decodeText(bigMarked).text, decodeText(bigMarked).decoding.encoding], ['a\t£ é\n', 'UTF-16BE'])
    assert.equal(byteByByte(little).text, 'a\t£ é\n')
  })

  it('refuses UTF-16 that is cut in the middle of a character', () => {
    const problem = refusal(Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00, 0x3d, 0xd8]))
    assert.equal(problem.reason, textFileMessages.badUtf16('UTF-16LE'))
  })

  it('refuses a file mixing UTF-8 and another encoding, naming both lines', () => {
    const problem = refusal(Buffer.concat([Buffer.from('id\n£ in UTF-8\nfine\n'), Buffer.from([0xa3, 0x0a])]))
    assert.equal(problem.line, 4)
    assert.equal(problem.reason, textFileMessages.mixed(2))
  })

  it('refuses a NUL byte with its line, and other control characters', () => {
    const nul = refusal(Buffer.from('id,title\na,b\nc,d\u0000e\n'))
    assert.equal(nul.line, 3)
    assert.equal(nul.reason, textFileMessages.control(0))
    assert.match(nul.reason, /NUL byte/)
    assert.equal(refusal(Buffer.from('a\u0007b')).reason, textFileMessages.control(7))
    // Windows-1252 leaves 0x81 undefined: it is a control character, so the file is refused, never guessed at.
    assert.equal(refusal(Buffer.from([0x61, 0x0a, 0xa3, 0x81])).line, 2)
  })

  it('refuses random binary bytes (a workbook or image renamed .csv) rather than reading them as text', () => {
    for (let seed = 0; seed < 20; seed++) assert.ok(refusal(randomBytes(4096)) instanceof TextFileProblem)
  })

  it('allows tab, line feed and carriage return', () => {
    assert.equal(decodeText(Buffer.from('a\tb\r\nc\rd\n')).text, 'a\tb\r\nc\rd\n')
  })
})

describe('control characters', () => {
  it('finds them, and writes them out for quoting', () => {
    assert.equal(controlCharacterIndex('a\tb\n'), -1)
    assert.equal(controlCharacterIndex('ab\u0000'), 2)
    assert.equal(controlCharacterIndex('a\u0085'), 1)
    assert.equal(visibleControlCharacters('a\u0000b\u001b'), 'a[U+0000]b[U+001B]')
  })
})
