/**
 * A local fake of QuickBooks Online for tests, the demo and the bench (integrations.md 2 and
 * 6.2): OAuth 2.0 with single-use codes and rotating refresh tokens, the v3 query subset, CDC,
 * entity reads, PDFs, payments applied to invoices, `requestid` replay, the Fault envelopes,
 * a concurrency cap, and a control API for edits, deletions, the clock and each failure
 * scenario (in process, or over `/__fake/*` from another process).
 */
export {
  faultBody,
  platformFaultBody,
  scenarioFault,
  type QboFault,
  type QboScenario,
} from './faults';
export type {
  QboAccount,
  QboCreditMemo,
  QboCustomer,
  QboDeleted,
  QboEntity,
  QboInput,
  QboInvoice,
  QboLine,
  QboLinkedTxn,
  QboPayment,
  QboPaymentMethod,
  QboRecordTypes,
  QboRef,
} from './records';
export { DEMO_QUICKBOOKS, startDemoQuickBooks } from './demo';
export {
  startFakeQuickBooks,
  type FakeQuickBooks,
  type FakeQuickBooksCompany,
  type FakeQuickBooksOptions,
  type FakeQuickBooksRequest,
  type FakeQuickBooksTokens,
  type QboFaultMatch,
} from './server';
