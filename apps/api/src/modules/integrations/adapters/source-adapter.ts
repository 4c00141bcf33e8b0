/**
 * What the sync engine needs from a kind of source system. An adapter maps the source's records
 * into these shapes (money in minor units, dates as YYYY-MM-DD) and never touches the database.
 */

export type SourceRecordType = 'company' | 'contact' | 'invoice';

export interface SourceCompany {
  externalId: string;
  name: string;
  /** Other names it goes by (a QuickBooks customer's CompanyName), for matching organizations. */
  otherNames?: string[];
  /** Hide rules match on these (e.g. type "Vendor", status "Inactive"). */
  types: string[];
  status: string | null;
  /** The source says it is deleted (a company's deletedFlag). */
  deleted: boolean;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  phone: string | null;
}

export interface SourceContact {
  externalId: string;
  companyExternalId: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  inactive: boolean;
}

export interface SourceInvoice {
  externalId: string;
  companyExternalId: string;
  number: string;
  /** Credit memos are credits, not negative invoices; the engine leaves them to the credits side. */
  creditMemo: boolean;
  /**
   * A credit that is a payment left unapplied in the accounting package (money on account), not
   * a credit memo: its id there. Its `sourceBalance` is what is still unapplied.
   */
  unappliedPayment?: { id: string };
  issueDate: string;
  dueDate: string;
  currency: string;
  total: number;
  sourceBalance: number;
  closed: boolean;
  /** The source voided it (QuickBooks keeps a voided invoice at zero): void in Settle too. */
  voided?: boolean;
  terms: string | null;
  poNumber: string | null;
}

export interface SourceRecordTypes {
  company: SourceCompany;
  contact: SourceContact;
  invoice: SourceInvoice;
}

export interface SourceRecord<T extends SourceRecordType> {
  record: SourceRecordTypes[T];
  /** The source's last-changed stamp (ISO), the incremental cursor. */
  updatedAt: string | null;
}

/** A page of records in id order; `ids` only (no records) when listing ids to find deletions. */
export interface SourcePage<T extends SourceRecordType> {
  records: SourceRecord<T>[];
  /** Ids the source reports deleted (QuickBooks' CDC): marked deleted, invoices voided. */
  deletedIds?: string[];
  /**
   * Where the next incremental run starts, when the source says so (CDC's server time); without
   * it the newest `updatedAt` seen is the cursor.
   */
  cursor?: string;
}

/** A document the source holds (an invoice's PDF), streamed from it. */
export interface SourceDocument {
  body: ReadableStream<Uint8Array>;
  contentType: string | null;
  length: number | null;
}

/** The source refused our credentials or permissions: staff must fix the integration. */
export class SourceAuthError extends Error {}

/** The source answered with something else we cannot go on from. */
export class SourceError extends Error {}

export interface SourceAdapter {
  /** Proves the settings and credentials work; throws SourceAuthError / SourceError with the source's words. */
  test(): Promise<{ version: string | null; company?: string }>;
  /** Records changed since the cursor (all of them when `since` is null), page by page in id order. */
  pages<T extends SourceRecordType>(type: T, since: string | null): AsyncGenerator<SourcePage<T>>;
  /** Every id the source still has for the type, page by page. */
  ids(type: SourceRecordType): AsyncGenerator<string[]>;
  /** The invoice's PDF as the source renders it, or null when the source has no such invoice. */
  invoicePdf(externalId: string): Promise<SourceDocument | null>;
  /** One record, or null when the source no longer has it. */
  one<T extends SourceRecordType>(type: T, externalId: string): Promise<SourceRecord<T> | null>;
}
