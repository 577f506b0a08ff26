/**
 * Hostile bytes for the import drills (docs/security.md, "Hostile files"): text as Windows-1252 writes it, and
 * binary junk.
 */

/** Windows-1252's bytes for the characters above Latin-1 that the tests use. */
const WINDOWS_1252: Record<string, number> = { '€': 0x80, '’': 0x92, '“': 0x93, '”': 0x94 }

/**
 * `text` as Excel's "CSV (Comma delimited)" saves it on Windows: one byte a character, Windows-1252.
 * @example windows1252('£1') // <Buffer a3 31>
 */
export function windows1252(text: string): Buffer {
  const bytes: number[] = []
  for (const character of text) {
    const byte = WINDOWS_1252[character] ?? character.charCodeAt(0)
    if (byte > 0xff) throw new Error(`"${character}" has no Windows-1252 byte in this helper`)
    bytes.push(byte)
  }
  return Buffer.from(bytes)
}

/** 8 KB of bytes no text file holds (NUL bytes included), the same each run. */
export function junkBytes(): Buffer {
  const bytes = Buffer.alloc(8192)
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256
  return bytes
}
