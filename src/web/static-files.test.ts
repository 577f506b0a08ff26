import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { assetBase, assetVersion } from './static-files.ts'

describe('assetVersion', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'scrutineer-static-'))
  after(() => rmSync(root, { recursive: true, force: true }))

  function build(name: string, files: Record<string, string>): string {
    const dir = path.join(root, name)
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      writeFileSync(path.join(dir, file), content)
    }
    return dir
  }

  const css = 'body { font-family: Arial }'
  const js = 'initAll()'

  it('is the same for the same files, wherever they are', () => {
    const one = build('one', { 'stylesheets/application.css': css, 'javascripts/application.js': js })
    const two = build('two', { 'stylesheets/application.css': css, 'javascripts/application.js': js })
    assert.match(assetVersion(one), /^[0-9a-f]{12}$/)
    assert.equal(assetVersion(one), assetVersion(two))
  })

  it('changes when a stylesheet or script changes, or a file is renamed', () => {
    const base = build('base', { 'stylesheets/application.css': css, 'javascripts/application.js': js })
    const styled = build('styled', { 'stylesheets/application.css': `${css} `, 'javascripts/application.js': js })
    const scripted = build('scripted', { 'stylesheets/application.css': css, 'javascripts/application.js': `${js};` })
    const renamed = build('renamed', { 'stylesheets/application.css': css, 'javascripts/app.js': js })
    const versions = [base, styled, scripted, renamed].map(assetVersion)
    assert.equal(new Set(versions).size, 4)
  })

  it('ignores other folders (images are not loaded by every page)', () => {
    const plain = build('plain', { 'stylesheets/application.css': css })
    const withImage = build('with-image', { 'stylesheets/application.css': css, 'assets/images/icon.png': 'png' })
    assert.equal(assetVersion(plain), assetVersion(withImage))
  })

  it('puts the version in the path', () => {
    assert.equal(assetBase('3f9a0c2b7d41'), '/static/3f9a0c2b7d41')
  })
})
