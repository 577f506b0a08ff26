/**
 * Reading a PDF's outline (its bookmarks) with pdf-lib: each entry's title, depth and the page it opens. The
 * builder uses it to check where each part of the pack starts and to merge the parts; tests use it to check the
 * bookmarks.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString } from 'pdf-lib'

export interface OutlineEntry {
  title: string
  /** 0 for a top-level bookmark, 1 for one nested under it, … */
  depth: number
  /** 0-based index of the page the bookmark opens, or null if it points nowhere we can read. */
  pageIndex: number | null
  /** The entry itself, for rewriting its title. */
  dict: PDFDict
}

function text(value: unknown): string {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText()
  return ''
}

/** Gives a bookmark a new title. */
export function retitle(entry: OutlineEntry, title: string): void {
  entry.dict.set(PDFName.of('Title'), PDFHexString.fromText(title))
}

/** Every outline entry of `doc`, in document order (depth first). */
export function outlineOf(doc: PDFDocument): OutlineEntry[] {
  const pageIndex = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i]))
  const entries: OutlineEntry[] = []
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  const visit = (first: PDFDict | undefined, depth: number) => {
    let item = first
    let guard = 0
    while (item !== undefined && guard++ < 100_000) {
      let dest = item.lookup(PDFName.of('Dest'))
      if (dest === undefined) {
        const action = item.lookupMaybe(PDFName.of('A'), PDFDict)
        dest = action?.lookup(PDFName.of('D'))
      }
      const target = dest instanceof PDFArray ? dest.get(0) : undefined
      entries.push({
        title: text(item.lookup(PDFName.of('Title'))),
        depth,
        pageIndex: target instanceof PDFRef ? (pageIndex.get(target.toString()) ?? null) : null,
        dict: item,
      })
      visit(item.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1)
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict)
    }
  }
  visit(root?.lookupMaybe(PDFName.of('First'), PDFDict), 0)
  return entries
}
