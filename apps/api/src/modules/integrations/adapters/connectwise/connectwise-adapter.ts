import { fromDecimalNumber } from '@settle/domain';
import {
  SourceAdapter,
  SourceCompany,
  SourceDocument,
  SourceContact,
  SourceInvoice,
  SourcePage,
  SourceRecord,
  SourceRecordType,
  SourceRecordTypes,
} from '../source-adapter';
import { ConnectWiseClient } from './connectwise-client';

/** The fields of ConnectWise Manage records we read (integrations.md 1.5). */
interface CwInfo {
  lastUpdated?: string;
}
interface CwCompany {
  id: number;
  name: string;
  status?: { name?: string } | null;
  types?: { name?: string }[] | null;
  deletedFlag?: boolean;
  addressLine1?: string | null;
  addressLine2?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  phoneNumber?: string | null;
  _info?: CwInfo;
}
interface CwContact {
  id: number;
  firstName?: string | null;
  lastName?: string | null;
  company?: { id: number } | null;
  inactiveFlag?: boolean;
  communicationItems?: { communicationType?: string; value?: string; defaultFlag?: boolean }[];
  _info?: CwInfo;
}
interface CwInvoice {
  id: number;
  invoiceNumber: string;
  type?: string;
  status?: { isClosed?: boolean } | null;
  company?: { id: number } | null;
  billToCompany?: { id: number } | null;
  billingTerms?: { name?: string } | null;
  customerPO?: string | null;
  date?: string | null;
  dueDate?: string | null;
  currency?: { currencyCode?: string } | null;
  total?: number;
  balance?: number;
  _info?: CwInfo;
}

const PATHS: Record<SourceRecordType, string> = {
  company: 'company/companies',
  contact: 'company/contacts',
  invoice: 'finance/invoices',
};

/**
 * What a sync asks ConnectWise for (`fields`, a nested one as `parent/child`): only what toRecord
 * reads. A ConnectWise record has dozens of fields more (an invoice's taxes, its lines' totals,
 * references with their names and hrefs); reading, parsing and holding all of them for 100,000
 * invoices was most of what a sync did in this process.
 */
const FIELDS: Record<SourceRecordType, string> = {
  company:
    'id,name,status/name,types,deletedFlag,addressLine1,addressLine2,city,state,zip,phoneNumber,_info/lastUpdated',
  contact: 'id,firstName,lastName,company/id,inactiveFlag,communicationItems,_info/lastUpdated',
  invoice:
    'id,invoiceNumber,type,status/isClosed,company/id,billToCompany/id,billingTerms/name,customerPO,' +
    'date,dueDate,currency/currencyCode,total,balance,_info/lastUpdated',
};

/** ConnectWise Manage as a source: companies, contacts and invoices, in id order. */
export class ConnectWiseAdapter implements SourceAdapter {
  constructor(private readonly client: ConnectWiseClient) {}

  async test(): Promise<{ version: string | null }> {
    const info = await this.client.get<{ version?: string }>('system/info');
    return { version: info?.version ?? null };
  }

  async *pages<T extends SourceRecordType>(
    type: T,
    since: string | null,
  ): AsyncGenerator<SourcePage<T>> {
    // `>=`: stamps have whole seconds, and a record changed in the cursor's second must not be lost;
    // seeing it again costs nothing, since an unchanged record is not written.
    const query: Record<string, string> = { fields: FIELDS[type], orderBy: 'id asc' };
    if (since) query.conditions = `lastUpdated >= [${since}]`;
    for await (const page of this.client.list<{ id: number; _info?: CwInfo }>(PATHS[type], query))
      yield { records: page.map((raw) => toRecord(type, raw)) };
  }

  async *ids(type: SourceRecordType): AsyncGenerator<string[]> {
    for await (const page of this.client.list<{ id: number }>(PATHS[type], { fields: 'id' }))
      yield page.map((raw) => String(raw.id));
  }

  invoicePdf(externalId: string): Promise<SourceDocument | null> {
    return this.client.document(`finance/invoices/${Number(externalId)}/pdf`, 'application/pdf');
  }

  async one<T extends SourceRecordType>(
    type: T,
    externalId: string,
  ): Promise<SourceRecord<T> | null> {
    const [found] = await this.client.get<{ id: number; _info?: CwInfo }[]>(PATHS[type], {
      conditions: `id = ${Number(externalId)}`,
    });
    return found ? toRecord(type, found) : null;
  }
}

function toRecord<T extends SourceRecordType>(
  type: T,
  raw: { id: number; _info?: CwInfo },
): SourceRecord<T> {
  const record =
    type === 'company'
      ? toCompany(raw as CwCompany)
      : type === 'contact'
        ? toContact(raw as CwContact)
        : toInvoice(raw as CwInvoice);
  return { record: record as SourceRecordTypes[T], updatedAt: raw._info?.lastUpdated ?? null };
}

function text(value: string | null | undefined, max: number): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : null;
}

function toCompany(raw: CwCompany): SourceCompany {
  return {
    addressLine1: text(raw.addressLine1, 200),
    addressLine2: text(raw.addressLine2, 200),
    city: text(raw.city, 120),
    deleted: raw.deletedFlag === true,
    externalId: String(raw.id),
    name: text(raw.name, 200) ?? `Company ${raw.id}`,
    phone: text(raw.phoneNumber, 40),
    postalCode: text(raw.zip, 20),
    region: text(raw.state, 120),
    status: raw.status?.name ?? null,
    types: (raw.types ?? []).map((t) => t.name ?? '').filter(Boolean),
  };
}

function toContact(raw: CwContact): SourceContact {
  const items = raw.communicationItems ?? [];
  const pick = (kind: string) =>
    items.find((i) => i.communicationType === kind && i.defaultFlag)?.value ??
    items.find((i) => i.communicationType === kind)?.value ??
    null;
  return {
    companyExternalId: raw.company ? String(raw.company.id) : null,
    email: text(pick('Email')?.toLowerCase(), 254),
    externalId: String(raw.id),
    firstName: text(raw.firstName, 100) ?? '',
    inactive: raw.inactiveFlag === true,
    lastName: text(raw.lastName, 100) ?? '',
    phone: text(pick('Phone'), 40),
  };
}

/** ConnectWise money is a float of major units; Settle keeps integer minor units. */
function toInvoice(raw: CwInvoice): SourceInvoice {
  const issueDate = (raw.date ?? '').slice(0, 10);
  const currency = (raw.currency?.currencyCode ?? 'USD').toUpperCase();
  const total = fromDecimalNumber(raw.total ?? 0, currency);
  return {
    closed: raw.status?.isClosed === true,
    companyExternalId: String(raw.billToCompany?.id ?? raw.company?.id ?? ''),
    creditMemo: raw.type === 'CreditMemo' || total < 0,
    currency,
    dueDate: (raw.dueDate ?? raw.date ?? '').slice(0, 10) || issueDate,
    externalId: String(raw.id),
    issueDate,
    number: text(raw.invoiceNumber, 60) ?? String(raw.id),
    poNumber: text(raw.customerPO, 60),
    sourceBalance: Math.min(total, Math.max(0, fromDecimalNumber(raw.balance ?? 0, currency))),
    terms: text(raw.billingTerms?.name, 60),
    total,
  };
}
