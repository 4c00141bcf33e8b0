import fc from 'fast-check';

import {
  ACCOUNTING_SYNC_ACTIONS,
  ACCOUNTING_SYNC_CAUSE_WORDS,
  ACCOUNTING_SYNC_CAUSES,
  ACCOUNTING_SYNC_MAX_ATTEMPTS,
  ACCOUNTING_SYNC_RECHECK_CAUSES,
  ACCOUNTING_SYNC_RETRY_STEPS,
  ACCOUNTING_SYNC_STATUSES,
  AccountingSyncAction,
  accountingCountsPayment,
  accountingSyncCauseOfCode,
  accountingSyncFailingAlert,
  accountingSyncOnMoneyBack,
  accountingSyncOnPartialRefund,
  accountingSyncOnSuccess,
  AccountingSyncStatus,
  AccountingSyncTransitionError,
  assertAccountingSyncTransition,
  canAccountingSyncTransition,
  isAccountingSyncCause,
  isAccountingSyncStatus,
  nextAccountingSyncAttempt,
} from './accounting-sync';

const status = fc.constantFrom(...ACCOUNTING_SYNC_STATUSES);
const action = fc.constantFrom(...ACCOUNTING_SYNC_ACTIONS);
const MINUTE = 60_000;

describe('accounting sync transitions', () => {
  const allowed: [AccountingSyncStatus, AccountingSyncStatus, AccountingSyncAction][] = [
    ['not_applicable', 'pending', 'push'],
    ['not_applicable', 'pending', 'reverse'],
    ['pending', 'synced', 'push'],
    ['pending', 'synced', 'reverse'],
    ['pending', 'failed', 'push'],
    ['pending', 'failed', 'reverse'],
    ['pending', 'pending', 'push'],
    ['pending', 'pending', 'reverse'],
    ['pending', 'dismissed', 'push'],
    ['pending', 'dismissed', 'reverse'],
    ['pending', 'not_applicable', 'push'],
    ['failed', 'pending', 'push'],
    ['failed', 'pending', 'reverse'],
    ['failed', 'dismissed', 'push'],
    ['failed', 'dismissed', 'reverse'],
    ['failed', 'not_applicable', 'push'],
    ['synced', 'pending', 'reverse'],
    ['synced', 'pending', 'adjust'],
    ['pending', 'synced', 'adjust'],
    ['pending', 'failed', 'adjust'],
    ['pending', 'pending', 'adjust'],
    ['pending', 'dismissed', 'adjust'],
    ['failed', 'pending', 'adjust'],
    ['failed', 'dismissed', 'adjust'],
  ];

  it('allows exactly the designed moves', () => {
    for (const from of ACCOUNTING_SYNC_STATUSES)
      for (const to of ACCOUNTING_SYNC_STATUSES)
        for (const a of ACCOUNTING_SYNC_ACTIONS) {
          const expected = allowed.some(([f, t, x]) => f === from && t === to && x === a);
          expect([from, to, a, canAccountingSyncTransition(from, to, a)]).toEqual([
            from,
            to,
            a,
            expected,
          ]);
        }
  });

  it('asserts exactly what it allows (property)', () => {
    fc.assert(
      fc.property(status, status, action, (from, to, a) => {
        if (canAccountingSyncTransition(from, to, a))
          expect(() => assertAccountingSyncTransition(from, to, a)).not.toThrow();
        else {
          expect(() => assertAccountingSyncTransition(from, to, a)).toThrow(
            AccountingSyncTransitionError,
          );
          expect(() => assertAccountingSyncTransition(from, to, a)).toThrow(
            `from ${from} to ${to}`,
          );
        }
      }),
    );
  });

  it('never leaves dismissed, and a reversal is never forgotten (property)', () => {
    fc.assert(
      fc.property(status, action, (to, a) => {
        expect(canAccountingSyncTransition('dismissed', to, a)).toBe(false);
        // Money that reached accounting must be reversed or dismissed by staff, never dropped.
        expect(canAccountingSyncTransition('synced', 'not_applicable', a)).toBe(false);
        if (a === 'reverse' || a === 'adjust')
          expect(canAccountingSyncTransition(to, 'not_applicable', a)).toBe(false);
      }),
    );
  });

  it('any walk of allowed moves ends in a state that can be settled (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(status, action), { maxLength: 30 }), (moves) => {
        let at: AccountingSyncStatus = 'not_applicable';
        for (const [to, a] of moves) if (canAccountingSyncTransition(at, to, a)) at = to;
        // From anywhere but not_applicable and dismissed, staff can still dismiss or it syncs.
        if (at === 'pending' || at === 'failed')
          expect(canAccountingSyncTransition(at, 'dismissed', 'push')).toBe(true);
        expect(isAccountingSyncStatus(at)).toBe(true);
      }),
    );
  });

  it('answers false for unknown values', () => {
    expect(canAccountingSyncTransition('draft' as AccountingSyncStatus, 'pending', 'push')).toBe(
      false,
    );
    expect(
      canAccountingSyncTransition('pending', 'synced', 'toString' as AccountingSyncAction),
    ).toBe(false);
    expect(isAccountingSyncStatus('toString')).toBe(false);
    expect(isAccountingSyncCause('unknown')).toBe(true);
    expect(isAccountingSyncCause('constructor')).toBe(false);
  });
});

describe('accounting sync on success and money back', () => {
  it('is pending only when an integration pushes payments', () => {
    expect(accountingSyncOnSuccess(true)).toBe('pending');
    expect(accountingSyncOnSuccess(false)).toBe('not_applicable');
  });

  it('reverses a synced payment, forgets an unpushed one, and leaves the rest (property)', () => {
    fc.assert(
      fc.property(status, fc.option(action, { nil: null }), (s, a) => {
        const next = accountingSyncOnMoneyBack({ action: a, status: s });
        if (s === 'synced') expect(next).toEqual({ action: 'reverse', status: 'pending' });
        // an adjustment waits or fails on a payment accounting has: it is reversed instead
        else if ((s === 'pending' || s === 'failed') && a === 'adjust')
          expect(next).toEqual({ action: 'reverse', status: 'pending' });
        else if ((s === 'pending' || s === 'failed') && a !== 'reverse')
          expect(next).toEqual({ action: 'push', status: 'not_applicable' });
        else expect(next).toBeNull();
        // Whatever it answers is a move the state machine allows.
        if (next) expect(canAccountingSyncTransition(s, next.status, next.action)).toBe(true);
      }),
    );
  });
});

describe('accounting sync on a partial refund', () => {
  it('adjusts a payment accounting has, and leaves everything else to what is queued (property)', () => {
    fc.assert(
      fc.property(status, fc.option(action, { nil: null }), (s, a) => {
        const next = accountingSyncOnPartialRefund({ action: a, status: s });
        if (s === 'synced' && a !== 'reverse')
          expect(next).toEqual({ action: 'adjust', status: 'pending' });
        else expect(next).toBeNull();
        if (next) expect(canAccountingSyncTransition(s, next.status, next.action)).toBe(true);
        // accounting counted the payment before and still does: Settle holds nothing on it
        if (next && a) {
          expect(accountingCountsPayment(s, a)).toBe(true);
          expect(accountingCountsPayment(next.status, next.action)).toBe(true);
        }
      }),
    );
  });

  it('any refunds, partial then full, end in a reversal of what accounting has (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 6 }), fc.boolean(), (partials, failing) => {
        let state: { status: AccountingSyncStatus; action: AccountingSyncAction } = {
          action: 'push',
          status: 'synced',
        };
        for (const sent of partials) {
          const next = accountingSyncOnPartialRefund(state);
          if (next) state = next;
          // the adjustment is sent (synced) or still waits (or fails) at the next refund
          if (state.action === 'adjust' && sent) state = { action: 'adjust', status: 'synced' };
          else if (state.action === 'adjust' && failing)
            state = { action: 'adjust', status: 'failed' };
        }
        const last = accountingSyncOnMoneyBack(state);
        expect(last).toEqual({ action: 'reverse', status: 'pending' });
        expect(canAccountingSyncTransition(state.status, last!.status, last!.action)).toBe(true);
      }),
    );
  });
});

describe('accountingCountsPayment', () => {
  it('is true once accounting holds the payment, and only then', () => {
    expect(accountingCountsPayment('synced', 'push')).toBe(true);
    expect(accountingCountsPayment('dismissed', 'push')).toBe(true);
    expect(accountingCountsPayment('pending', 'reverse')).toBe(true);
    expect(accountingCountsPayment('pending', 'adjust')).toBe(true);
    expect(accountingCountsPayment('failed', 'adjust')).toBe(true);
    expect(accountingCountsPayment('pending', 'push')).toBe(false);
    expect(accountingCountsPayment('failed', 'push')).toBe(false);
    expect(accountingCountsPayment('not_applicable', 'push')).toBe(false);
  });

  it('a payment money goes back on was counted by accounting exactly when it is to be reversed (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACCOUNTING_SYNC_STATUSES),
        fc.constantFrom(...ACCOUNTING_SYNC_ACTIONS),
        (status, action) => {
          const next = accountingSyncOnMoneyBack({ action, status });
          // Accounting must be told to reverse whatever it counted while the push stands.
          if (action === 'push' && status !== 'dismissed')
            expect(next?.action === 'reverse').toBe(accountingCountsPayment(status, action));
        },
      ),
    );
  });
});

describe('nextAccountingSyncAttempt', () => {
  it('waits 1 min, 5 min, 30 min, 2 h, 6 h, then gives up', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const waits = [1, 2, 3, 4, 5].map(
      (n) => (nextAccountingSyncAttempt(n, at)!.getTime() - at.getTime()) / MINUTE,
    );
    expect(waits).toEqual([1, 5, 30, 120, 360]);
    expect(nextAccountingSyncAttempt(ACCOUNTING_SYNC_MAX_ATTEMPTS, at)).toBeNull();
  });

  it('always waits longer after more attempts, and never past the last step (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ max: 20, min: -2 }),
        fc.date({ max: new Date('2100-01-01'), min: new Date('2000-01-01'), noInvalidDate: true }),
        fc.integer({ max: 60_000, min: 1 }),
        (attempts, at, step) => {
          const next = nextAccountingSyncAttempt(attempts, at, step);
          if (attempts < 1 || attempts >= ACCOUNTING_SYNC_MAX_ATTEMPTS) {
            expect(next).toBeNull();
            return;
          }
          const wait = next!.getTime() - at.getTime();
          expect(wait).toBe(ACCOUNTING_SYNC_RETRY_STEPS[attempts - 1] * step);
          const later = nextAccountingSyncAttempt(attempts + 1, at, step);
          if (later) expect(later.getTime()).toBeGreaterThan(next!.getTime());
        },
      ),
    );
  });
});

describe('causes', () => {
  it('has staff words for every cause', () => {
    for (const cause of ACCOUNTING_SYNC_CAUSES) {
      const words = ACCOUNTING_SYNC_CAUSE_WORDS[cause];
      expect(words.label.length).toBeGreaterThan(3);
      expect(words.happened).toMatch(/\.$/);
      expect(words.whatToDo.length).toBeGreaterThan(10);
    }
    expect(ACCOUNTING_SYNC_CAUSE_WORDS.credit_memo_applied.whatToDo).toMatch(/un-apply/i);
    expect(ACCOUNTING_SYNC_CAUSE_WORDS.invoice_deleted.whatToDo).toMatch(/Dismiss Syncing/);
    for (const cause of ACCOUNTING_SYNC_CAUSES) expect(cause.length).toBeLessThanOrEqual(32);
  });

  it('maps QuickBooks fault codes', () => {
    expect(
      [610, '620', '6210', 6000, 401, '120', 5010, null].map((c) => accountingSyncCauseOfCode(c)),
    ).toEqual([
      'invoice_deleted',
      'invoice_not_linkable',
      'period_closed',
      'business_rule',
      'authorization',
      'authorization',
      'unknown',
      'unknown',
    ]);
    for (const cause of ACCOUNTING_SYNC_RECHECK_CAUSES)
      expect(isAccountingSyncCause(cause)).toBe(true);
  });
});

describe('accountingSyncFailingAlert', () => {
  it('alerts at 10% and above, never without pushes or failures', () => {
    expect(accountingSyncFailingAlert({ failing: 1, pushed: 10 })).toBe(true);
    expect(accountingSyncFailingAlert({ failing: 1, pushed: 11 })).toBe(false);
    expect(accountingSyncFailingAlert({ failing: 0, pushed: 0 })).toBe(false);
    expect(accountingSyncFailingAlert({ failing: 0, pushed: 5 })).toBe(false);
  });

  it('agrees with exact arithmetic and is monotone in failures (property)', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (pushed, failing) => {
        const alert = accountingSyncFailingAlert({ failing, pushed });
        expect(alert).toBe(pushed > 0 && failing > 0 && BigInt(failing) * 10n >= BigInt(pushed));
        if (alert) expect(accountingSyncFailingAlert({ failing: failing + 1, pushed })).toBe(true);
      }),
    );
  });
});
