import fc from 'fast-check';

import { SignInDelayPolicy, signInDelaySchedule, signInDelaySeconds } from './sign-in-delay';

const policy: fc.Arbitrary<SignInDelayPolicy> = fc.record({
  freeFailures: fc.integer({ max: 1_000, min: 1 }),
  maxDelaySeconds: fc.integer({ max: 86_400, min: 1 }),
});
const failures = fc.integer({ max: 1_000_000, min: 0 });

describe('signInDelaySeconds', () => {
  it('costs nothing below the free failures and at least a second from then on', () => {
    fc.assert(
      fc.property(policy, failures, (p, f) => {
        const seconds = signInDelaySeconds(f, p);
        if (f < p.freeFailures) expect(seconds).toBe(0);
        else expect(seconds).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('starts at one second and doubles with each further failure until the cap', () => {
    fc.assert(
      fc.property(policy, failures, (p, f) => {
        fc.pre(f >= p.freeFailures);
        expect(signInDelaySeconds(p.freeFailures, p)).toBe(1);
        expect(signInDelaySeconds(f + 1, p)).toBe(
          Math.min(2 * signInDelaySeconds(f, p), p.maxDelaySeconds),
        );
      }),
    );
  });

  it('never waits longer than the cap, never less after more failures, and is a whole second', () => {
    fc.assert(
      fc.property(policy, failures, failures, (p, a, b) => {
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        const seconds = signInDelaySeconds(more, p);
        expect(seconds).toBeLessThanOrEqual(p.maxDelaySeconds);
        expect(seconds).toBeGreaterThanOrEqual(signInDelaySeconds(fewer, p));
        expect(Number.isInteger(seconds)).toBe(true);
      }),
    );
  });

  it('reaches the cap of 15 minutes after 5 free failures and 10 doublings', () => {
    const fifteenMinutes = { freeFailures: 5, maxDelaySeconds: 900 };
    const waits = Array.from({ length: 17 }, (_, f) => signInDelaySeconds(f, fifteenMinutes));
    expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
  });
});

describe('signInDelaySchedule', () => {
  it('is the rule as a table whose last entry holds beyond it', () => {
    fc.assert(
      fc.property(policy, failures, (p, f) => {
        fc.pre(f >= p.freeFailures);
        const schedule = signInDelaySchedule(p);
        const index = Math.min(f - p.freeFailures, schedule.length - 1);
        expect(schedule[index]).toBe(signInDelaySeconds(f, p));
      }),
    );
  });

  it('stays short whatever the cap: one entry per doubling', () => {
    fc.assert(
      fc.property(policy, (p) => {
        const schedule = signInDelaySchedule(p);
        expect(schedule.length).toBeLessThanOrEqual(Math.ceil(Math.log2(p.maxDelaySeconds)) + 1);
        expect(schedule.at(-1)).toBe(p.maxDelaySeconds);
      }),
    );
  });
});
