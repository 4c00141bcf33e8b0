import { AccountingSyncCause, fromDecimalNumber, toDecimalString } from '@settle/domain';

import { SourceAuthError } from '../source-adapter';
import {
  QuickBooksApiError,
  QuickBooksClient,
  qboLiteral,
  type QuickBooksPayment,
} from './quickbooks-client';

/** A Settle payment in QuickBooks' terms: its customer and invoices by their QuickBooks ids. */
export interface QuickBooksPaymentPush {
  /** Stable while the outcome is unknown, so a retry after a timeout is a replay (≤ 50 chars). */
  requestId: string;
  customerId: string;
  amount: number;
  currency: string;
  paidOn: string;
  reference: string;
  note: string;
  depositAccountId: string | null;
  paymentMethodId: string | null;
  /**
   * `invoiceId` is QuickBooks' id, `settleInvoiceId` Settle's, `number` the invoice's number in
   * both (QuickBooks' DocNumber).
   */
  lines: { invoiceId: string; settleInvoiceId: string; number: string; amount: number }[];
}

export type PushOutcome =
  | {
      kind: 'synced';
      externalId: string;
      invoiceBalances: { invoiceId: string; balance: number }[];
    }
  | {
      kind: 'rejected';
      cause: AccountingSyncCause;
      error: string;
      retryable: boolean;
      externalId?: string;
    };

type Rejected = Extract<PushOutcome, { kind: 'rejected' }>;

interface QboInvoiceRead {
  Id: string;
  DocNumber?: string;
  Balance: number;
  LinkedTxn?: { TxnId: string; TxnType: string }[];
}

/** Invoice ids per verifying query: a URL stays a few kilobytes long. */
const READ_CHUNK = 200;

/** Fault codes after which the same request may succeed later unchanged. */
const RETRYABLE_CODES = new Set(['5010']);

function dollars(amount: number, currency: string): number {
  return Number(toDecimalString(amount, currency));
}

/** A payment QuickBooks took; whether it applied it is checked with its batch (verifyApplied). */
export interface CreatedPayment {
  kind: 'created';
  push: QuickBooksPaymentPush;
  payment: QuickBooksPayment;
}

/**
 * Creates the QuickBooks Payment applied to the payment's invoices. A refusal is diagnosed by
 * reading the invoices: deleted (and recreated?), paid by hand, reduced by a credit memo.
 */
export async function createPayment(
  client: QuickBooksClient,
  push: QuickBooksPaymentPush,
): Promise<CreatedPayment | Rejected> {
  try {
    const payment = await client.createPayment(
      {
        CustomerRef: { value: push.customerId },
        ...(push.depositAccountId ? { DepositToAccountRef: { value: push.depositAccountId } } : {}),
        Line: push.lines.map((line) => ({
          Amount: dollars(line.amount, push.currency),
          LinkedTxn: [{ TxnId: line.invoiceId, TxnType: 'Invoice' as const }],
        })),
        PaymentRefNum: push.reference.slice(0, 21),
        ...(push.paymentMethodId ? { PaymentMethodRef: { value: push.paymentMethodId } } : {}),
        PrivateNote: push.note.slice(0, 4000),
        TotalAmt: dollars(push.amount, push.currency),
        TxnDate: push.paidOn,
      },
      push.requestId,
    );
    return { kind: 'created', payment, push };
  } catch (error) {
    return diagnose(client, push, error);
  }
}

/**
 * What QuickBooks really did with the payments it took: a payment can be accepted yet left
 * unapplied (a customer mismatch, integrations.md 0.4), so success is a payment applied in full
 * whose every invoice lists it — read for a whole batch in a few queries, not one per payment.
 * Answers each payment's outcome by its request id, with the invoices' new balances.
 */
export async function verifyApplied(
  client: QuickBooksClient,
  created: CreatedPayment[],
): Promise<Map<string, PushOutcome>> {
  const invoices = await readInvoices(
    client,
    created.flatMap(({ push }) => push.lines.map((l) => l.invoiceId)),
  );
  const outcomes = new Map<string, PushOutcome>();
  for (const { payment, push } of created) {
    const unapplied = fromDecimalNumber(payment.UnappliedAmt ?? 0, push.currency);
    const notListing = push.lines.filter(
      (line) =>
        !invoices
          .get(line.invoiceId)
          ?.LinkedTxn?.some((t) => t.TxnType === 'Payment' && String(t.TxnId) === payment.Id),
    );
    outcomes.set(
      push.requestId,
      unapplied > 0 || notListing.length > 0
        ? {
            cause: 'left_unapplied',
            error: `QuickBooks recorded the payment as ${payment.Id} but left ${toDecimalString(unapplied || push.amount, push.currency)} ${push.currency} of it unapplied${notListing.length ? ` (not applied to invoice ${notListing.map((l) => l.number).join(', ')})` : ''}.`,
            externalId: payment.Id,
            kind: 'rejected',
            retryable: false,
          }
        : {
            externalId: payment.Id,
            invoiceBalances: push.lines.map((line) => ({
              balance: fromDecimalNumber(invoices.get(line.invoiceId)!.Balance, push.currency),
              invoiceId: line.invoiceId,
            })),
            kind: 'synced',
          },
    );
  }
  return outcomes;
}

/**
 * Voids the QuickBooks payment of a refunded or returned Settle payment: its invoices reopen, and
 * their balances are read back. The SyncToken is part of the request key, since a stale one is
 * refused (5010) and that refusal would be replayed to the same key.
 */
export async function voidPayment(
  client: QuickBooksClient,
  externalId: string,
  push: Pick<QuickBooksPaymentPush, 'currency' | 'lines' | 'requestId'>,
): Promise<PushOutcome> {
  try {
    const current = await client.get<{ Id: string; SyncToken: string }>('Payment', externalId);
    await client.voidPayment(current, `${push.requestId}-${current.SyncToken}`.slice(0, 50));
    const invoices = await readInvoices(
      client,
      push.lines.map((l) => l.invoiceId),
    );
    return {
      externalId,
      invoiceBalances: [...invoices.values()].map((invoice) => ({
        balance: fromDecimalNumber(invoice.Balance, push.currency),
        invoiceId: String(invoice.Id),
      })),
      kind: 'synced',
    };
  } catch (error) {
    return rejection(error);
  }
}

/**
 * Adjusts the QuickBooks payment of a partly refunded Settle payment to what is left of it: a
 * sparse update whose total is the amount net of refunds and whose lines are each invoice's
 * allocation net of what was refunded to it (a line at zero is dropped: QuickBooks unlinks that
 * invoice). QuickBooks re-opens each invoice by what Settle's refunds re-opened; their balances
 * are read back. As with a void, the SyncToken is part of the request key; the amounts are the
 * ones Settle has now, so a retry after an answer that never came sends the same update again.
 */
export async function adjustPayment(
  client: QuickBooksClient,
  externalId: string,
  push: Pick<QuickBooksPaymentPush, 'amount' | 'currency' | 'lines' | 'requestId'>,
): Promise<PushOutcome> {
  try {
    const current = await client.get<{ Id: string; SyncToken: string }>('Payment', externalId);
    const updated = await client.updatePayment(
      {
        Id: current.Id,
        Line: push.lines
          .filter((line) => line.amount > 0)
          .map((line) => ({
            Amount: dollars(line.amount, push.currency),
            LinkedTxn: [{ TxnId: line.invoiceId, TxnType: 'Invoice' as const }],
          })),
        SyncToken: current.SyncToken,
        TotalAmt: dollars(push.amount, push.currency),
      },
      `${push.requestId}-${current.SyncToken}`.slice(0, 50),
    );
    const unapplied = fromDecimalNumber(updated.UnappliedAmt ?? 0, push.currency);
    if (unapplied > 0)
      return {
        cause: 'left_unapplied',
        error: `QuickBooks took the adjusted payment ${externalId} but left ${toDecimalString(unapplied, push.currency)} ${push.currency} of it unapplied.`,
        externalId,
        kind: 'rejected',
        retryable: false,
      };
    const invoices = await readInvoices(
      client,
      push.lines.map((l) => l.invoiceId),
    );
    return {
      externalId,
      invoiceBalances: [...invoices.values()].map((invoice) => ({
        balance: fromDecimalNumber(invoice.Balance, push.currency),
        invoiceId: String(invoice.Id),
      })),
      kind: 'synced',
    };
  } catch (error) {
    return rejection(error);
  }
}

async function diagnose(
  client: QuickBooksClient,
  push: QuickBooksPaymentPush,
  error: unknown,
): Promise<Rejected> {
  const first = rejection(error);
  if (first.retryable || !(error instanceof QuickBooksApiError)) return first;
  const code = error.fault.code;
  if (!['610', '6000'].includes(code)) return first;
  let invoices: Map<string, QboInvoiceRead>;
  try {
    invoices = await readInvoices(
      client,
      push.lines.map((l) => l.invoiceId),
    );
  } catch {
    return first;
  }
  const missing = push.lines.filter((l) => !invoices.has(l.invoiceId));
  if (missing.length) {
    const recreated = await recreatedInvoices(client, missing);
    return {
      ...first,
      cause: 'invoice_deleted',
      error: `${first.error} Invoice ${missing.map((l) => l.number).join(', ')} no longer exists in QuickBooks${recreated.length ? `; ${recreated.join(', ')} now carries its number: it was deleted and recreated` : ''}.`,
    };
  }
  if (code === '610')
    return {
      ...first,
      cause: 'not_linked',
      error: `${first.error} The customer is inactive or deleted in QuickBooks.`,
    };
  for (const line of push.lines) {
    const invoice = invoices.get(line.invoiceId)!;
    if (fromDecimalNumber(invoice.Balance, push.currency) >= line.amount) continue;
    const links = invoice.LinkedTxn ?? [];
    if (links.some((t) => t.TxnType === 'CreditMemo'))
      return {
        ...first,
        cause: 'credit_memo_applied',
        error: `${first.error} A credit memo was applied to invoice ${invoice.DocNumber ?? invoice.Id}; its balance is now ${invoice.Balance}.`,
      };
    if (links.some((t) => t.TxnType === 'Payment'))
      return {
        ...first,
        cause: 'already_paid_by_hand',
        error: `${first.error} Invoice ${invoice.DocNumber ?? invoice.Id} already has a payment recorded in QuickBooks; its balance is now ${invoice.Balance}.`,
      };
  }
  return first;
}

/** What an error from the client means for the push: retry it later, or show it to staff. */
function rejection(error: unknown): Rejected {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SourceAuthError)
    return { cause: 'authorization', error: message, kind: 'rejected', retryable: true };
  if (!(error instanceof QuickBooksApiError))
    // Network errors, timeouts, 429 and 5xx after the client's own retries: try again later.
    return { cause: 'unknown', error: message, kind: 'rejected', retryable: true };
  const { code, status } = error.fault;
  if (status === 429 || status >= 500 || RETRYABLE_CODES.has(code))
    return { cause: 'unknown', error: message, kind: 'rejected', retryable: true };
  const cause: AccountingSyncCause =
    code === '610'
      ? 'invoice_deleted'
      : code === '620'
        ? 'invoice_not_linkable'
        : code === '6210'
          ? 'period_closed'
          : code === '6000' || code === '6190' || code === '6540'
            ? 'business_rule'
            : 'unknown';
  return { cause, error: message, kind: 'rejected', retryable: false };
}

async function readInvoices(
  client: QuickBooksClient,
  ids: string[],
): Promise<Map<string, QboInvoiceRead>> {
  const found = new Map<string, QboInvoiceRead>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += READ_CHUNK)
    for await (const page of client.select<QboInvoiceRead>(
      'Invoice',
      `Id IN (${unique
        .slice(i, i + READ_CHUNK)
        .map(qboLiteral)
        .join(', ')})`,
    ))
      for (const invoice of page) found.set(String(invoice.Id), invoice);
  return found;
}

/** Live invoices that now carry a deleted invoice's number: it was deleted and recreated. */
async function recreatedInvoices(
  client: QuickBooksClient,
  deleted: { invoiceId: string; number: string }[],
): Promise<string[]> {
  const found: string[] = [];
  for (const { invoiceId, number } of deleted)
    for await (const page of client.select<QboInvoiceRead>(
      'Invoice',
      `DocNumber = ${qboLiteral(number)}`,
    ))
      for (const invoice of page)
        if (String(invoice.Id) !== invoiceId)
          found.push(`invoice ${number} (QuickBooks id ${invoice.Id})`);
  return found;
}
