/**
 * Control characters: the characters below a space other than tab, line feed and carriage return, and U+007F–U+009F.
 * No text an officer loads or names holds one, a NUL cannot be stored in PostgreSQL at all, and random binary bytes
 * read as text are full of them, so every file and file name is checked for them (src/importers/text-file.ts).
 */

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'g')

/**
 * The index of the first control character in `text`, or -1.
 * @example
 * controlCharacterIndex('a\tb') // -1
 * controlCharacterIndex('a\u0000b') // 1
 */
export function controlCharacterIndex(text: string): number {
  return text.search(CONTROL_CHARACTER)
}

/** A character's code as Unicode writes it, e.g. `U+0000`. */
export function codeName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * `text` with each control character written out as its code, for quoting it back to the officer.
 * @example visibleControlCharacters('a\u0000b') // 'a[U+0000]b'
 */
export function visibleControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (c) => `[${codeName(c.charCodeAt(0))}]`)
}
