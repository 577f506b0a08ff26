#!/usr/bin/env node
// `scrutineer …` and `npm start`: runs the compiled server (dist/, built by npm's postinstall) when it is up to date
// with the sources, and otherwise the TypeScript itself through tsx, so a changed file is never run stale and a
// fresh checkout works without a build step. SCRUTINEER_COMPILED=false always runs the TypeScript.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { compiledIsFresh, DIST } from './compiled.js'

if (process.env.SCRUTINEER_COMPILED !== 'false' && compiledIsFresh()) {
  await import(pathToFileURL(path.join(DIST, 'src', 'cli', 'run.js')).href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/run.ts')
}
