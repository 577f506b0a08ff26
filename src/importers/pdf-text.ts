/**
 * The text of an uploaded PDF, for search: Debian's `pdftotext` (poppler-utils) reads it, since pdf-lib, which
 * draws uploads into the document pack, cannot take text out. It runs as a child process with a time limit, so a
 * hostile or huge file costs at most that long and never blocks the event loop. Without `pdftotext` (it is not a
 * dependency of the server, only of `npm test`), or when it fails or takes too long, the answer is null and the
 * appendix is found by its title alone: an upload is never refused for its text.
 */
import { execFile } from 'node:child_process'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeWorkFolder } from './work-folder.ts'

/** Long enough for a several-hundred-page appendix; a file that takes longer is searched by its title. */
const TIME_LIMIT_MS = 30_000
/** Only what the search index reads is kept (migration 2026-12-11T02-00-00-search): about 100 pages. */
const MAX_CHARACTERS = 200_000

/**
 * The PDF's text, pages separated by blank lines, control characters (form feeds, NULs) as spaces; null when it
 * cannot be read.
 * @example await pdfText(bytes) // 'Appendix 1\n\nEarly help outcomes …'
 */
export async function pdfText(bytes: Uint8Array): Promise<string | null> {
  const folder = await makeWorkFolder('pdf-text')
  try {
    const file = join(folder, 'appendix.pdf')
    await writeFile(file, bytes, { mode: 0o600 })
    const text = await new Promise<string | null>((resolve) => {
      execFile(
        'pdftotext',
        ['-q', '-enc', 'UTF-8', file, '-'],
        { timeout: TIME_LIMIT_MS, maxBuffer: MAX_CHARACTERS * 4, encoding: 'utf8' },
        // A long paper's text past the buffer is cut off (and pdftotext stopped): what was read is kept.
        (error, stdout) =>
          resolve(error === null || error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' ? stdout : null),
      )
    })
    if (text === null) return null
    const cleaned = text
      .replace(/\f/g, '\n\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, ' ')
      .slice(0, MAX_CHARACTERS)
      .trim()
    return cleaned === '' ? null : cleaned
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}
