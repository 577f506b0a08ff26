import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { passwordRefusal, siteWords, type PasswordContext } from './password-policy.ts'

const context: PasswordContext = {
  email: 'jane.white@council.gov.uk',
  name: 'Jane White',
  siteWords: siteWords(['Scrutineer', 'Southampton City Council']),
  commonPasswords: new Set(['password', 'iloveyou', 'monkey', 'password1234', 'sunshine']),
}

describe('the password policy', () => {
  it('accepts long phrases and refuses the issue’s examples, each with its reason', () => {
    assert.equal(passwordRefusal('correct horse battery staple', context), null)
    assert.equal(passwordRefusal('twelve chars', context), null)
    const refused: Array<[string, RegExp]> = [
      ['eleven char', /at least 12 characters/],
      ['password1234', /one of the most common passwords/],
      ['P@ssw0rd2024!', /common password with numbers or symbols added/],
      ['monkey123456', /common password with numbers or symbols added/],
      ['123456789012', /run of keys, letters or digits/],
      ['098765432109', /run of keys, letters or digits/],
      ['qwertyuiopas', /run of keys, letters or digits/],
      ['abcdef123456', /run of keys, letters or digits/],
      ['            ', /only spaces/],
      ['aaaaaaaaaaaa', /more than two different characters/],
      ['abababababab', /more than two different characters/],
      ['abc123abc123', /short pattern repeated/],
      ['Southampton2024', /the council's name/],
      ['Scrutineer!!!', /this site's or the council's name/],
      ['jane.white@council.gov.uk', /must not be the email address/],
      ['JaneWhite1234', /your name or email address/],
    ]
    for (const [password, why] of refused) assert.match(passwordRefusal(password, context) ?? 'accepted', why, password)
  })

  describe('edge cases', () => {
    it('counts characters, not UTF-16 units, and lets a common word inside a longer phrase through', () => {
      assert.match(passwordRefusal('😀😀😀😀😀😀😀😀😀😀😀', context) ?? '', /at least 12/)
      assert.equal(passwordRefusal('my sunshine is a yellow bicycle', context), null)
      assert.equal(passwordRefusal('password839274x', context), null)
    })
  })
})
