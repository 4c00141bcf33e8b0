import fc from 'fast-check';

import { BalanceError, isPastDue, openBalance } from './balances';
import { CalendarDateError } from './calendar-date';
import { MoneyError } from './money';

describe('openBalance', () => {
  it('is the source balance when nothing is pending', () => {
    expect(openBalance(125050, [])).toBe(125050);
  });

  it('subtracts pending allocations, which may be zero once fully refunded', () => {
    expect(openBalance(125050, [25050, 0, 50000])).toBe(50000);
    expect(openBalance(125050, [125050])).toBe(0);
  });

  it('throws rather than clamping when allocations exceed the source balance', () => {
    let error: unknown;
    try {
      openBalance(100, [60, 41]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BalanceError);
    expect(error).toMatchObject({ sourceBalance: 100, allocated: 101 });
  });

  it('rejects negative, fractional or unsafe inputs', () => {
    expect(() => openBalance(-1, [])).toThrow(MoneyError);
    expect(() => openBalance(100, [-10])).toThrow(MoneyError);
    expect(() => openBalance(100, [1.5])).toThrow(MoneyError);
    expect(() =>
      openBalance(Number.MAX_SAFE_INTEGER, [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]),
    ).toThrow(MoneyError);
  });

  it('plus the pending allocations always gives back the source balance (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e9 }), { maxLength: 10 }),
        fc.integer({ min: 0, max: 1e9 }),
        (pending, slack) => {
          const total = pending.reduce((a, b) => a + b, 0);
          const open = openBalance(total + slack, pending);
          expect(open).toBe(slack);
          if (total > 0) expect(() => openBalance(total - 1, pending)).toThrow(BalanceError);
        },
      ),
    );
  });
});

describe('isPastDue', () => {
  const today = '2025-03-10';

  it('is past due only after the due date and only with money owed', () => {
    expect(isPastDue({ dueDate: '2025-03-09', openBalance: 1 }, today)).toBe(true);
    expect(isPastDue({ dueDate: '2025-03-10', openBalance: 1 }, today)).toBe(false);
    expect(isPastDue({ dueDate: '2025-03-11', openBalance: 1 }, today)).toBe(false);
    expect(isPastDue({ dueDate: '2024-01-01', openBalance: 0 }, today)).toBe(false);
  });

  it('compares dates chronologically across month and year ends', () => {
    expect(isPastDue({ dueDate: '2024-12-31', openBalance: 5 }, '2025-01-01')).toBe(true);
  });

  it('rejects malformed dates instead of comparing them as text', () => {
    expect(() => isPastDue({ dueDate: '3/9/2025', openBalance: 1 }, today)).toThrow(
      CalendarDateError,
    );
  });
});
