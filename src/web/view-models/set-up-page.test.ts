import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { deadLink } from '../../services/set-up-service.ts'
import { deadLinkPage, setUpModel } from './set-up-page.ts'

describe('the set-up page', () => {
  it('links each problem in the summary to its field, and never sends the password back', () => {
    const model = setUpModel({ name: '', email: 'jo@' }, [
      { field: 'name', message: "Enter the person's name" },
      { field: 'password', message: 'The password must be at least 12 characters long' },
    ])
    assert.equal(model.pageTitle, 'Error: Create the first administrator')
    assert.deepEqual(model.errorList, [
      { text: "Enter the person's name", href: '#name' },
      { text: 'The password must be at least 12 characters long', href: '#password' },
    ])
    assert.deepEqual(model.errors, {
      name: { text: "Enter the person's name" },
      email: null,
      password: { text: 'The password must be at least 12 characters long' },
    })
    assert.deepEqual(model.values, { name: '', email: 'jo@' })
  })

  it('answers a link never made with 404 and an expired or used one with 410 (gone)', () => {
    assert.equal(deadLinkPage(deadLink('unknown')).status, 404)
    assert.equal(deadLinkPage(deadLink('expired')).status, 410)
    const used = deadLinkPage(deadLink('used'))
    assert.equal(used.status, 410)
    assert.equal(used.view.pageTitle, 'This set-up link has been used')
    assert.deepEqual(used.view.back, { href: '/sign-in', text: 'go to the sign-in page' })
  })
})
