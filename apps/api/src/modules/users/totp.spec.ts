import { authenticator } from 'otplib';

import { newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpStep } from './totp';

describe('totp', () => {
  const secret = newTotpSecret();
  const at = (ms: number) => authenticator.clone({ epoch: ms }).generate(secret);

  it('gives the time step of a current code, one step either side, and null otherwise', () => {
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(totpStep(secret, at(now), now)).toBe(step);
    expect(totpStep(secret, at(now - 30_000), now)).toBe(step - 1);
    expect(totpStep(secret, at(now + 30_000), now)).toBe(step + 1);
    expect(totpStep(secret, at(now - 90_000), now)).toBeNull();
    expect(totpStep(secret, ` ${at(now).slice(0, 3)} ${at(now).slice(3)} `, now)).toBe(step);
    expect(totpStep(secret, 'abcdef', now)).toBeNull();
    expect(totpStep(secret, '1234567', now)).toBeNull();
  });

  it('makes ten distinct recovery codes whose hash ignores case, spaces and dashes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const [code] = codes as [string];
    expect(recoveryCodeHash(` ${code.toUpperCase().replace('-', ' ')} `)).toBe(
      recoveryCodeHash(code),
    );
  });
});
