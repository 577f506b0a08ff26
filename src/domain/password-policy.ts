/**
 * What makes a password acceptable, as the NCSC's password guidance and NIST SP 800-63B §5.1.1.2 advise: long
 * enough (at least 12 characters, no upper limit worth meeting), and not one an attacker tries first. There are no
 * composition rules (no "one capital, one digit"): instead a new password is refused when it is
 * - one of the most common passwords (the bundled list, reference/common-passwords.txt), or one of them, the
 *   product's or the council's name with numbers or symbols added (`password1234`, `P@ssw0rd2024!`, `Council2024`);
 * - the person's email address or name;
 * - only spaces, or one or two characters over and over (`aaaaaaaaaaaa`, `abababababab`), or a short pattern
 *   repeated (`abc123abc123`);
 * - a run along the keyboard or the alphabet, or a sequence of digits (`123456789012`, `qwertyuiopas`,
 *   `abcdef123456`).
 * Pure: the list of common passwords is passed in, read once by src/services/password-policy.ts.
 */

export const MINIMUM_PASSWORD_LENGTH = 12

/** What the rules need besides the password. */
export interface PasswordContext {
  /** The account's email address. */
  email: string
  /** The person's name, when known. */
  name?: string
  /** Words an attacker would try for this site: the product's and the council's names. */
  siteWords: readonly string[]
  /** The common passwords, lower case. */
  commonPasswords: ReadonlySet<string>
}

const ADVICE = 'Choose a longer phrase that is hard to guess, such as three random words'

// Runs an attacker tries: digits (wrapping, so 1234567890 12 is one run), the alphabet and the keyboard's rows
// and columns. Each is also tried backwards.
const SEQUENCES = [
  '012345678901234567890123456789',
  'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
  '!@#$%^&*()_+',
]
const RUNS = [...SEQUENCES, ...SEQUENCES.map((s) => Array.from(s).reverse().join(''))]

// Common substitutions (p@ssw0rd), undone before looking a word up.
const SUBSTITUTIONS: Readonly<Record<string, string>> = {
  '@': 'a',
  '4': 'a',
  '8': 'b',
  '(': 'c',
  '3': 'e',
  '6': 'g',
  '1': 'i',
  '!': 'i',
  '|': 'i',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
  '+': 't',
  '2': 'z',
}

function undoSubstitutions(text: string): string {
  return text.replace(/./gsu, (c) => SUBSTITUTIONS[c] ?? c)
}

/** A run along one of the sequences, forwards or backwards, of at least 3 characters. */
function isRun(text: string): boolean {
  return text.length >= 3 && RUNS.some((run) => run.includes(text))
}

/** One character, or a pattern of up to 6 characters, said again and again. */
function isRepeat(text: string): boolean {
  return /^(.{1,6}?)\1+$/su.test(text)
}

/**
 * Digits and symbols an attacker adds to a word: each piece is punctuation, a short number (a year, a PIN), a run
 * or a repeat.
 */
function isTrivialAddition(text: string): boolean {
  const pieces = text.match(/\p{N}+|[^\p{L}\p{N}]+/gu) ?? []
  return pieces.every(
    (piece) => /^[^\p{L}\p{N}]+$/u.test(piece) || /^\d{1,4}$/.test(piece) || isRun(piece) || isRepeat(piece),
  )
}

/** The password made only of runs and repeats: each piece of letters, digits or symbols is one. */
function isRunsAndRepeats(compact: string): boolean {
  const pieces = compact.match(/\p{L}+|\p{N}+|[^\p{L}\p{N}]+/gu) ?? []
  return pieces.length > 0 && pieces.every((piece) => isRun(piece) || isRepeat(piece))
}

/** The word inside added digits and symbols, with common substitutions undone: `P@ssw0rd2024!` → `password`. */
function coreWord(compact: string): string {
  const core = compact.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')
  return undoSubstitutions(core === '' ? compact : core)
}

/**
 * Why a new password would be refused, in words for the person choosing it, or null when it is acceptable.
 * @example passwordRefusal('password1234', context) // 'This password is a common password with numbers or symbols added. Choose …'
 * @example passwordRefusal('correct horse battery staple', context) // null
 */
export function passwordRefusal(password: string, context: PasswordContext): string | null {
  // Characters as people count them (code points), not UTF-16 units.
  if (Array.from(password).length < MINIMUM_PASSWORD_LENGTH) {
    return `The password must be at least ${MINIMUM_PASSWORD_LENGTH} characters long`
  }
  if (password.trim() === '') return 'The password must not be only spaces'
  const lower = password.toLowerCase()
  const compact = lower.replace(/\s+/gu, '')
  const email = context.email.trim().toLowerCase()
  if (lower.trim() === email) return 'The password must not be the email address'
  const personal = [email, email.split('@')[0] ?? '', (context.name ?? '').toLowerCase().replace(/\s+/gu, '')].filter(
    (word) => word.length >= 4,
  )
  const core = coreWord(compact)
  if (personal.some((word) => compact === word || core === undoSubstitutions(word))) {
    return `The password must not be your name or email address, even with numbers or symbols added. ${ADVICE}`
  }
  if (new Set(compact).size <= 2) {
    return `The password must use more than two different characters: ${ADVICE.toLowerCase()}`
  }
  if (isRepeat(compact)) {
    return `The password must not be a short pattern repeated, like abc123abc123. ${ADVICE}`
  }
  if (isRunsAndRepeats(compact)) {
    return `The password must not be a run of keys, letters or digits, like 123456789012 or qwertyuiop. ${ADVICE}`
  }
  if (context.commonPasswords.has(lower) || context.commonPasswords.has(compact)) {
    return `This password is one of the most common passwords, which attackers try first. ${ADVICE}`
  }
  const added = addedParts(compact)
  if (context.siteWords.includes(core) && isTrivialAddition(added)) {
    return `The password must not be this site's or the council's name, even with numbers or symbols added. ${ADVICE}`
  }
  if (context.commonPasswords.has(core) && isTrivialAddition(added)) {
    return `This password is a common password with numbers or symbols added, which attackers try early. ${ADVICE}`
  }
  return null
}

/** What is added around the word: the characters before its first letter and after its last. */
function addedParts(compact: string): string {
  const match = /^([^\p{L}]*)[\s\S]*?([^\p{L}]*)$/u.exec(compact)
  return `${match?.[1] ?? ''}${match?.[2] ?? ''}`
}

/**
 * The words of a site's names an attacker would try: the names whole and each word of four letters or more.
 * @example siteWords(['Scrutineer', 'Southampton City Council']) // ['scrutineer', 'southamptoncitycouncil', 'southampton', 'city', 'council']
 */
export function siteWords(names: readonly string[]): string[] {
  const words = new Set<string>()
  for (const name of names) {
    const lower = name.toLowerCase()
    words.add(lower.replace(/[^\p{L}\p{N}]+/gu, ''))
    for (const word of lower.split(/[^\p{L}\p{N}]+/u)) if (word.length >= 4) words.add(word)
  }
  words.delete('')
  return [...words]
}
