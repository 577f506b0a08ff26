/**
 * The stylesheet and scripts under a versioned path, so browsers keep them for good: `/static/<version>/…` serves
 * the files in `public/`, where the version is a hash of the files pages load (the stylesheet and the scripts). A new
 * build gives new URLs, so a page never pairs with yesterday's stylesheet, and a browser asks for the files once
 * rather than on every page. The plain paths (`/stylesheets/application.css`) still answer, for anything that kept
 * them, with the ordinary short caching.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** The folders whose files pages load; their contents make the version. */
const VERSIONED_FOLDERS = ['stylesheets', 'javascripts'] as const

/** Where versioned files are served from. */
const STATIC_PREFIX = '/static'

/** The route serving them: the version, then the file's path under `public/`. */
export const VERSIONED_FILES_ROUTE = `${STATIC_PREFIX}/:version/*`

/**
 * The version of the files in `publicDir` that pages load: the first 12 hex digits of a SHA-256 over their names
 * and contents, the same on every instance serving the same build.
 * @example assetVersion('/srv/scrutineer/public') // '3f9a0c2b7d41'
 */
export function assetVersion(publicDir: string): string {
  const hash = createHash('sha256')
  for (const folder of VERSIONED_FOLDERS) {
    const dir = path.join(publicDir, folder)
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir).sort()) {
      hash.update(`${folder}/${name}\0`)
      hash.update(readFileSync(path.join(dir, name)))
      hash.update('\0')
    }
  }
  return hash.digest('hex').slice(0, 12)
}

/** The path pages put before `/stylesheets/…` and `/javascripts/…` for this version. */
export function assetBase(version: string): string {
  return `${STATIC_PREFIX}/${version}`
}
