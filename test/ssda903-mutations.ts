/**
 * Mutated SSDA903 returns for property tests: the fixture return cut to its first rows, then changed at random the
 * ways a council's export goes wrong — bytes corrupted, rows dropped or doubled, a column dropped, two dates
 * swapped, a file cut short or missing, headers in another case. Seeded, so a failure names its seed.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const SSDA903_FIXTURES = fileURLToPath(new URL('../fixtures/ssda903', import.meta.url))

/** The fixture files, each cut to its header and first `rows` data rows. */
export async function smallReturn(rows: number): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const name of await readdir(SSDA903_FIXTURES)) {
    if (!name.endsWith('.csv')) continue
    const text = await readFile(join(SSDA903_FIXTURES, name), 'utf8')
    files.set(
      name,
      text
        .split('\n')
        .slice(0, rows + 1)
        .join('\n') + '\n',
    )
  }
  return files
}

function mutateText(text: string, random: () => number): string | Buffer {
  const lines = text.split('\n')
  const pick = () => 1 + Math.floor(random() * Math.max(lines.length - 1, 1))
  switch (Math.floor(random() * 7)) {
    case 0: {
      const bytes = Buffer.from(text)
      for (let i = 0; i < 4; i++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256)
      return bytes
    }
    case 1:
      lines.splice(pick(), 1 + Math.floor(random() * 5))
      break
    case 2:
      lines.splice(pick(), 0, lines[pick()] ?? '')
      break
    case 3: {
      // Drop one column from every line (the header included).
      const column = Math.floor(random() * (lines[0] ?? '').split(',').length)
      for (let i = 0; i < lines.length; i++) {
        const cells = (lines[i] ?? '').split(',')
        cells.splice(column, 1)
        lines[i] = cells.join(',')
      }
      break
    }
    case 4: {
      // Swap two cells of some rows: a start date and an end date, a date and a code.
      for (let n = 0; n < 5; n++) {
        const at = pick()
        const cells = (lines[at] ?? '').split(',')
        const [a, b] = [Math.floor(random() * cells.length), Math.floor(random() * cells.length)]
        ;[cells[a], cells[b]] = [cells[b] ?? '', cells[a] ?? '']
        lines[at] = cells.join(',')
      }
      break
    }
    case 5:
      lines[0] = random() < 0.5 ? (lines[0] ?? '').toLowerCase() : (lines[0] ?? '').split(',').reverse().join(',')
      break
    default:
      return text.slice(0, Math.floor(random() * text.length))
  }
  return lines.join('\n')
}

/** Writes `files` unchanged into a new folder `dir`. */
export async function writeReturn(files: ReadonlyMap<string, string>, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  for (const [name, text] of files) await writeFile(join(dir, name), text)
}

/** Writes a mutated copy of `files` into a new folder `dir`: one to three files changed, sometimes one left out. */
export async function writeMutated(
  files: ReadonlyMap<string, string>,
  dir: string,
  random: () => number,
): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const names = [...files.keys()]
  const changed = new Set<string>()
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) changed.add(names[Math.floor(random() * names.length)] ?? '')
  const dropped = random() < 0.15 ? names[Math.floor(random() * names.length)] : undefined
  for (const [name, text] of files) {
    if (name === dropped) continue
    await writeFile(join(dir, name), changed.has(name) ? mutateText(text, random) : text)
  }
  return [...changed, ...(dropped === undefined ? [] : [`-${dropped}`])]
}
