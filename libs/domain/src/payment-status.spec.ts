import {
  canTransition,
  holdsInvoiceBalance,
  isFinalStatus,
  isPaymentStatus,
  isTentative,
  PAYMENT_STATUSES,
  PaymentStatus,
} from './payment-status';

describe('payment status', () => {
  const allowed: [PaymentStatus, PaymentStatus][] = [
    ['scheduled', 'processing'],
    ['scheduled', 'cancelled'],
    ['pending_approval', 'processing'],
    ['pending_approval', 'cancelled'],
    ['processing', 'succeeded'],
    ['processing', 'failed'],
    ['processing', 'returned'],
    ['succeeded', 'returned'],
    ['succeeded', 'refunded'],
  ];

  it('allows exactly the designed transitions', () => {
    for (const from of PAYMENT_STATUSES) {
      for (const to of PAYMENT_STATUSES) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect([from, to, canTransition(from, to)]).toEqual([from, to, expected]);
      }
    }
  });

  it('answers false for unknown statuses', () => {
    expect(canTransition('draft' as PaymentStatus, 'processing')).toBe(false);
    expect(canTransition('scheduled', 'toString' as PaymentStatus)).toBe(false);
    expect(isPaymentStatus('toString')).toBe(false);
    expect(isPaymentStatus('succeeded')).toBe(true);
    expect(isPaymentStatus(undefined)).toBe(false);
  });

  it('knows which statuses are tentative, final, or hold the invoice balance', () => {
    const where = (f: (s: PaymentStatus) => boolean) => PAYMENT_STATUSES.filter(f);
    expect(where(isTentative)).toEqual(['scheduled', 'pending_approval']);
    expect(where(holdsInvoiceBalance)).toEqual(['processing', 'succeeded']);
    expect(where(isFinalStatus)).toEqual(['failed', 'cancelled', 'returned', 'refunded']);
  });

  it('fits the status column', () => {
    for (const status of PAYMENT_STATUSES) expect(status.length).toBeLessThanOrEqual(20);
  });
});
