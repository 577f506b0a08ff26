/**
 * A plain text as a simple A4 PDF: the demo's Members' Room paper (the council's performance overview of
 * 26 September 2019, seed 002) is stored as the PDF an officer would upload. Paragraphs are separated by blank
 * lines; each is wrapped to the page and pages are added as they fill. Helvetica covers the Windows-1252
 * characters; any other character is printed as "?".
 */
export async function textPdf(title: string, text: string): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib')
  const doc = await PDFDocument.create()
  doc.setTitle(title)
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  const printable = new Set(font.getCharacterSet())
  // Code point by code point: whatever Helvetica cannot print (a character, or half an emoji) becomes "?".
  const clean = (line: string) =>
    line.replace(/\t/g, ' ').replace(/[^]/gu, (c) => (printable.has(c.codePointAt(0) ?? 0) ? c : '?'))
  const [width, height, margin, size, leading] = [595, 842, 56, 11, 15]
  let page = doc.addPage([width, height])
  let y = height - margin
  const line = (words: string, f = font, fontSize = size) => {
    if (y < margin) {
      page = doc.addPage([width, height])
      y = height - margin
    }
    page.drawText(words, { x: margin, y, size: fontSize, font: f })
    y -= fontSize === size ? leading : fontSize * 1.4
  }
  line(clean(title), bold, 14)
  y -= leading / 2
  for (const paragraph of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const words = clean(paragraph.replace(/\s+/g, ' ').trim()).split(' ')
    if (words.join('') === '') continue
    let current = ''
    for (const word of words) {
      const next = current === '' ? word : `${current} ${word}`
      if (current !== '' && font.widthOfTextAtSize(next, size) > width - 2 * margin) {
        line(current)
        current = word
      } else current = next
    }
    if (current !== '') line(current)
    y -= leading / 2
  }
  return doc.save()
}
