import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { zipOf } from '../../../test/zip.ts'
import { readSsda903, ssda903Messages, tableOfFile } from './read-ssda903.ts'
import { loadSsda903Schema, SSDA903_TABLES } from './schema.ts'

const FIXTURES = fileURLToPath(new URL('../../../fixtures/ssda903', import.meta.url))

let scratch: string
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'scrutineer-ssda903-'))
})
after(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** A folder holding these files, by name. */
async function folderOf(name: string, files: Record<string, string | Buffer>): Promise<string> {
  const dir = join(scratch, name)
  await mkdir(dir)
  for (const [file, content] of Object.entries(files)) await writeFile(join(dir, file), content)
  return dir
}

const EPISODES =
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' +
  '1,01/04/2017,S,C2,N1,U1,PR4,30/06/2017,X1,,,,\n' +
  '1,30/06/2017,P,C2,N1,K2,PR1,,,,,,\n'

describe('the SSDA903 schema', () => {
  it('holds the 11 tables with their columns, codes and what may be blank', () => {
    const schema = loadSsda903Schema()
    assert.deepEqual([...schema.keys()].sort(), [...SSDA903_TABLES].sort())
    const episodes = schema.get('episodes') ?? []
    assert.deepEqual(
      episodes.map((c) => c.name),
      ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE'].concat([
        'HOME_POST',
        'PL_POST',
        'URN',
      ]),
    )
    const rec = episodes.find((c) => c.name === 'REC')
    assert.equal(rec?.kind, 'code')
    assert.equal(rec?.canBeBlank, true)
    assert.ok(rec?.codes.has('X1') && rec.codes.has('E45'))
    assert.equal(episodes.find((c) => c.name === 'DECOM')?.kind, 'date')
    assert.equal(episodes.find((c) => c.name === 'DECOM')?.canBeBlank, false)
    // The header's SEX takes 1/2 or the words the schema's dictionary maps onto them.
    assert.equal(
      schema
        .get('header')
        ?.find((c) => c.name === 'SEX')
        ?.codes.get('FEMALE'),
      '2',
    )
  })

  it('names each file as DfE does, and common variants', () => {
    assert.equal(tableOfFile('episodes.csv'), 'episodes')
    assert.equal(tableOfFile('Episodes.CSV'), 'episodes')
    assert.equal(tableOfFile('SSDA903_2024_episodes.csv'), 'episodes')
    assert.equal(tableOfFile('placed_for_adoption.csv'), 'placed_for_adoption')
    assert.equal(tableOfFile('PlacedAdoption.csv'), 'placed_for_adoption')
    assert.equal(tableOfFile('PrevPerm.csv'), 'previous_permanence')
    assert.equal(tableOfFile('sw_episodes.csv'), 'sw_episodes')
    assert.equal(tableOfFile('OC3.csv'), 'oc3')
    assert.equal(tableOfFile('list-8.csv'), null)
  })
})

describe('reading the fixture return', () => {
  it('reads all 11 files with every row', async () => {
    const read = await readSsda903(FIXTURES)
    assert.ok(read.ok, JSON.stringify(!read.ok && read.problems))
    const rows = Object.fromEntries([...read.value.tables].map(([table, t]) => [table, t.rows.length]))
    assert.deepEqual(rows, {
      header: 2675,
      episodes: 5050,
      uasc: 132,
      oc2: 2675,
      oc3: 53,
      ad1: 29,
      placed_for_adoption: 29,
      reviews: 12582,
      missing: 43,
      sw_episodes: 1,
      previous_permanence: 2675,
    })
    const first = read.value.tables.get('episodes')?.rows[0]
    assert.deepEqual(first?.row, 2)
    assert.equal(first?.values.CHILD, '566910')
    assert.equal(first?.values.DECOM, '2016-02-15')
    assert.equal(first?.values.DEC, '2017-08-14')
    assert.equal(first?.values.REC, 'X1')
    assert.equal(first?.values.HOME_POST, null)
    // sw_episodes.csv has a byte-order mark and CRLF line ends: its first column is still CHILD.
    assert.equal(read.value.tables.get('sw_episodes')?.rows[0]?.values.CHILD, 'CHILD10')
  })

  it('reports each bad cell with its file, row, column, value and why, keeping the row', async () => {
    const read = await readSsda903(FIXTURES)
    assert.ok(read.ok)
    // oc3.csv row 2 (197474) has ACCOM "01", which is no accommodation code.
    const accom = read.value.errors.find((p) => p.file === 'oc3.csv' && p.column === 'ACCOM' && p.value === '01')
    assert.deepEqual(accom, {
      file: 'oc3.csv',
      row: 2,
      column: 'ACCOM',
      value: '01',
      reason: 'child 197474: Not one of the ACCOM codes (expected one of B1, B2, C1, C2, D1, D2 … 0).',
    })
    const row = read.value.tables.get('oc3')?.rows.find((r) => r.row === 2)
    assert.equal(row?.values.ACCOM, null)
    assert.ok(row?.invalid.has('ACCOM'))
    assert.equal(row?.values.IN_TOUCH, 'DIED')
    // Every problem names a file the return holds.
    const files = new Set(await readdir(FIXTURES))
    for (const problem of [...read.value.errors, ...read.value.warnings])
      assert.ok(files.has(problem.file), problem.file)
  })
})

describe('reading a return however its files are written', () => {
  it('matches headers in any case and order, and reads ISO dates, padded codes and words', async () => {
    const dir = await folderOf('shuffled', {
      'Episodes.csv':
        'dec,Child,decom,rec,place,place_provider,rne,ls,cin,reason_place_change,home_post,pl_post,urn\r\n' +
        '2017-06-30, 7 ,2017-04-01,e11 ,u1,pr4,S,C2,N1,,,,\r\n',
      'header.csv': 'sex,dob,child,ethnic,upn,mother,mc_dob\nFemale,01/01/2015,7,WBRI,A123,,\n',
    })
    const read = await readSsda903(dir)
    assert.ok(read.ok, JSON.stringify(!read.ok && read.problems))
    const episode = read.value.tables.get('episodes')?.rows[0]
    assert.deepEqual(
      [episode?.values.CHILD, episode?.values.DECOM, episode?.values.DEC, episode?.values.REC, episode?.values.PLACE],
      ['7', '2017-04-01', '2017-06-30', 'E11', 'U1'],
    )
    assert.equal(read.value.tables.get('header')?.rows[0]?.values.SEX, '2')
    assert.deepEqual(read.value.errors, [])
    // The files it does not hold are named as missing.
    assert.ok(read.value.warnings.some((w) => w.reason === ssda903Messages.missingTable('oc3.csv')))
  })

  it('reads a .zip of the files as it reads the folder', async () => {
    // In a folder inside the zip, as Windows' "Send to compressed folder" makes it.
    const files = Object.fromEntries(
      await Promise.all(
        ['episodes.csv', 'header.csv', 'oc3.csv', 'uasc.csv'].map(
          async (name) => [`SSDA903/${name}`, await readFile(join(FIXTURES, name))] as const,
        ),
      ),
    )
    const zip = join(scratch, 'return.zip')
    await writeFile(zip, await zipOf(files))
    const read = await readSsda903(zip)
    assert.ok(read.ok, JSON.stringify(!read.ok && read.problems))
    assert.equal(read.value.tables.get('episodes')?.rows.length, 5050)
    assert.equal(read.value.tables.get('oc3')?.rows.length, 53)
  })

  it('reports an episode that ends before it starts, and a blank required cell', async () => {
    const dir = await folderOf('order', {
      'episodes.csv':
        'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' +
        '9,01/05/2017,S,C2,N1,U1,PR4,30/04/2017,E11,,,,\n' +
        '9,,S,C2,N1,U1,PR4,,,,,,\n' +
        '9,31/02/2017,S,C2,N1,U1,PR4,,,,,,\n',
    })
    const read = await readSsda903(dir)
    assert.ok(read.ok)
    assert.deepEqual(read.value.errors, [
      {
        file: 'episodes.csv',
        row: 2,
        column: 'DEC',
        value: '30/04/2017',
        reason: 'child 9: The episode ends (DEC) before it starts (DECOM 01/05/2017).',
      },
      {
        file: 'episodes.csv',
        row: 3,
        column: 'DECOM',
        value: '',
        reason: 'child 9: DECOM is blank, but the SSDA903 return needs it.',
      },
      {
        file: 'episodes.csv',
        row: 4,
        column: 'DECOM',
        value: '31/02/2017',
        reason: 'child 9: 31/02/2017 is not a real date (DfE writes dates as 30/04/2018).',
      },
    ])
  })
})

describe('each fixture file on its own', () => {
  it('is read (episodes.csv) or refused for want of episodes, with the reason, never a crash', async () => {
    for (const name of await readdir(FIXTURES)) {
      const dir = await folderOf(`alone-${name}`, { [name]: await readFile(join(FIXTURES, name)) })
      const read = await readSsda903(dir)
      if (name === 'episodes.csv') {
        assert.ok(read.ok, name)
        assert.equal(read.value.tables.get('episodes')?.rows.length, 5050)
        // The ten files it lacks are each named.
        assert.equal(read.value.warnings.filter((w) => /^There is no /.test(w.reason)).length, 10)
      } else {
        assert.ok(!read.ok, name)
        assert.equal(read.problems[0]?.reason, ssda903Messages.noEpisodes(`alone-${name}`), name)
      }
    }
  })
})

describe('refusing what is not a return', () => {
  const refusal = async (path: string) => {
    const read = await readSsda903(path)
    assert.ok(!read.ok)
    return read.problems
  }

  it('refuses a folder without episodes.csv', async () => {
    const dir = await folderOf('no-episodes', { 'header.csv': 'CHILD,SEX,DOB\n1,1,01/01/2010\n' })
    assert.deepEqual(await refusal(dir), [
      { file: 'no-episodes', row: null, column: null, value: null, reason: ssda903Messages.noEpisodes('no-episodes') },
    ])
  })

  it('refuses an episodes file without DECOM', async () => {
    const dir = await folderOf('no-decom', { 'episodes.csv': 'CHILD,DEC,REC\n1,01/01/2018,E11\n' })
    assert.deepEqual(await refusal(dir), [
      {
        file: 'episodes.csv',
        row: 1,
        column: 'DECOM',
        value: null,
        reason: ssda903Messages.noColumn('DECOM', 'episodes.csv'),
      },
    ])
  })

  it('refuses a file that is not text, naming it', async () => {
    const dir = await folderOf('binary', {
      'episodes.csv': EPISODES,
      'oc3.csv': Buffer.from([0x43, 0x48, 0x00, 0x00, 0xff, 0x01, 0x02, 0x00, 0x0a]),
    })
    const [problem] = await refusal(dir)
    assert.equal(problem?.file, 'oc3.csv')
    assert.ok((problem?.reason ?? '').length > 0)
  })

  it('refuses a missing path, a lone file, and a damaged zip', async () => {
    assert.equal((await refusal(join(scratch, 'nothing-here')))[0]?.reason, ssda903Messages.missing('nothing-here'))
    await writeFile(join(scratch, 'episodes.txt'), EPISODES)
    assert.equal((await refusal(join(scratch, 'episodes.txt')))[0]?.reason, ssda903Messages.notReturn('episodes.txt'))
    await writeFile(join(scratch, 'broken.zip'), 'not a zip')
    assert.match((await refusal(join(scratch, 'broken.zip')))[0]?.reason ?? '', /could not be opened as a zip file/)
  })
})
