import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { after, describe, it } from 'node:test'
import { withDeclaredSize, zipOf } from '../../../test/zip.ts'
import { escapesArchive, inspectZip, unpackCsvZip } from './zip.ts'

const LIMITS = { maxUnpackedBytes: 50 * 1024 * 1024 }

/** Every folder a test made, removed once the tests are done. */
const folders: string[] = []
after(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })))
})
async function newFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'scrutineer-zip-test-'))
  folders.push(folder)
  return folder
}
const LIST_1 = 'Child Unique ID,Gender,Date of Contact\nA1,Male,30/04/2018\n'

/** Writes a zip to a fresh folder and unpacks it into a folder beside it; returns the outcome and what was written. */
async function unpack(zip: Buffer, limits = LIMITS) {
  const dir = await newFolder()
  await writeFile(join(dir, 'return.zip'), zip)
  const out = join(dir, 'out')
  await import('node:fs/promises').then((fs) => fs.mkdir(out))
  const result = await unpackCsvZip(join(dir, 'return.zip'), out, 'return.zip', limits)
  return { result, out, dir, files: await readdir(out) }
}

describe('unpacking an Annex A return sent as a zip', () => {
  it('unpacks the list CSVs flat, passing over folders, other files and macOS resource forks', async () => {
    const { result, out, files } = await unpack(
      await zipOf({
        'return/list-1.csv': LIST_1,
        'return/List 3 - Referrals.csv': 'Child Unique ID\nB2\n',
        'return/notes.txt': 'not a list',
        '__MACOSX/return/._list-1.csv': 'resource fork',
      }),
    )
    assert.ok(result.ok, JSON.stringify(result))
    assert.deepEqual(result.value.sort(), ['List 3 - Referrals.csv', 'list-1.csv'])
    assert.deepEqual(files.sort(), ['List 3 - Referrals.csv', 'list-1.csv'])
    assert.equal(await readFile(join(out, 'list-1.csv'), 'utf8'), LIST_1)
  })

  it('refuses a name that points outside the archive, writing nothing', async () => {
    const { result, files, dir } = await unpack(await zipOf({ 'list-1.csv': LIST_1, '../escaped.csv': 'x' }))
    assert.ok(!result.ok)
    // JSZip also records the folder `../` itself, which is found first.
    assert.match(result.problems[0]?.value ?? '', /^\.\.\//)
    assert.match(result.problems[0]?.reason ?? '', /points outside the archive/)
    assert.deepEqual(files, [])
    assert.ok(!(await readdir(dir)).includes('escaped.csv'))
  })

  it('knows the names that escape', () => {
    for (const name of ['../x.csv', 'a/../../x.csv', '/etc/passwd', 'C:\\x.csv', 'c:x.csv', 'a\\..\\..\\x.csv'])
      assert.ok(escapesArchive(name), name)
    for (const name of ['list-1.csv', 'return/list-1.csv', 'a..b.csv']) assert.ok(!escapesArchive(name), name)
  })

  it('refuses a zip bomb: a file that unpacks to thousands of times its packed size', async () => {
    const { result, files } = await unpack(await zipOf({ 'list-1.csv': Buffer.alloc(20 * 1024 * 1024, 0x30) }))
    assert.ok(!result.ok)
    assert.match(result.problems[0]?.reason ?? '', /zip bomb/)
    assert.deepEqual(files, [])
  })

  it('refuses files that together unpack to more than the limit', async () => {
    const big = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `C${i},Female,01/04/2018\n`).join(''))
    const { result, files } = await unpack(await zipOf({ 'list-1.csv': big }), { maxUnpackedBytes: 100_000 })
    assert.ok(!result.ok)
    assert.match(result.problems[0]?.reason ?? '', /more than the 0.1 MB allowed/)
    assert.deepEqual(files, [])
  })

  it('stops a file that holds more than the zip says, however small the declared size', async () => {
    const zip = withDeclaredSize(await zipOf({ 'list-1.csv': LIST_1.repeat(50) }), 10)
    const { result } = await unpack(zip)
    assert.ok(!result.ok)
    assert.match(result.problems[0]?.reason ?? '', /holds more than the zip file says/)
  })

  it('refuses a file that is not a zip, and a zip with no CSV files, with a clear reason', async () => {
    const notZip = await unpack(Buffer.from('Child Unique ID\nA1\n'))
    assert.ok(!notZip.result.ok)
    assert.match(notZip.result.problems[0]?.reason ?? '', /could not be opened as a zip file/)
    const noCsv = await unpack(await zipOf({ 'readme.txt': 'hello' }))
    assert.ok(!noCsv.result.ok)
    assert.match(noCsv.result.problems[0]?.reason ?? '', /holds no CSV files/)
  })

  it('refuses an archive of too many entries', async () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`list-${i + 1}.csv`, LIST_1]))
    const dir = await newFolder()
    await writeFile(join(dir, 'many.zip'), await zipOf(files))
    const result = await inspectZip(join(dir, 'many.zip'), 'many.zip', { ...LIMITS, maxEntries: 11 }, true)
    assert.ok(!result.ok)
    assert.match(result.problems[0]?.reason ?? '', /holds 12 files and folders; Scrutineer unpacks at most 11/)
  })

  it('unpacks stored and deflated files byte for byte, and refuses one whose bytes do not match its CRC-32', async () => {
    const text = `${LIST_1}${'B2,Female,01/04/2018\n'.repeat(2000)}`
    const zip = new (
      createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip') as new () => {
        file(name: string, content: string, options: { compression: 'STORE' | 'DEFLATE' }): void
        generateAsync(options: { type: 'nodebuffer' }): Promise<Buffer>
      }
    )()
    zip.file('list-1.csv', text, { compression: 'DEFLATE' })
    zip.file('list-3.csv', text, { compression: 'STORE' })
    const bytes = await zip.generateAsync({ type: 'nodebuffer' })
    const good = await unpack(bytes)
    assert.ok(good.result.ok, JSON.stringify(good.result))
    assert.equal(await readFile(join(good.out, 'list-1.csv'), 'utf8'), text)
    assert.equal(await readFile(join(good.out, 'list-3.csv'), 'utf8'), text)
    // One byte of the stored file changed: it still unpacks to the right size, but not to what was packed.
    const damaged = Buffer.from(bytes)
    const at = damaged.indexOf('B2,Female', damaged.indexOf('list-3.csv'))
    assert.ok(at > 0)
    damaged[at] = 'C'.charCodeAt(0)
    const bad = await unpack(damaged)
    assert.ok(!bad.result.ok)
    assert.match(bad.result.problems[0]?.reason ?? '', /could not be unpacked: the zip may be damaged/)
  })
})
