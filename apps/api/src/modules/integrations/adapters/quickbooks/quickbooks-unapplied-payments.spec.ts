import { isSettlePayment, paymentAsCredit } from './quickbooks-unapplied-payments';

/** QuickBooks payments as credits: only a hand-recorded payment's unapplied part is one. */
describe('QuickBooks payments as credits', () => {
  const hand = {
    CustomerRef: { value: '7' },
    Id: '1042',
    PaymentRefNum: '1042',
    TotalAmt: 250.5,
    TxnDate: '2026-11-20',
    UnappliedAmt: 100.25,
  };

  it('is a credit of what is still unapplied, in minor units, on its customer', () => {
    expect(paymentAsCredit(hand)).toEqual({
      closed: false,
      companyExternalId: '7',
      creditMemo: true,
      currency: 'USD',
      dueDate: '2026-11-20',
      externalId: 'Payment-1042',
      issueDate: '2026-11-20',
      number: '1042',
      poNumber: null,
      sourceBalance: 10_025,
      terms: null,
      total: 25_050,
      unappliedPayment: { id: '1042' },
    });
    // without a reference number, its QuickBooks id names it
    expect(paymentAsCredit({ ...hand, PaymentRefNum: ' ' })).toMatchObject({ number: '1042' });
  });

  it('is no credit once applied in full, voided or deleted', () => {
    expect(paymentAsCredit({ ...hand, UnappliedAmt: 0 })).toBe('gone');
    expect(paymentAsCredit({ ...hand, UnappliedAmt: undefined })).toBe('gone');
    expect(paymentAsCredit({ ...hand, PrivateNote: 'Voided', TotalAmt: 0, UnappliedAmt: 0 })).toBe(
      'gone',
    );
    expect(paymentAsCredit({ Id: '1042', status: 'Deleted' })).toBe('gone');
    // never more than the payment itself
    expect(paymentAsCredit({ ...hand, UnappliedAmt: 999 })).toMatchObject({
      sourceBalance: 25_050,
    });
  });

  it("leaves Settle's own pushed payments out, by their note or their reference", () => {
    const pushed = {
      ...hand,
      PaymentRefNum: 'PAY-000123',
      PrivateNote: 'Settle payment PAY-000123, gateway reference ch_1',
    };
    expect(paymentAsCredit(pushed)).toBe('settle');
    expect(paymentAsCredit({ ...pushed, PaymentRefNum: 'edited' })).toBe('settle');
    expect(paymentAsCredit({ ...pushed, PrivateNote: 'edited' })).toBe('settle');
    expect(
      isSettlePayment({ PaymentRefNum: 'PAY-12', PrivateNote: 'Settle payments are great' }),
    ).toBe(false);
    expect(isSettlePayment({})).toBe(false);
  });
});
