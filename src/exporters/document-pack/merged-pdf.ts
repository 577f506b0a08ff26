/**
 * One PDF assembled from parts Chromium printed one at a time (each paper, then the front matter), with pdf-lib:
 * each part's objects are copied in, written out as PDF bytes at once and let go, so memory holds one part, the
 * bytes written so far and a few numbers per page, not a whole pack of parsed objects. What a reader or screen
 * reader relies on survives the merge: the structure tree (tagged text, in reading order), the bookmarks (a
 * part's bookmarks can nest under the previous part's, as an appendix's do under its report's) and links within
 * a part. The page tree, structure tree root, outline and catalog are written last.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import {
  PDFArray,
  PDFCrossRefSection,
  PDFDict,
  PDFDocument,
  PDFHeader,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFPageLeaf,
  PDFRef,
  PDFString,
  PDFTrailer,
  PDFTrailerDict,
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

const ascii = (text: string) => new TextEncoder().encode(text)
const END_OBJECT = ascii('\nendobj\n\n')

export class MergedPdf {
  private readonly bookmarks: Bookmark[] = []
  private readonly parentTree: PDFObject[] = []
  private readonly structure: PDFObject[] = []
  private readonly pages: PDFRef[] = []
  private nextKey = 0
  private frontBookmarks = 0
  private frontStructure = 0
  private frontPages = 0
  private readonly documentElement: PDFRef
  private readonly pageTree: PDFRef
  /** The bytes written so far, and where each object starts in them. */
  private readonly chunks: Uint8Array[] = []
  private length = 0
  private readonly offsets = new Map<number, number>()

  private constructor(readonly doc: PDFDocument) {
    // `doc` lends its context (to copy parts into and draw uploads with); its own catalog is never written.
    for (const [ref] of doc.context.enumerateIndirectObjects()) doc.context.delete(ref)
    this.documentElement = doc.context.nextRef()
    this.pageTree = doc.context.nextRef()
    const header = PDFHeader.forVersion(1, 7)
    const bytes = new Uint8Array(header.sizeInBytes() + 2)
    header.copyBytesInto(bytes, 0)
    bytes.set(ascii('\n\n'), bytes.length - 2)
    this.append(bytes)
  }

  static async create(): Promise<MergedPdf> {
    return new MergedPdf(await PDFDocument.create({ updateMetadata: false }))
  }

  /** Pages so far. */
  get pageCount(): number {
    return this.pages.length
  }

  private append(bytes: Uint8Array): void {
    this.chunks.push(bytes)
    this.length += bytes.length
  }

  /**
   * Writes out every object now in the context and lets it go, giving way now and then so that the next part's
   * printing (messages to and from Chromium) goes on meanwhile.
   */
  private async flush(): Promise<void> {
    const { context } = this.doc
    const objects = context.enumerateIndirectObjects()
    const heads = objects.map(([ref]) => ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`))
    const size = objects.reduce(
      (sum, [, object], i) => sum + (heads[i]?.length ?? 0) + object.sizeInBytes() + END_OBJECT.length,
      0,
    )
    const bytes = new Uint8Array(size)
    let offset = 0
    for (const [i, [ref, object]] of objects.entries()) {
      this.offsets.set(ref.objectNumber, this.length + offset)
      const head = heads[i] ?? new Uint8Array()
      bytes.set(head, offset)
      offset += head.length
      offset += object.copyBytesInto(bytes, offset)
      bytes.set(END_OBJECT, offset)
      offset += END_OBJECT.length
      context.delete(ref)
      if (i % 5000 === 4999) await nextTurn()
    }
    this.append(bytes)
  }

  /**
   * Copies a printed part in: its pages at the end (or, with `atStart`, before everything added so far, as the
   * front matter is once the papers' page numbers are known), its structure and its bookmarks. With `nest`, the
   * part's bookmarks go one level under the last top-level bookmark so far (an appendix under its report).
   * `beforeWriting` may draw on the part's pages (an uploaded PDF's) before they are written out. The part is
   * changed in the copying: do not use it afterwards.
   */
  async add(
    part: PDFDocument,
    options: { atStart?: boolean; nest?: boolean; beforeWriting?: (pages: PDFPage[]) => Promise<void> } = {},
  ): Promise<void> {
    const { context } = this.doc
    // Whatever the next part's printing is waiting for goes first.
    await nextTurn()
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
      leaf.set(name('Parent'), this.pageTree)
      return PDFPage.of(leaf, ref, this.doc)
    })

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
      const dest = entry.dict.get(name('Dest'))
      const action = entry.dict.get(name('A'))
      const element = entry.dict.get(name('SE'))
      return {
        depth: entry.depth + nestUnder,
        title: entry.dict.get(name('Title')) ?? PDFHexString.fromText(''),
        dest: dest === undefined ? null : copier.copy(dest),
        action: action === undefined ? null : copier.copy(action),
        element: element === undefined ? null : copier.copy(element),
      }
    })
    await options.beforeWriting?.(pages)
    const refs = pages.map((page) => page.ref)
    if (options.atStart === true) {
      this.pages.splice(this.frontPages, 0, ...refs)
      this.bookmarks.splice(this.frontBookmarks, 0, ...bookmarks)
      this.structure.splice(this.frontStructure, 0, ...children)
      this.frontPages += refs.length
      this.frontBookmarks += bookmarks.length
      this.frontStructure += children.length
    } else {
      this.pages.push(...refs)
      this.bookmarks.push(...bookmarks)
      this.structure.push(...children)
    }
    // What the end needs of this part is held as references (and each bookmark's few small objects): the part's
    // objects themselves are written now.
    await this.flush()
  }

  /** The objects written last: the page tree, structure tree, outline, catalog and document information. */
  private finish(info: { title: string; lang: string }): { root: PDFRef; info: PDFRef } {
    const { context } = this.doc
    context.assign(this.pageTree, context.obj({ Type: 'Pages', Kids: this.pages, Count: this.pages.length }))
    const structRoot = context.nextRef()
    context.assign(
      this.documentElement,
      context.obj({
        Type: 'StructElem',
        S: 'Document',
        Lang: PDFString.of(info.lang),
        P: structRoot,
        K: context.obj(this.structure),
      }),
    )
    context.assign(
      structRoot,
      context.obj({
        Type: 'StructTreeRoot',
        K: this.documentElement,
        ParentTree: context.obj({ Nums: context.obj(this.parentTree) }),
        ParentTreeNextKey: this.nextKey,
      }),
    )
    const catalog = context.obj({
      Type: 'Catalog',
      Pages: this.pageTree,
      StructTreeRoot: structRoot,
      MarkInfo: context.obj({ Type: 'MarkInfo', Marked: true }),
      Lang: PDFString.of(info.lang),
      ViewerPreferences: context.obj({ DisplayDocTitle: true }),
    })
    if (this.bookmarks.length > 0) catalog.set(name('Outlines'), this.outline())
    const infoDict = context.obj({
      Title: PDFHexString.fromText(info.title),
      Creator: PDFHexString.fromText('Scrutineer'),
      Producer: PDFHexString.fromText('Chromium and pdf-lib'),
    })
    return { root: context.register(catalog), info: context.register(infoDict) }
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

  /** The merged PDF's bytes: everything written so far, the objects written last, the cross-reference table. */
  async save(info: { title: string; lang: string }): Promise<Uint8Array> {
    const { root, info: infoRef } = this.finish(info)
    const largest = this.doc.context.largestObjectNumber
    await this.flush()
    const xref = PDFCrossRefSection.create()
    const numbers = [...this.offsets.keys()].sort((a, b) => a - b)
    for (const n of numbers) xref.addEntry(PDFRef.of(n), this.offsets.get(n) ?? 0)
    const trailerDict = PDFTrailerDict.of(this.doc.context.obj({ Size: largest + 1, Root: root, Info: infoRef }))
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(this.length)
    const tail = new Uint8Array(xref.sizeInBytes() + 1 + trailerDict.sizeInBytes() + 2 + trailer.sizeInBytes())
    let offset = xref.copyBytesInto(tail, 0)
    tail.set(ascii('\n'), offset)
    offset += 1
    offset += trailerDict.copyBytesInto(tail, offset)
    tail.set(ascii('\n\n'), offset)
    offset += 2
    trailer.copyBytesInto(tail, offset)
    this.append(tail)
    const pdf = new Uint8Array(this.length)
    let at = 0
    for (const chunk of this.chunks.splice(0)) {
      pdf.set(chunk, at)
      at += chunk.length
    }
    return pdf
  }
}
