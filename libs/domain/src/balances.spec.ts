import fc from 'fast-check';

import { invoiceBalance, isAwaitingAccounting, isPastDue, isPayable } from './balances';
import { CalendarDateError } from './calendar-date';
import { MoneyError } from './money';

describe('invoiceBalance', () => {
  it('is the source balance when nothing is pending', () => {
    expect(invoiceBalance(125050, 0, true)).toEqual({ openBalance: 125050, overAllocated: 0 });
  });

  it('subtracts what Settle holds, down to zero once fully paid', () => {
    expect(invoiceBalance(125050, 75050, true)).toEqual({ openBalance: 50000, overAllocated: 0 });
    expect(invoiceBalance(125050, 125050, true)).toEqual({ openBalance: 0, overAllocated: 0 });
  });

  it('reports what Settle holds beyond the source balance instead of clamping it away', () => {
    expect(invoiceBalance(100, 101, true)).toEqual({ openBalance: 0, overAllocated: 1 });
    expect(invoiceBalance(0, 5000, true)).toEqual({ openBalance: 0, overAllocated: 5000 });
  });

  it('lets nothing be paid on a paid or void invoice, and reports money Settle holds on it', () => {
    expect(invoiceBalance(0, 0, false)).toEqual({ openBalance: 0, overAllocated: 0 });
    expect(invoiceBalance(300, 200, false)).toEqual({ openBalance: 0, overAllocated: 200 });
  });

  it('rejects negative, fractional or unsafe inputs', () => {
    expect(() => invoiceBalance(-1, 0, true)).toThrow(MoneyError);
    expect(() => invoiceBalance(100, -10, true)).toThrow(MoneyError);
    expect(() => invoiceBalance(100, 1.5, true)).toThrow(MoneyError);
    expect(() => invoiceBalance(Number.MAX_SAFE_INTEGER + 1, 0, true)).toThrow(MoneyError);
  });

  it('open minus over-allocated is always what is owed minus what Settle holds (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.boolean(),
        (source, pending, isOpen) => {
          const { openBalance, overAllocated } = invoiceBalance(source, pending, isOpen);
          expect(openBalance).toBeGreaterThanOrEqual(0);
          expect(overAllocated).toBeGreaterThanOrEqual(0);
          expect(openBalance === 0 || overAllocated === 0).toBe(true);
          expect(openBalance - overAllocated).toBe((isOpen ? source : 0) - pending);
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

describe('isPayable and isAwaitingAccounting', () => {
  const invoice = (isOpen: boolean, sourceBalance: number, settlePending: number) => ({
    isOpen,
    sourceBalance,
    ...invoiceBalance(sourceBalance, settlePending, isOpen),
  });

  it('is payable while Settle has not taken all that is owed', () => {
    expect(isPayable(invoice(true, 10000, 0))).toBe(true);
    expect(isPayable(invoice(true, 10000, 9999))).toBe(true);
    expect(isAwaitingAccounting(invoice(true, 10000, 9999))).toBe(false);
  });

  it('waits for accounting once Settle holds the whole source balance', () => {
    expect(isPayable(invoice(true, 10000, 10000))).toBe(false);
    expect(isAwaitingAccounting(invoice(true, 10000, 10000))).toBe(true);
    // Settle holding more than is owed does not make it less paid.
    expect(isAwaitingAccounting(invoice(true, 10000, 15000))).toBe(true);
  });

  it('is neither once the source says nothing is owed, or the invoice is paid or void', () => {
    expect(isAwaitingAccounting(invoice(true, 0, 0))).toBe(false);
    expect(isPayable(invoice(true, 0, 0))).toBe(false);
    expect(isAwaitingAccounting(invoice(false, 10000, 10000))).toBe(false);
    expect(isPayable(invoice(false, 10000, 0))).toBe(false);
  });

  it('rejects balances that are not minor units', () => {
    expect(() => isPayable({ isOpen: true, openBalance: 1.5, sourceBalance: 2 })).toThrow(
      MoneyError,
    );
    expect(() => isAwaitingAccounting({ isOpen: true, openBalance: 0, sourceBalance: -1 })).toThrow(
      MoneyError,
    );
  });

  it('never both; waiting exactly when open, owed in the source, and fully held (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.boolean(),
        (source, pending, isOpen) => {
          const state = invoice(isOpen, source, pending);
          const payable = isPayable(state);
          const waiting = isAwaitingAccounting(state);
          expect(payable && waiting).toBe(false);
          expect(payable).toBe(isOpen && pending < source);
          expect(waiting).toBe(isOpen && source > 0 && pending >= source);
        },
      ),
    );
  });
});
