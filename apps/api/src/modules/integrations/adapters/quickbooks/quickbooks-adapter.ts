import { fromDecimalNumber } from '@settle/domain';

import {
  SourceAdapter,
  SourceCompany,
  SourceContact,
  SourceDocument,
  SourceInvoice,
  SourcePage,
  SourceRecord,
  SourceRecordType,
  SourceRecordTypes,
} from '../source-adapter';
import { QuickBooksApiError, QuickBooksClient, QuickBooksEntity } from './quickbooks-client';
import { PAYMENT_PREFIX, paymentAsCredit } from './quickbooks-unapplied-payments';

/** CDC looks back 30 days at most; an older cursor (with a day's margin) means a full query. */
const CDC_LOOKBACK_MS = 29 * 24 * 3600_000;
/** Credit memos share the invoice record type; their ids carry this prefix (QuickBooks ids are per entity). */
const CREDIT_MEMO_PREFIX = 'CreditMemo-';

interface QboRef {
  value?: string;
  name?: string;
}

interface QboMeta {
  MetaData?: { LastUpdatedTime?: string };
}

interface QboAddress {
  Line1?: string;
  Line2?: string;
  City?: string;
  CountrySubDivisionCode?: string;
  PostalCode?: string;
}

interface QboCustomer extends QboMeta {
  Id: string;
  DisplayName?: string;
  CompanyName?: string;
  GivenName?: string;
  FamilyName?: string;
  PrimaryEmailAddr?: { Address?: string };
  PrimaryPhone?: { FreeFormNumber?: string };
  BillAddr?: QboAddress;
  Active?: boolean;
  Job?: boolean;
  status?: string;
}

interface QboTransaction extends QboMeta {
  Id: string;
  DocNumber?: string;
  TxnDate?: string;
  DueDate?: string;
  CustomerRef?: QboRef;
  CurrencyRef?: QboRef;
  TotalAmt?: number;
  Balance?: number;
  RemainingCredit?: number;
  PrivateNote?: string;
  SalesTermRef?: QboRef;
  status?: string;
}

type QboRecord = QboCustomer | QboTransaction;

export interface QuickBooksAdapterOptions {
  /** Objects one CDC answer holds at most (1,000): a full answer is asked again from its last change. */
  cdcMaxObjects: number;
  now: () => number;
}

const DEFAULTS: QuickBooksAdapterOptions = {
  cdcMaxObjects: 1000,
  now: () => Date.now(),
};

/**
 * QuickBooks Online as a sync source (integrations.md 2): customers are companies and, through
 * their primary contact fields, contacts; invoices and credit memos are invoices (the accounting
 * Balance is the source balance). Changes come by CDC from the cursor (paged when an answer is
 * full), deletions with them; without a cursor, or one older than CDC's 30 days, by a full query.
 */
export class QuickBooksAdapter implements SourceAdapter {
  private readonly options: QuickBooksAdapterOptions;

  constructor(
    private readonly client: QuickBooksClient,
    options: Partial<QuickBooksAdapterOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  async test(): Promise<{ version: string | null; company?: string }> {
    const info = await this.client.companyInfo();
    return { company: info.CompanyName, version: null };
  }

  async *pages<T extends SourceRecordType>(
    type: T,
    since: string | null,
  ): AsyncGenerator<SourcePage<T>> {
    const entities = entitiesOf(type);
    const sinceMs = since ? Date.parse(since) : NaN;
    if (Number.isNaN(sinceMs) || this.options.now() - sinceMs > CDC_LOOKBACK_MS) {
      for (const entity of entities)
        for await (const rows of this.client.select<QboRecord>(entity))
          yield { records: recordsOf(type, entity, rows) };
      return;
    }
    // LastUpdatedTime has whole seconds while the cursor (the server's time) has milliseconds: a
    // change in the cursor's own second would look older than it. Ask from a second earlier
    // (what is read twice is written as unchanged).
    yield* this.changes(type, entities, new Date(sinceMs - 1000).toISOString());
  }

  /**
   * CDC from `since`. An answer holds the oldest changes first and at most so many (1,000), so
   * every answer with news is followed by another from just before its newest change, until one
   * brings nothing new; its server time is the next cursor.
   */
  private async *changes<T extends SourceRecordType>(
    type: T,
    entities: QuickBooksEntity[],
    since: string,
  ): AsyncGenerator<SourcePage<T>> {
    const seen = new Set<string>();
    let from = since;
    for (;;) {
      const { changes, time } = await this.client.cdc(entities, from);
      const records: SourceRecord<T>[] = [];
      const deletedIds: string[] = [];
      let count = 0;
      let fresh = 0;
      let newest = -Infinity;
      for (const entity of entities)
        for (const row of (changes[entity] ?? []) as unknown as QboRecord[]) {
          count++;
          const updated = row.MetaData?.LastUpdatedTime ?? '';
          newest = Math.max(newest, Date.parse(updated) || -Infinity);
          const key = `${entity}:${row.Id}:${updated}:${row.status ?? ''}`;
          if (seen.has(key)) continue;
          seen.add(key);
          fresh++;
          const record = row.status === 'Deleted' ? 'gone' : toRecord(type, entity, row);
          if (record === 'gone') deletedIds.push(externalIdOf(entity, row.Id));
          else if (record !== 'settle') records.push(record);
        }
      const next = new Date(newest - 1);
      // Settle's own payments are news too (read, then left out): the next answer starts after them.
      const news = fresh > 0;
      if (news && Number.isFinite(newest) && next.getTime() > Date.parse(from)) {
        yield { deletedIds, records };
        from = next.toISOString();
        continue;
      }
      if (count >= this.options.cdcMaxObjects && !news) {
        // More changes in one second than an answer holds: read everything instead.
        for (const entity of entities)
          for await (const rows of this.client.select<QboRecord>(entity))
            yield { records: recordsOf(type, entity, rows) };
      }
      yield { cursor: time, deletedIds, records };
      return;
    }
  }

  async *ids(type: SourceRecordType): AsyncGenerator<string[]> {
    for (const entity of entitiesOf(type))
      for await (const rows of this.client.select<QboRecord>(entity))
        // a payment is listed only while it is a credit: an applied one's credit is gone
        yield recordsOf(type, entity, rows).map(({ record }) => record.externalId);
  }

  async invoicePdf(externalId: string): Promise<SourceDocument | null> {
    const [entity, id] = entityOfInvoice(externalId);
    if (entity === 'Payment') return null;
    try {
      const bytes = await this.client.pdf(entity, id);
      return {
        body: new Blob([new Uint8Array(bytes)]).stream(),
        contentType: 'application/pdf',
        length: bytes.length,
      };
    } catch (error) {
      if (error instanceof QuickBooksApiError && error.fault.code === '610') return null;
      throw error;
    }
  }

  async one<T extends SourceRecordType>(
    type: T,
    externalId: string,
  ): Promise<SourceRecord<T> | null> {
    const [entity, id] =
      type === 'invoice' ? entityOfInvoice(externalId) : ['Customer', externalId];
    try {
      const row = await this.client.get<QboRecord>(entity as QuickBooksEntity, id);
      const record = toRecord(type, entity as QuickBooksEntity, row);
      return typeof record === 'string' ? null : record;
    } catch (error) {
      if (error instanceof QuickBooksApiError && error.fault.code === '610') return null;
      throw error;
    }
  }
}

/** Invoices, credit memos and payments (those unapplied are credits) make the invoice type. */
function entitiesOf(type: SourceRecordType): QuickBooksEntity[] {
  return type === 'invoice' ? ['Invoice', 'CreditMemo', 'Payment'] : ['Customer'];
}

function externalIdOf(entity: QuickBooksEntity, id: string): string {
  if (entity === 'CreditMemo') return `${CREDIT_MEMO_PREFIX}${id}`;
  if (entity === 'Payment') return `${PAYMENT_PREFIX}${id}`;
  return String(id);
}

function entityOfInvoice(externalId: string): ['CreditMemo' | 'Invoice' | 'Payment', string] {
  if (externalId.startsWith(CREDIT_MEMO_PREFIX))
    return ['CreditMemo', externalId.slice(CREDIT_MEMO_PREFIX.length)];
  if (externalId.startsWith(PAYMENT_PREFIX))
    return ['Payment', externalId.slice(PAYMENT_PREFIX.length)];
  return ['Invoice', externalId];
}

/** A page's records: payments only while they are credits. */
function recordsOf<T extends SourceRecordType>(
  type: T,
  entity: QuickBooksEntity,
  rows: QboRecord[],
): SourceRecord<T>[] {
  return rows.flatMap((row) => {
    const record = toRecord(type, entity, row);
    return typeof record === 'string' ? [] : [record];
  });
}

/** A row as a record; a payment that is no credit is `gone`, or `settle` when Settle pushed it. */
function toRecord<T extends SourceRecordType>(
  type: T,
  entity: QuickBooksEntity,
  row: QboRecord,
): SourceRecord<T> | 'gone' | 'settle' {
  if (entity === 'Payment') {
    const credit = paymentAsCredit(row);
    if (typeof credit === 'string') return credit;
    return {
      record: credit as SourceRecordTypes[T],
      updatedAt: row.MetaData?.LastUpdatedTime ?? null,
    };
  }
  const record =
    type === 'company'
      ? toCompany(row as QboCustomer)
      : type === 'contact'
        ? toContact(row as QboCustomer)
        : toInvoice(entity, row as QboTransaction);
  return {
    record: record as SourceRecordTypes[T],
    updatedAt: row.MetaData?.LastUpdatedTime ?? null,
  };
}

function text(value: string | null | undefined, max: number): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : null;
}

function toCompany(raw: QboCustomer): SourceCompany {
  const address = raw.BillAddr ?? {};
  return {
    addressLine1: text(address.Line1, 200),
    addressLine2: text(address.Line2, 200),
    city: text(address.City, 120),
    deleted: false,
    externalId: String(raw.Id),
    name: text(raw.DisplayName, 200) ?? text(raw.CompanyName, 200) ?? `Customer ${raw.Id}`,
    otherNames: [text(raw.CompanyName, 200)].filter((n): n is string => n !== null),
    phone: text(raw.PrimaryPhone?.FreeFormNumber, 40),
    postalCode: text(address.PostalCode, 20),
    region: text(address.CountrySubDivisionCode, 120),
    status: raw.Active === false ? 'Inactive' : 'Active',
    types: raw.Job ? ['Sub-customer'] : [],
  };
}

/** QuickBooks has no contacts: a customer's own name and email are its primary contact. */
function toContact(raw: QboCustomer): SourceContact {
  return {
    companyExternalId: String(raw.Id),
    email: text(raw.PrimaryEmailAddr?.Address?.toLowerCase(), 254),
    externalId: String(raw.Id),
    firstName: text(raw.GivenName, 100) ?? '',
    inactive: raw.Active === false,
    lastName: text(raw.FamilyName, 100) ?? '',
    phone: text(raw.PrimaryPhone?.FreeFormNumber, 40),
  };
}

/** QuickBooks money is a decimal of major units; Settle keeps integer minor units. */
function toInvoice(entity: QuickBooksEntity, raw: QboTransaction): SourceInvoice {
  const creditMemo = entity === 'CreditMemo';
  const currency = (raw.CurrencyRef?.value ?? 'USD').toUpperCase();
  const issueDate = (raw.TxnDate ?? '').slice(0, 10);
  const total = fromDecimalNumber(raw.TotalAmt ?? 0, currency);
  const balance = creditMemo ? (raw.RemainingCredit ?? raw.Balance ?? 0) : (raw.Balance ?? 0);
  // A voided invoice keeps its number at zero, with "Voided" in its private note.
  const voided = total === 0 && /^void/i.test(raw.PrivateNote?.trim() ?? '');
  return {
    closed: voided,
    companyExternalId: String(raw.CustomerRef?.value ?? ''),
    creditMemo,
    currency,
    dueDate: (raw.DueDate ?? '').slice(0, 10) || issueDate,
    externalId: externalIdOf(entity, raw.Id),
    issueDate,
    number: text(raw.DocNumber, 60) ?? String(raw.Id),
    poNumber: null,
    sourceBalance: Math.min(total, Math.max(0, fromDecimalNumber(balance, currency))),
    terms: text(raw.SalesTermRef?.name, 60),
    total,
    voided,
  };
}
