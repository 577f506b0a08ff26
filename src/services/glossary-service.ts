/**
 * The glossary: listing, finding, adding, editing and removing entries. Each change is written to the audit log
 * (who, what, before → after) in the same transaction. A term may appear once whatever its case, and an acronym
 * once, so that marking up an acronym always finds one entry.
 */
import { glossaryEntryFrom, sortEntries, type GlossaryEntry, type GlossaryProblem } from '../domain/glossary.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import type { DataAccess, Repositories } from '../store/data-access.ts'
import { recordChange, type ChangeContext } from './change-record.ts'

/** Who made a change, for the audit log. */
export type GlossaryContext = ChangeContext

/** What a form sends: every field as typed (missing fields as empty strings). */
export interface GlossaryInput {
  term: string
  acronym: string
  definition: string
  source: string
}

async function duplicateProblems(
  repos: Pick<Repositories, 'glossary'>,
  entry: GlossaryEntry,
  exceptSlug: string | null,
): Promise<GlossaryProblem[]> {
  const problems: GlossaryProblem[] = []
  const sameTerm = await repos.glossary.findByTerm(entry.term, entry.slug)
  if (sameTerm !== null && sameTerm.slug !== exceptSlug) {
    problems.push({ field: 'term', message: `The glossary already has "${sameTerm.term}"` })
  }
  if (entry.acronym !== null) {
    const sameAcronym = await repos.glossary.findByAcronym(entry.acronym)
    if (sameAcronym !== null && sameAcronym.slug !== exceptSlug) {
      problems.push({
        field: 'acronym',
        message: `${entry.acronym} already stands for "${sameAcronym.term}" in the glossary`,
      })
    }
  }
  return problems
}

/**
 * @param options.onChange told after an entry is added, edited, removed or loaded, so pages made from the glossary's
 * words are made again (publicationService.forgetPublicState)
 */
export function glossaryService(data: DataAccess, options: { onChange?: () => void } = {}) {
  const changed = <T>(result: T): T => {
    options.onChange?.()
    return result
  }
  const audit = (
    repos: Pick<Repositories, 'audit'>,
    context: GlossaryContext,
    action: string,
    slug: string,
    details: Record<string, unknown>,
  ) => recordChange(repos.audit, context, action, { type: 'glossary-entry', id: slug }, details)

  return {
    /** Every entry, A to Z by term. */
    async list(): Promise<GlossaryEntry[]> {
      return sortEntries(await data.glossary.list())
    },

    async find(slug: string): Promise<GlossaryEntry | null> {
      return data.glossary.find(slug)
    },

    /**
     * Adds an entry. Refuses an empty term or definition, a malformed acronym, a term already in the glossary
     * (whatever its case) and an acronym already used.
     * @example await glossary.add({ term: 'Early Help', acronym: 'EH', definition: '…', source: '' }, { actor: 'jo@council.gov.uk' })
     */
    async add(input: GlossaryInput, context: GlossaryContext): Promise<Result<GlossaryEntry, GlossaryProblem>> {
      const checked = glossaryEntryFrom(input)
      if (!checked.ok) return checked
      const entry = checked.value
      return changed(
        await data.transaction(async (repos) => {
          const problems = await duplicateProblems(repos, entry, null)
          if (problems.length > 0) return failed(problems)
          if (!(await repos.glossary.insert(entry, context.actor))) {
            return failed([{ field: 'term', message: `The glossary already has "${entry.term}"` }])
          }
          await audit(repos, context, 'glossary.add', entry.slug, { after: entry })
          return ok(entry)
        }),
      )
    },

    /**
     * Changes the entry at `slug`; its slug follows its term. Null when there is no such entry.
     */
    async edit(
      slug: string,
      input: GlossaryInput,
      context: GlossaryContext,
    ): Promise<Result<GlossaryEntry, GlossaryProblem> | null> {
      const checked = glossaryEntryFrom(input)
      return changed(
        await data.transaction(async (repos) => {
          const before = await repos.glossary.find(slug)
          if (before === null) return null
          if (!checked.ok) return checked
          const entry = checked.value
          const problems = await duplicateProblems(repos, entry, slug)
          if (problems.length > 0) return failed(problems)
          await repos.glossary.update(slug, entry, context.actor)
          await audit(repos, context, 'glossary.edit', slug, { before, after: entry })
          return ok(entry)
        }),
      )
    },

    /** Removes the entry at `slug`; returns it, or null when there was none. */
    async remove(slug: string, context: GlossaryContext): Promise<GlossaryEntry | null> {
      return changed(
        await data.transaction(async (repos) => {
          const removed = await repos.glossary.remove(slug)
          if (removed !== null) await audit(repos, context, 'glossary.remove', slug, { before: removed })
          return removed
        }),
      )
    },

    /**
     * Loads entries into an empty glossary (the demo council's first start); does nothing when it has any entry.
     * Returns how many it loaded.
     */
    async loadIfEmpty(entries: readonly GlossaryEntry[], context: GlossaryContext): Promise<number> {
      return changed(
        await data.transaction(async (repos) => {
          if ((await repos.glossary.count()) > 0) return 0
          let loaded = 0
          for (const entry of entries) {
            if (await repos.glossary.insert(entry, context.actor)) loaded += 1
          }
          await audit(repos, context, 'glossary.load', 'glossary', { entries: loaded })
          return loaded
        }),
      )
    },
  }
}

export type GlossaryService = ReturnType<typeof glossaryService>
