import { ACCOUNTING_SYNC_CAUSE_WORDS, isAccountingSyncCause } from '@settle/domain';

import { formatAmount } from '../payments';
import { ReconciliationDifference } from './reconciliation-difference.entity';

export interface DifferenceWords {
  explanation: string;
  whatToDo: string;
}

type Words = (d: ReconciliationDifference, ctx: WordsContext) => DifferenceWords;

interface WordsContext {
  money: (amount: number | null | undefined) => string;
  payment: string;
  accounting: string;
  gatewayName: string;
}

const RESOLVE_FAILING = 'Resolve it in Payments failing to sync.';

const WORDS: Record<ReconciliationDifference['kind'], Words> = {
  amount_differs_at_gateway: (d, { gatewayName, money, payment }) => ({
    explanation: `${payment} should hold ${money(d.detail.expectedGatewayAmount)} at ${gatewayName} (the invoice amount plus any card fee, less refunds), but the charge ${d.gatewayChargeRef ?? ''} holds ${money(d.gatewayAmount)}.`,
    whatToDo: `Open the charge in the ${gatewayName} dashboard and compare it with the payment in Settle; if money was refunded or captured there by hand, record the same in Settle, or contact support if neither explains it.`,
  }),
  amount_differs_in_accounting: (d, { accounting, money, payment }) => ({
    explanation: `${payment} was recorded in ${accounting} as payment ${d.accountingPaymentId ?? ''} for ${money(d.detail.expectedAccountingAmount)}, but it now shows ${money(d.accountingAmount)}: it was changed in ${accounting} after Settle recorded it.`,
    whatToDo: `Open payment ${d.accountingPaymentId ?? ''} in ${accounting} and set its amount back to ${money(d.detail.expectedAccountingAmount)}, or find out who changed it and why.`,
  }),
  charge_only_at_gateway: (d, { gatewayName, money }) => ({
    explanation: `${gatewayName} has a charge ${d.gatewayChargeRef ?? ''} of ${money(d.gatewayAmount)} that Settle did not make: it was charged outside Settle (in the ${gatewayName} dashboard or by another system).`,
    whatToDo: `Find out who made the charge in the ${gatewayName} dashboard. If it pays an invoice, record the payment in your accounting package by hand; if it was a mistake, refund it in ${gatewayName}.`,
  }),
  dismissed_recorded_by_hand: (d, { accounting, money, payment }) => ({
    explanation: d.accountingPaymentId
      ? `Staff dismissed syncing of ${payment} (${money(d.settleAmount)}) because it was recorded by hand; ${accounting} payment ${d.accountingPaymentId} of ${money(d.accountingAmount)} for the same customer is most likely that record.`
      : `Staff dismissed syncing of ${payment} (${money(d.settleAmount)}) because it was to be recorded by hand, but ${accounting} has no payment for the same customer and amount in this period.`,
    whatToDo: d.accountingPaymentId
      ? `Check that ${accounting} payment ${d.accountingPaymentId} is this payment; nothing else to do if it is.`
      : `Record the payment by hand in ${accounting} (customer, ${money(d.settleAmount)}, reference ${d.detail.paymentReference ?? ''}), or check whether it was recorded under another date or customer.`,
  }),
  missing_at_gateway: (d, { gatewayName, money, payment }) => ({
    explanation: `${payment} says ${money(d.detail.expectedGatewayAmount)} was charged through ${gatewayName}, but ${gatewayName} has no such charge in this period.`,
    whatToDo: `Look the payment up in the ${gatewayName} dashboard by its reference (${d.gatewayChargeRef ?? 'none recorded'}); if the charge does not exist, the customer did not pay: contact support before changing anything.`,
  }),
  missing_in_accounting: (d, { accounting, money, payment }) => ({
    explanation: d.detail.accountingVoided
      ? `${payment} (${money(d.settleAmount)}) was recorded in ${accounting} as payment ${d.accountingPaymentId ?? ''}, but that payment has been voided there.`
      : `${payment} (${money(d.settleAmount)}) was recorded in ${accounting}${d.accountingPaymentId ? ` as payment ${d.accountingPaymentId}` : ''}, but ${accounting} no longer has it (deleted there).`,
    whatToDo: `Record the payment again in ${accounting} (reference ${d.detail.paymentReference ?? ''}, ${money(d.settleAmount)}) against its invoices, or find out who ${d.detail.accountingVoided ? 'voided' : 'deleted'} it and why; the customer's money was received.`,
  }),
  not_yet_synced: (d, { accounting, money, payment }) => ({
    explanation: `${payment} (${money(d.settleAmount)}) is waiting to be recorded in ${accounting}; Settle sends it on its next push and retries by itself.`,
    whatToDo: `Nothing yet: it syncs by itself within minutes. If it is still here tomorrow, check the accounting integration's status.`,
  }),
  recorded_only_in_accounting: (d, { accounting, money }) => ({
    explanation: `${accounting} has payment ${d.accountingPaymentId ?? ''} of ${money(d.accountingAmount)}${d.detail.customerName ? ` from ${d.detail.customerName}` : ''}${d.detail.accountingRefNum ? ` (reference ${d.detail.accountingRefNum})` : ''} that did not come from Settle: a check, cash or a payment recorded by hand.${d.detail.possibleDoublePayment ? ' It pays an invoice Settle also collected a payment on, so the customer may have paid twice.' : ''}`,
    whatToDo: d.detail.possibleDoublePayment
      ? `Compare the two payments of the invoice: if the customer paid twice, refund one (in Settle for the card or bank payment) or keep it as a credit; if the ${accounting} payment was entered by mistake, delete it there.`
      : `Nothing to do if the customer paid outside Settle. If it duplicates a Settle payment, delete it in ${accounting}.`,
  }),
  refunded_at_gateway_only: (d, { accounting, gatewayName, money, payment }) => ({
    explanation: `${payment} shows ${money(d.detail.expectedGatewayAmount)} kept, but ${money(d.detail.gatewayAmountRefunded)} of the charge ${d.gatewayChargeRef ?? ''} was refunded in the ${gatewayName} dashboard, so Settle and accounting still count money the customer got back.`,
    whatToDo: `A refund made in the ${gatewayName} dashboard does not reach Settle. Record it in ${accounting} by hand${d.accountingPaymentId ? ` (void or reduce payment ${d.accountingPaymentId})` : ''}, contact support to correct the payment in Settle, and refund through Settle from now on so that every side stays in step.`,
  }),
  reversal_missing_in_accounting: (d, { accounting, money, payment }) => {
    const failing = d.detail.syncStatus === 'failed';
    const waiting = d.detail.syncStatus === 'pending';
    const partial = !failing && !waiting;
    return {
      explanation: partial
        ? `${payment} was partly refunded in Settle (${money(d.detail.settleAmountRefunded)}) after it was recorded in ${accounting}, so ${accounting} payment ${d.accountingPaymentId ?? ''} still shows ${money(d.accountingAmount)} where ${money(d.settleAmount)} was kept.`
        : `${payment} was refunded or returned in Settle, but ${accounting} payment ${d.accountingPaymentId ?? ''} still shows ${money(d.accountingAmount)}: ${waiting ? 'Settle has not voided it there yet (it will on its next push).' : `voiding it there failed${causeText(d)}.`}`,
      whatToDo: partial
        ? `Record the refund in ${accounting} by hand (a refund receipt of ${money(d.detail.settleAmountRefunded)} for the customer), or reduce payment ${d.accountingPaymentId ?? ''}.`
        : waiting
          ? 'Nothing yet: Settle voids it on its next push and retries by itself.'
          : `${RESOLVE_FAILING} You can also void payment ${d.accountingPaymentId ?? ''} in ${accounting} by hand and Dismiss Syncing.`,
    };
  },
  sync_failed: (d, { accounting, money, payment }) => ({
    explanation: `${payment} (${money(d.settleAmount)}) is not in ${accounting}: ${accounting} refused it${causeText(d)}.`,
    whatToDo: `${causeWhatToDo(d)} ${RESOLVE_FAILING}`.trim(),
  }),
};

function causeText(d: ReconciliationDifference): string {
  const cause = d.detail.syncCause;
  if (!isAccountingSyncCause(cause)) return d.detail.syncError ? ` (${d.detail.syncError})` : '';
  const happened = ACCOUNTING_SYNC_CAUSE_WORDS[cause].happened;
  return `. ${happened.replace(/\.$/, '')}`;
}

function causeWhatToDo(d: ReconciliationDifference): string {
  const cause = d.detail.syncCause;
  return isAccountingSyncCause(cause) ? ACCOUNTING_SYNC_CAUSE_WORDS[cause].whatToDo : '';
}

/**
 * A difference in billing staff's words: what differs and why, and what to do. The API builds them
 * so that the admin screen and integrators read the same sentences.
 */
export function differenceWords(
  d: ReconciliationDifference,
  sources: { accounting: string | null; gateway: 'stripe' | 'sandbox' },
): DifferenceWords {
  const ctx: WordsContext = {
    accounting: sources.accounting ?? 'the accounting package',
    gatewayName: sources.gateway === 'stripe' ? 'Stripe' : 'the sandbox gateway',
    money: (amount) =>
      amount === null || amount === undefined ? 'nothing' : formatAmount(amount, d.currency),
    payment: d.detail.paymentReference
      ? `Settle payment ${d.detail.paymentReference}`
      : 'The payment',
  };
  const words = WORDS[d.kind](d, ctx);
  const also = (d.detail.also ?? []).filter((k) => k !== d.kind);
  if (also.length === 0) return words;
  const more = also.map((k) => WORDS[k](d, ctx));
  return {
    explanation: [words.explanation, ...more.map((m) => `Also: ${m.explanation}`)].join(' '),
    whatToDo: [words.whatToDo, ...more.map((m) => m.whatToDo)].join(' '),
  };
}
