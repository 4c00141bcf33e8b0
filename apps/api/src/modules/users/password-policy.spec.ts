import { dictionary } from '@zxcvbn-ts/language-common';
import fc from 'fast-check';

import { PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy';

const whitespace = fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2003');
const common = dictionary['passwords-common'].filter((p) => p.length >= PASSWORD_MIN_LENGTH);

describe('passwordProblem', () => {
  it('refuses a password made only of whitespace, however long', () => {
    fc.assert(
      fc.property(fc.array(whitespace, { maxLength: 200, minLength: 1 }), (chars) => {
        expect(passwordProblem(chars.join(''))).toMatch(/^must/);
      }),
    );
    expect(passwordProblem(' '.repeat(12))).toBe('must not be only whitespace');
  });

  it('does not count whitespace at either end towards the length', () => {
    expect(passwordProblem('   short one   ')).toBe(
      'must be at least 12 characters, not counting whitespace at either end',
    );
    expect(passwordProblem('  twelve chars  ')).toBeNull();
    expect(passwordProblem('short')).toBe('must be at least 12 characters');
  });

  it('refuses every common password of 12 characters or more, in any case and padded', () => {
    expect(common.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.constantFrom(...common), fc.boolean(), (password, padded) => {
        const typed = password.toUpperCase();
        expect(passwordProblem(padded ? ` ${typed} ` : typed)).toMatch(/most common/);
      }),
    );
    expect(passwordProblem('Qwerty123456')).toMatch(/most common/);
  });

  it('accepts a long password that is not on the list', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, minLength: PASSWORD_MIN_LENGTH }), (password) => {
        fc.pre(password.trim().length >= PASSWORD_MIN_LENGTH);
        fc.pre(!dictionary['passwords-common'].includes(password.trim().toLowerCase()));
        expect(passwordProblem(password)).toBeNull();
      }),
    );
    expect(passwordProblem('settle demo passphrase')).toBeNull();
  });

  it('refuses more than 128 characters, and the account email in any case or padding', () => {
    expect(passwordProblem('x'.repeat(128))).toBeNull();
    expect(passwordProblem('x'.repeat(129))).toBe('must be at most 128 characters');
    expect(passwordProblem(' Jane.Doe@Example.test ', 'jane.doe@example.test')).toBe(
      'must not be your email address',
    );
    expect(passwordProblem('jane.doe@example.test', null)).toBeNull();
    expect(passwordProblem('jane.doe@example.test', 'john@example.test')).toBeNull();
  });
});
