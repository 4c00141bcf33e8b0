import { fromDecimalNumber } from '@settle/domain';

import { SourceInvoice } from '../source-adapter';

/**
 * QuickBooks Payments as credits. A Payment with `UnappliedAmt > 0` is the customer's money on
 * account, a credit like a credit memo's remaining credit; it shares the invoice record type with
 * credit memos (marked `unappliedPayment`), its external id prefixed, since QuickBooks' ids are
 * per entity. A payment applied in full is no credit (its credit, if it was one, is gone); nor is
 * one Settle itself pushed: left unapplied, that is the push's "left unapplied" failure, and
 * counting it as a credit too would count the customer's money twice.
 */
export const PAYMENT_PREFIX = 'Payment-';

interface QboPaymentRow {
  Id: string;
  TxnDate?: string;
  CustomerRef?: { value?: string };
  CurrencyRef?: { value?: string };
  TotalAmt?: number;
  UnappliedAmt?: number;
  PaymentRefNum?: string;
  PrivateNote?: string;
  status?: string;
}

/**
 * What a QuickBooks payment is to the pull: a credit, `gone` (applied in full, deleted or voided:
 * no credit, or no longer one), or `settle`'s own (never a credit, and nothing to reconcile).
 */
export type PaymentAsCredit = SourceInvoice | 'gone' | 'settle';

/**
 * How the push marks the payments it creates (AccountingPushService): the note starts with
 * "Settle payment PAY-…", the reference number is the payment's number.
 */
const SETTLE_NOTE = /^Settle payment PAY-\d+/;
const SETTLE_REFERENCE = /^PAY-\d{6,}$/;

export function isSettlePayment(row: Pick<QboPaymentRow, 'PaymentRefNum' | 'PrivateNote'>) {
  return (
    SETTLE_NOTE.test(row.PrivateNote?.trim() ?? '') ||
    SETTLE_REFERENCE.test(row.PaymentRefNum?.trim() ?? '')
  );
}

export function paymentAsCredit(raw: QboPaymentRow): PaymentAsCredit {
  if (raw.status === 'Deleted') return 'gone';
  if (isSettlePayment(raw)) return 'settle';
  const currency = (raw.CurrencyRef?.value ?? 'USD').toUpperCase();
  const total = fromDecimalNumber(raw.TotalAmt ?? 0, currency);
  const unapplied = Math.min(total, fromDecimalNumber(raw.UnappliedAmt ?? 0, currency));
  if (unapplied <= 0) return 'gone';
  const issueDate = (raw.TxnDate ?? '').slice(0, 10);
  const reference = raw.PaymentRefNum?.trim().slice(0, 60);
  return {
    closed: false,
    companyExternalId: String(raw.CustomerRef?.value ?? ''),
    creditMemo: true,
    currency,
    dueDate: issueDate,
    externalId: `${PAYMENT_PREFIX}${raw.Id}`,
    issueDate,
    number: reference || String(raw.Id),
    poNumber: null,
    sourceBalance: unapplied,
    terms: null,
    total,
    unappliedPayment: { id: String(raw.Id) },
  };
}
