import fc from 'fast-check';

import { achReturnCodeInfo } from './ach-returns';
import {
  MethodChargeOutcome,
  isCriticalFailureCode,
  LOCK_AFTER_CONSECUTIVE_FAILURES,
  MethodState,
  nextMethodState,
  TOO_MANY_FAILURES,
} from './payment-method-lock';

const fail = (code: string | null = 'card_declined'): MethodChargeOutcome => ({
  succeeded: false,
  code,
});
const ok: MethodChargeOutcome = { succeeded: true };

describe('isCriticalFailureCode', () => {
  it.each([
    'lost_card',
    'stolen_card',
    'pickup_card',
    'restricted_card',
    'fraudulent',
    'R02',
    'R29',
    'r10',
    ' R16 ',
    'account_closed',
    'no_account',
    'invalid_account_number',
    'debit_not_authorized',
    'bank_account_restricted',
  ])('locks at once on %p', (code) => {
    expect(isCriticalFailureCode(code)).toBe(true);
  });

  it.each([
    'card_declined',
    'insufficient_funds',
    'expired_card',
    'R01',
    'R09',
    'R06',
    '',
    null,
    undefined,
    'constructor',
  ])('does not lock at once on %p', (code) => {
    expect(isCriticalFailureCode(code)).toBe(false);
  });

  it('treats exactly the non-retryable ACH returns as critical', () => {
    const known = Array.from({ length: 99 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`)
      .map((code) => [code, achReturnCodeInfo(code)] as const)
      .filter(([, info]) => info);
    expect(known.length).toBeGreaterThan(10);
    for (const [code, info] of known) expect(isCriticalFailureCode(code)).toBe(!info!.retryable);
  });
});

describe('nextMethodState', () => {
  const active = (consecutiveFailures = 0): MethodState => ({
    status: 'active',
    consecutiveFailures,
  });

  it('resets the count on success without changing the status', () => {
    expect(nextMethodState(active(7), ok)).toEqual({
      status: 'active',
      consecutiveFailures: 0,
      lockedReason: null,
    });
    expect(nextMethodState({ status: 'expired', consecutiveFailures: 3 }, ok)).toMatchObject({
      status: 'expired',
    });
    expect(nextMethodState({ status: 'locked', consecutiveFailures: 3 }, ok)).toEqual({
      status: 'locked',
      consecutiveFailures: 0,
      lockedReason: null,
    });
  });

  it('locks on the 15th failure in a row, not the 14th', () => {
    expect(LOCK_AFTER_CONSECUTIVE_FAILURES).toBe(15);
    expect(nextMethodState(active(13), fail())).toEqual({
      status: 'active',
      consecutiveFailures: 14,
      lockedReason: null,
    });
    expect(nextMethodState(active(14), fail())).toEqual({
      status: 'locked',
      consecutiveFailures: 15,
      lockedReason: TOO_MANY_FAILURES,
    });
  });

  it('locks at once on a critical code, giving the code as the reason', () => {
    expect(nextMethodState(active(), fail('stolen_card'))).toEqual({
      status: 'locked',
      consecutiveFailures: 1,
      lockedReason: 'stolen_card',
    });
    expect(
      nextMethodState({ status: 'expired', consecutiveFailures: 0 }, fail('R02')),
    ).toMatchObject({
      status: 'locked',
      lockedReason: 'R02',
    });
  });

  it('keeps a locked method locked, without a new reason', () => {
    expect(
      nextMethodState({ status: 'locked', consecutiveFailures: 20 }, fail('lost_card')),
    ).toEqual({
      status: 'locked',
      consecutiveFailures: 21,
      lockedReason: null,
    });
  });

  it('counts a failure with no code like any other', () => {
    expect(nextMethodState(active(), fail(null))).toEqual({
      status: 'active',
      consecutiveFailures: 1,
      lockedReason: null,
    });
  });

  it('refuses a malformed state', () => {
    expect(() => nextMethodState(active(-1), ok)).toThrow(RangeError);
    expect(() => nextMethodState(active(1.5), ok)).toThrow(RangeError);
    expect(() =>
      nextMethodState({ status: 'gone' as 'active', consecutiveFailures: 0 }, ok),
    ).toThrow(RangeError);
  });

  it('locks exactly once, at the 15th non-critical failure in a row or the first critical one (property)', () => {
    const outcome = fc.oneof(
      fc.constant(ok),
      fc.constantFrom('card_declined', 'insufficient_funds', 'R01', null).map((c) => fail(c)),
      fc.constantFrom('lost_card', 'R03', 'fraudulent').map((c) => fail(c)),
    );
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 60 }), (outcomes) => {
        let state: MethodState = active();
        let streak = 0;
        let locks = 0;
        for (const o of outcomes) {
          const wasLocked = state.status === 'locked';
          const next = nextMethodState(state, o);
          streak = o.succeeded ? 0 : streak + 1;
          expect(next.consecutiveFailures).toBe(streak);
          if (wasLocked) expect(next.status).toBe('locked');
          const shouldLock =
            !wasLocked &&
            !o.succeeded &&
            (isCriticalFailureCode(o.code) || streak >= LOCK_AFTER_CONSECUTIVE_FAILURES);
          expect(next.status === 'locked' && !wasLocked).toBe(shouldLock);
          expect(next.lockedReason !== null).toBe(shouldLock);
          if (next.lockedReason !== null) locks++;
          state = next;
        }
        expect(locks).toBe(state.status === 'locked' ? 1 : 0);
      }),
    );
  });
});
