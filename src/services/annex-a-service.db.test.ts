import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { storeTargets } from '../../test/databases.ts'
import { annexARepository } from '../store/annex-a-repository.ts'
import { importRepository } from '../store/import-repository.ts'
import type { Store } from '../store/connect.ts'
import { services as buildServices, type Services } from './index.ts'
import { scratchFolders } from '../../test/scratch.ts'

const SMALL = fileURLToPath(new URL('testdata/annex-a-small', import.meta.url))

for (const target of storeTargets()) {
  describe(`importing Annex A on ${target.name}`, { skip: target.skip }, () => {
    const scratch = scratchFolders('scrutineer-holidays-')
    let store: Store
    let services: Services
    let importId: number

    before(async () => {
      if (!target.openDemo) return
      store = await target.openDemo()
      services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Test council' })
      const result = await services.annexA.importFile(SMALL, { actor: 'test' })
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
      importId = result.value.importId
    })
    after(async () => {
      await store.close()
    })

    it('reports up to the latest month with events, from the first month the return covers', async () => {
      const [latest] = await services.annexA.listImports()
      assert.equal(latest?.id, importId)
      assert.deepEqual((latest?.summary as { months: string[] }).months, ['2018-03', '2018-04'])
    })

    it('writes the computed figures into the linked indicators, revising the typed ones', async () => {
      const result = await services.packs.getPack('monthly', '2018-04')
      assert.ok(result.ok)
      const byId = new Map(result.value.pack.indicators.map((i) => [i.id, i]))
      const april = (id: string) => byId.get(id)?.values.at(-1)
      // Three ICPCs in April 2018 (C1 24 Apr, C2 23 Apr, C3 10 Apr); the published figure was 36.
      assert.equal(april('icpc-count')?.value, 3)
      // In time: C2 at 15 working days yes, C1 at 16 no (Good Friday and Easter Monday fall between);
      // C3's strategy discussion 31/02/2018 is not a date, so it leaves this measure only: 1 of 2.
      assert.deepEqual(april('icpc-in-time'), { period: '2018-04', value: 50, numerator: 1, denominator: 2 })
      assert.equal(april('icpc-in-time-count')?.value, 1)
      // Resulting in a plan: C1 yes, C2 no, C3 blank (in the denominator, not the numerator): 1 of 3.
      assert.equal(april('icpc-to-cpp')?.numerator, 1)
      assert.equal(april('icpc-to-cpp')?.denominator, 3)
      // March 2018: no ICPCs in the return, so the typed 26 is revised to 0; February is before the return.
      const icpc = byId.get('icpc-count')
      assert.equal(icpc?.values.find((v) => v.period === '2018-03')?.value, 0)
      assert.equal(icpc?.values.find((v) => v.period === '2018-02')?.value, 28)
      // Rates use the council's population: 3 × 10,000 / 49,920 (2018-19).
      assert.equal(april('icpc-rate')?.value, (3 * 10000) / 49920)
    })

    it("says where an indicator's figures came from", async () => {
      const view = await services.packs.getIndicator('icpc-count')
      assert.match(view?.sourceNote ?? '', /^Annex A import of \d{1,2} [A-Z][a-z]+ \d{4} \(annex-a-small\)$/)
      assert.ok(view?.revisions.some((r) => r.period === '2018-04' && r.previousValue === 36 && r.newValue === 3))
    })

    it('keeps a data-quality report: rows per list, each bad cell once', async () => {
      const report = await services.annexA.dataQuality(importId, { actor: 'cli:test' })
      assert.ok(report)
      assert.deepEqual(
        report.lists.map((l) => [l.list, l.rows, l.errors]),
        [
          [1, 3, 0],
          [3, 2, 0],
          [5, 3, 1],
        ],
      )
      assert.equal(report.errors.length, 1)
      assert.deepEqual(
        { list: report.errors[0]?.list, row: report.errors[0]?.row, value: report.errors[0]?.value },
        { list: 5, row: 4, value: '31/02/2018' },
      )
      assert.match(report.errors[0]?.column ?? '', /Strategy discussion/)
    })

    it('uses bank holidays loaded from the feed: a new holiday brings C1 inside 15 working days', async () => {
      const dir = await scratch()
      const feed = join(dir, 'bank-holidays.json')
      await writeFile(
        feed,
        JSON.stringify({
          'england-and-wales': {
            division: 'england-and-wales',
            events: [
              { title: 'Good Friday', date: '2018-03-30', notes: '', bunting: false },
              { title: 'An extra holiday for this test', date: '2018-04-20', notes: '', bunting: true },
            ],
          },
        }),
      )
      const loaded = await services.calendar.importHolidays(feed, 'test')
      assert.ok(loaded.ok)
      assert.deepEqual(loaded.value, { added: 1, inFile: 2 })
      const again = await services.annexA.importFile(SMALL, { actor: 'test' })
      assert.ok(again.ok)
      const result = await services.packs.getPack('monthly', '2018-04')
      assert.ok(result.ok)
      const inTime = result.value.pack.indicators.find((i) => i.id === 'icpc-in-time')?.values.at(-1)
      assert.equal(inTime?.value, 100)
    })

    it("removes an import's child-level records but keeps its figures and its place in the list", async () => {
      const removed = await services.annexA.removeImport(importId, 'test')
      assert.ok(removed.ok)
      assert.equal(removed.value.rowsDeleted, 8)
      const monthRows = await sql<{ n: number }>`select count(*)::int as n from annex_a_rule_rows
        where import_id = ${importId}`.execute(store.db)
      assert.equal(monthRows.rows[0]?.n, 0, 'which rows each measure looked at goes with them')
      const report = await services.annexA.dataQuality(importId, { actor: 'cli:test' })
      assert.ok(report?.importRecord.removedAt)
      const view = await services.packs.getIndicator('icpc-count')
      assert.equal(view?.history.find((o) => o.period === '2018-04')?.value, 3)
    })

    describe('edge cases', () => {
      it('refuses a path that is not a return, changing nothing', async () => {
        const before = (await services.annexA.listImports()).length
        const result = await services.annexA.importFile(join(SMALL, 'README.md'), { actor: 'test' })
        assert.equal(result.ok, false)
        assert.equal((await services.annexA.listImports()).length, before)
      })

      it('shows no reader an import while it stores its rows, and leaves nothing if it is cut off', async () => {
        const rowsStored = async () =>
          Number(
            (
              await sql<{ n: number }>`select (select count(*) from annex_a_row_block)
                + (select count(*) from annex_a_rule_rows) as n`.execute(store.db)
            ).rows[0]?.n,
          )
        const before = { imports: await services.annexA.listImports(), rows: await rowsStored() }
        let seenWhileStoring: number[] | null = null
        let storing: Promise<void> = Promise.resolve()
        const cutOff = services.annexA.importFile(SMALL, {
          actor: 'test',
          onStage: (stage) => {
            if (stage.stage === 'storing' && seenWhileStoring === null) {
              seenWhileStoring = []
              storing = services.annexA.listImports().then((list) => {
                seenWhileStoring = list.map((i) => i.id)
              })
            }
            // As a server killed between storing the rows and writing the figures would be.
            if (stage.stage === 'updating') throw new Error('cut off')
          },
        })
        await assert.rejects(cutOff, /cut off/)
        await storing
        assert.deepEqual(
          seenWhileStoring,
          before.imports.map((i) => i.id),
        )
        assert.deepEqual(await services.annexA.listImports(), before.imports)
        assert.equal(await rowsStored(), before.rows, 'the rows it stored are gone')
      })

      it("removes what a loading import left behind when its process died, and no one else's", async () => {
        const rowsOf = async (id: number) =>
          Number(
            (
              await sql<{ n: number }>`select coalesce(sum(row_count), 0)::int as n from annex_a_row_block
                where import_id = ${id} and list = 1`.execute(store.db)
            ).rows[0]?.n,
          )
        const imports = importRepository(store.db)
        const abandoned = await imports.start({
          kind: 'annex-a',
          sourceFile: 'abandoned.zip',
          layout: 'csv folder',
          importedBy: 'test',
          loading: true,
        })
        await annexARepository(store.db).insertBlocks(abandoned, 1, [
          { firstRow: 2, lastRow: 2, rows: 1, text: '[[2,"X1"]]' },
        ])
        assert.equal(await imports.find(abandoned), null, 'no reader sees it')
        assert.equal(await rowsOf(abandoned), 1)
        // Still alive by a one-minute rule; abandoned by the embedded database's start-up rule (0).
        assert.deepEqual(await services.annexA.discardAbandonedLoads(60_000), [])
        assert.deepEqual(await services.annexA.discardAbandonedLoads(0), [abandoned])
        assert.equal(await rowsOf(abandoned), 0)
        assert.ok(
          (await services.annexA.listImports()).some((i) => i.id === importId),
          'loaded imports stay',
        )
      })

      it('will not remove an import twice', async () => {
        const result = await services.annexA.removeImport(importId, 'test')
        assert.ok(!result.ok)
        assert.match(result.problems[0] ?? '', /already removed/)
      })

      it('refuses a bank-holidays file that is not the feed, adding nothing', async () => {
        const dir = await scratch()
        const feed = join(dir, 'bad.json')
        await writeFile(feed, JSON.stringify({ 'england-and-wales': { events: [{ title: 'X', date: '2018-02-31' }] } }))
        const result = await services.calendar.importHolidays(feed, 'test')
        assert.ok(!result.ok)
        assert.equal(result.problems[0]?.value, '2018-02-31')
      })
    })
  })
}
