/**
 * One PDF assembled from parts Chromium printed one at a time (the front matter, then each paper), with pdf-lib:
 * each part's pages are copied in as it arrives and the part is let go, so only the merged document and one part
 * are held at once. What a reader or screen reader relies on survives the merge: the structure tree (tagged
 * text, in reading order), the bookmarks (a part's bookmarks can nest under the previous part's, as an appendix's
 * do under its report's) and links within a part.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFPageLeaf,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib'
import { outlineOf } from './outline.ts'

/** A bookmark of the merged document, kept flat until the outline is written. */
interface Bookmark {
  depth: number
  title: PDFObject
  dest: PDFObject | null
  action: PDFObject | null
  element: PDFObject | null
}

const name = (n: string) => PDFName.of(n)

/** The entries of a number tree (`/Nums`, or `/Kids` of number trees), in order. */
function numberTreeEntries(tree: PDFDict | undefined): Array<[number, PDFObject]> {
  if (tree === undefined) return []
  const nums = tree.lookupMaybe(name('Nums'), PDFArray)
  const entries: Array<[number, PDFObject]> = []
  if (nums !== undefined) {
    for (let i = 0; i + 1 < nums.size(); i += 2) {
      const key = nums.lookup(i)
      if (key instanceof PDFNumber) entries.push([key.asNumber(), nums.get(i + 1)])
    }
  }
  const kids = tree.lookupMaybe(name('Kids'), PDFArray)
  for (let i = 0; kids !== undefined && i < kids.size(); i++) {
    entries.push(...numberTreeEntries(kids.lookupMaybe(i, PDFDict)))
  }
  return entries
}

/** The children of a structure element's /K: one object or an array of them. */
function kids(value: PDFObject | undefined): PDFObject[] {
  if (value === undefined) return []
  return value instanceof PDFArray ? value.asArray() : [value]
}

/** A link within the part that names its destination: given the destination itself, so names cannot clash. */
function resolveNamedLinks(part: PDFDocument): void {
  const dests = part.catalog.lookupMaybe(name('Dests'), PDFDict)
  if (dests === undefined) return
  const resolve = (target: PDFObject | undefined): PDFObject | undefined => {
    if (target instanceof PDFName) return dests.get(target)
    if (target instanceof PDFString || target instanceof PDFHexString) return dests.get(name(target.decodeText()))
    return undefined
  }
  for (const page of part.getPages()) {
    const annots = page.node.Annots()
    for (let i = 0; annots !== undefined && i < annots.size(); i++) {
      const annot = annots.lookupMaybe(i, PDFDict)
      if (annot === undefined) continue
      const direct = resolve(annot.get(name('Dest')))
      if (direct !== undefined) annot.set(name('Dest'), direct)
      const action = annot.lookupMaybe(name('A'), PDFDict)
      const viaAction = resolve(action?.get(name('D')))
      if (action !== undefined && viaAction !== undefined) action.set(name('D'), viaAction)
    }
  }
  part.catalog.delete(name('Dests'))
}

export class MergedPdf {
  private readonly bookmarks: Bookmark[] = []
  private readonly parentTree: PDFObject[] = []
  private readonly structure: PDFObject[] = []
  private nextKey = 0
  private frontBookmarks = 0
  private frontStructure = 0
  private readonly documentElement: PDFRef

  private constructor(readonly doc: PDFDocument) {
    this.documentElement = doc.context.nextRef()
  }

  static async create(): Promise<MergedPdf> {
    return new MergedPdf(await PDFDocument.create({ updateMetadata: false }))
  }

  /** Pages so far. */
  get pageCount(): number {
    return this.doc.getPageCount()
  }

  /**
   * Copies a printed part in: its pages at the end (or, with `atStart`, before everything added so far, as the
   * front matter is once the papers' page numbers are known), its structure and its bookmarks. With `nest`, the
   * part's bookmarks go one level under the last top-level bookmark so far (an appendix under its report). The
   * part is changed in the copying: do not use it afterwards. Returns the pages as they are in the merged PDF.
   */
  add(part: PDFDocument, options: { atStart?: boolean; nest?: boolean } = {}): PDFPage[] {
    const { context } = this.doc
    const copier = PDFObjectCopier.for(part.context, context)
    resolveNamedLinks(part)
    const root = part.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict)
    const offset = this.nextKey
    const entries = numberTreeEntries(root?.lookupMaybe(name('ParentTree'), PDFDict))
    // Each page and annotation names its entry in the parent tree by number: shift them past the earlier parts'.
    const shift = (dict: PDFDict, key: string) => {
      const value = dict.lookupMaybe(name(key), PDFNumber)
      if (value !== undefined) dict.set(name(key), PDFNumber.of(value.asNumber() + offset))
    }
    for (const page of part.getPages()) {
      shift(page.node, 'StructParents')
      const annots = page.node.Annots()
      for (let i = 0; annots !== undefined && i < annots.size(); i++) {
        const annot = annots.lookupMaybe(i, PDFDict)
        if (annot !== undefined) shift(annot, 'StructParent')
      }
    }
    // Pages are copied by reference, so that everything pointing at a page (bookmarks, links, the structure
    // tree) points at the same copy.
    const pages = part.getPages().map((page) => {
      const ref = copier.copy(page.ref)
      const leaf = context.lookup(ref)
      if (!(leaf instanceof PDFPageLeaf)) throw new Error('A printed page did not copy as a page.')
      return PDFPage.of(leaf, ref, this.doc)
    })
    const at = options.atStart === true ? 0 : this.doc.getPageCount()
    pages.forEach((page, i) => this.doc.insertPage(at + i, page))

    const top = kids(root?.get(name('K')))
      .map((k) => part.context.lookup(k))
      .filter((k): k is PDFDict => k instanceof PDFDict)
    const children: PDFObject[] = []
    for (const element of top) {
      // The part's own Document element is replaced by the merged one: its children move up to it.
      const under = element.lookup(name('S')) === name('Document') ? kids(element.get(name('K'))) : [element]
      element.delete(name('P'))
      for (const child of under) {
        const copied = copier.copy(child)
        const dict = copied instanceof PDFRef ? context.lookup(copied) : copied
        if (dict instanceof PDFDict) dict.set(name('P'), this.documentElement)
        children.push(copied)
      }
    }
    const lastKey = entries.reduce((max, [key]) => Math.max(max, key), -1)
    const declared = root?.lookupMaybe(name('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0
    for (const [key, value] of entries) this.parentTree.push(PDFNumber.of(key + offset), copier.copy(value))
    this.nextKey = offset + Math.max(lastKey + 1, declared)

    const nestUnder = options.nest === true ? 1 : 0
    const bookmarks = outlineOf(part).map((entry) => {
      const se = entry.dict.get(name('SE'))
      return {
        depth: entry.depth + nestUnder,
        title: entry.dict.get(name('Title')) ?? PDFHexString.fromText(''),
        dest: entry.dict.has(name('Dest')) ? copier.copy(entry.dict.get(name('Dest')) as PDFObject) : null,
        action: entry.dict.has(name('A')) ? copier.copy(entry.dict.get(name('A')) as PDFObject) : null,
        element: se === undefined ? null : copier.copy(se),
      }
    })
    if (options.atStart === true) {
      this.bookmarks.splice(this.frontBookmarks, 0, ...bookmarks)
      this.structure.splice(this.frontStructure, 0, ...children)
      this.frontBookmarks += bookmarks.length
      this.frontStructure += children.length
    } else {
      this.bookmarks.push(...bookmarks)
      this.structure.push(...children)
    }
    return pages
  }

  /** Writes the structure tree and the outline, and gives the document its title and language. */
  private finish(info: { title: string; lang: string }): void {
    const { context, catalog } = this.doc
    const rootRef = context.nextRef()
    context.assign(
      this.documentElement,
      context.obj({
        Type: 'StructElem',
        S: 'Document',
        Lang: PDFString.of(info.lang),
        P: rootRef,
        K: context.obj(this.structure),
      }),
    )
    context.assign(
      rootRef,
      context.obj({
        Type: 'StructTreeRoot',
        K: this.documentElement,
        ParentTree: context.obj({ Nums: context.obj(this.parentTree) }),
        ParentTreeNextKey: this.nextKey,
      }),
    )
    catalog.set(name('StructTreeRoot'), rootRef)
    catalog.set(name('MarkInfo'), context.obj({ Type: 'MarkInfo', Marked: true }))
    catalog.set(name('Lang'), PDFString.of(info.lang))
    this.doc.setTitle(info.title, { showInWindowTitleBar: true })
    this.doc.setCreator('Scrutineer')
    this.doc.setProducer('Chromium and pdf-lib')
    if (this.bookmarks.length > 0) catalog.set(name('Outlines'), this.outline())
  }

  /** The outline tree from the flat bookmarks: each opens on its page, open, children counted as readers expect. */
  private outline(): PDFRef {
    const { context } = this.doc
    const rootRef = context.nextRef()
    const root = context.obj({ Type: 'Outlines' })
    const refs = this.bookmarks.map(() => context.nextRef())
    const dicts = this.bookmarks.map((b) => {
      const dict = context.obj({ Title: b.title })
      if (b.dest !== null) dict.set(name('Dest'), b.dest)
      if (b.action !== null) dict.set(name('A'), b.action)
      if (b.element !== null) dict.set(name('SE'), b.element)
      return dict
    })
    // Walk the flat list with a stack of open parents (index -1 is the root).
    const stack: number[] = [-1]
    const depthOf = (i: number) => (i === -1 ? -1 : (this.bookmarks[i]?.depth ?? 0))
    const lastChild = new Map<number, number>()
    const descendants = new Map<number, number>()
    const dictOf = (i: number) => (i === -1 ? root : (dicts[i] as PDFDict))
    const refOf = (i: number) => (i === -1 ? rootRef : (refs[i] as PDFRef))
    for (const [i, bookmark] of this.bookmarks.entries()) {
      // A bookmark more than one level deeper than its parent hangs from that parent all the same.
      while (stack.length > 1 && depthOf(stack.at(-1) ?? -1) >= bookmark.depth) stack.pop()
      const parent = stack.at(-1) ?? -1
      const dict = dicts[i] as PDFDict
      dict.set(name('Parent'), refOf(parent))
      const previous = lastChild.get(parent)
      if (previous === undefined) dictOf(parent).set(name('First'), refs[i] as PDFRef)
      else {
        dictOf(previous).set(name('Next'), refs[i] as PDFRef)
        dict.set(name('Prev'), refs[previous] as PDFRef)
      }
      dictOf(parent).set(name('Last'), refs[i] as PDFRef)
      lastChild.set(parent, i)
      for (const ancestor of stack) descendants.set(ancestor, (descendants.get(ancestor) ?? 0) + 1)
      stack.push(i)
    }
    for (const [i, count] of descendants) dictOf(i).set(name('Count'), PDFNumber.of(count))
    dicts.forEach((dict, i) => context.assign(refs[i] as PDFRef, dict))
    context.assign(rootRef, root)
    return rootRef
  }

  /** The merged PDF's bytes. */
  async save(info: { title: string; lang: string }): Promise<Uint8Array> {
    this.finish(info)
    // pdf-lib yields to the event loop every 50 objects by default; a tagged pack has tens of thousands.
    return this.doc.save({ objectsPerTick: Number.POSITIVE_INFINITY, useObjectStreams: false })
  }
}
