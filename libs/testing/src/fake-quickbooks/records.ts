/**
 * QuickBooks Online entities as the v3 API returns them (integrations.md 2.5): field names from
 * the published schemas, values made up. Builders fill what a caller leaves out; money is in
 * decimal dollars as QuickBooks sends it, never cents.
 */

export type QboEntity =
  'Account' | 'CreditMemo' | 'Customer' | 'Invoice' | 'Payment' | 'PaymentMethod';

export const QBO_ENTITIES: readonly QboEntity[] = [
  'Account',
  'CreditMemo',
  'Customer',
  'Invoice',
  'Payment',
  'PaymentMethod',
];

export interface QboRef {
  value: string;
  name?: string;
}

export interface QboMetaData {
  CreateTime: string;
  LastUpdatedTime: string;
}

interface QboBase {
  Id: string;
  SyncToken: string;
  domain: 'QBO';
  sparse: false;
  MetaData: QboMetaData;
}

export interface QboCustomer extends QboBase {
  DisplayName: string;
  CompanyName?: string;
  GivenName?: string;
  FamilyName?: string;
  PrimaryEmailAddr?: { Address: string };
  PrimaryPhone?: { FreeFormNumber: string };
  BillAddr?: {
    Line1?: string;
    City?: string;
    CountrySubDivisionCode?: string;
    PostalCode?: string;
  };
  Balance: number;
  BalanceWithJobs: number;
  Active: boolean;
  Job: boolean;
  ParentRef?: QboRef;
  SalesTermRef?: QboRef;
  CurrencyRef: QboRef;
}

export interface QboLinkedTxn {
  TxnId: string;
  TxnType: string;
}

export interface QboLine {
  Id?: string;
  LineNum?: number;
  Amount: number;
  DetailType?: string;
  LinkedTxn?: QboLinkedTxn[];
  [detail: string]: unknown;
}

export interface QboInvoice extends QboBase {
  DocNumber: string;
  TxnDate: string;
  DueDate: string;
  CustomerRef: QboRef;
  TotalAmt: number;
  Balance: number;
  Deposit: number;
  Line: QboLine[];
  LinkedTxn: QboLinkedTxn[];
  SalesTermRef?: QboRef;
  CurrencyRef: QboRef;
  BillEmail?: { Address: string };
  EmailStatus: string;
  PrintStatus: string;
  PrivateNote?: string;
  TxnTaxDetail: { TotalTax: number };
}

export interface QboCreditMemo extends QboBase {
  DocNumber: string;
  TxnDate: string;
  CustomerRef: QboRef;
  TotalAmt: number;
  Balance: number;
  RemainingCredit: number;
  Line: QboLine[];
  CurrencyRef: QboRef;
  PrivateNote?: string;
}

export interface QboPayment extends QboBase {
  TxnDate: string;
  CustomerRef: QboRef;
  TotalAmt: number;
  UnappliedAmt: number;
  ProcessPayment: boolean;
  Line: QboLine[];
  PaymentRefNum?: string;
  PrivateNote?: string;
  PaymentMethodRef?: QboRef;
  DepositToAccountRef?: QboRef;
  CurrencyRef: QboRef;
  TxnStatus?: string;
}

export interface QboPaymentMethod extends QboBase {
  Name: string;
  Active: boolean;
  Type: 'CREDIT_CARD' | 'NON_CREDIT_CARD';
}

export interface QboAccount extends QboBase {
  Name: string;
  Active: boolean;
  AccountType: string;
  AccountSubType: string;
  Classification: string;
  CurrentBalance: number;
}

export interface QboRecordTypes {
  Account: QboAccount;
  CreditMemo: QboCreditMemo;
  Customer: QboCustomer;
  Invoice: QboInvoice;
  Payment: QboPayment;
  PaymentMethod: QboPaymentMethod;
}

/** What CDC answers for a record deleted since the cursor (shape uncertain, integrations.md 2.4). */
export interface QboDeleted {
  Id: string;
  status: 'Deleted';
  domain: 'QBO';
  MetaData: { LastUpdatedTime: string };
}

const USD: QboRef = { name: 'United States Dollar', value: 'USD' };

/** Cents-safe rounding of a dollar amount (QuickBooks keeps two decimals). */
export function dollars(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * A QuickBooks timestamp on the fake clock: seconds precision with a fixed Pacific offset, as the
 * Intuit samples show (`2015-07-24T10:35:08-07:00`).
 */
export function qboTime(ms: number, withMillis = false): string {
  const shifted = new Date(ms - 8 * 3600_000).toISOString();
  return `${withMillis ? shifted.slice(0, 23) : shifted.slice(0, 19)}-08:00`;
}

/** A record's fields as a caller may give them: any of them, the bookkeeping ones filled in. */
export type QboInput<E extends QboEntity> = Partial<Omit<QboRecordTypes[E], 'domain' | 'sparse'>>;

export function buildRecord<E extends QboEntity>(
  entity: E,
  input: QboInput<E> & { Id: string },
  stamp: string,
): QboRecordTypes[E] {
  const base = {
    MetaData: { CreateTime: stamp, LastUpdatedTime: stamp },
    SyncToken: '0',
    domain: 'QBO' as const,
    sparse: false as const,
  };
  const id = input.Id;
  switch (entity) {
    case 'Customer':
      return {
        ...base,
        Active: true,
        Balance: 0,
        BalanceWithJobs: 0,
        CurrencyRef: USD,
        DisplayName: `Customer ${id}`,
        Job: false,
        ...(input as QboInput<'Customer'>),
      } as QboRecordTypes[E];
    case 'Invoice': {
      const total = (input as QboInput<'Invoice'>).TotalAmt ?? 100;
      return {
        ...base,
        Balance: total,
        CurrencyRef: USD,
        CustomerRef: { value: '1' },
        Deposit: 0,
        DocNumber: String(1000 + Number(id)),
        DueDate: '2026-01-31',
        EmailStatus: 'NotSet',
        Line: [
          {
            Amount: total,
            DetailType: 'SalesItemLineDetail',
            Id: '1',
            LineNum: 1,
            SalesItemLineDetail: { ItemRef: { name: 'Services', value: '1' } },
          },
          { Amount: total, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
        ],
        LinkedTxn: [],
        PrintStatus: 'NeedToPrint',
        TotalAmt: total,
        TxnDate: '2026-01-01',
        TxnTaxDetail: { TotalTax: 0 },
        ...(input as QboInput<'Invoice'>),
      } as QboRecordTypes[E];
    }
    case 'CreditMemo': {
      const total = (input as QboInput<'CreditMemo'>).TotalAmt ?? 25;
      return {
        ...base,
        Balance: total,
        CurrencyRef: USD,
        CustomerRef: { value: '1' },
        DocNumber: `CM-${id}`,
        Line: [{ Amount: total, DetailType: 'SalesItemLineDetail', Id: '1', LineNum: 1 }],
        RemainingCredit: total,
        TotalAmt: total,
        TxnDate: '2026-01-01',
        ...(input as QboInput<'CreditMemo'>),
      } as QboRecordTypes[E];
    }
    case 'Payment': {
      const total = (input as QboInput<'Payment'>).TotalAmt ?? 0;
      return {
        ...base,
        CurrencyRef: USD,
        CustomerRef: { value: '1' },
        Line: [],
        ProcessPayment: false,
        TotalAmt: total,
        TxnDate: '2026-01-01',
        UnappliedAmt: total,
        ...(input as QboInput<'Payment'>),
      } as QboRecordTypes[E];
    }
    case 'PaymentMethod':
      return {
        ...base,
        Active: true,
        Name: `Method ${id}`,
        Type: 'NON_CREDIT_CARD',
        ...(input as QboInput<'PaymentMethod'>),
      } as QboRecordTypes[E];
    case 'Account':
      return {
        ...base,
        AccountSubType: 'Checking',
        AccountType: 'Bank',
        Active: true,
        Classification: 'Asset',
        CurrentBalance: 0,
        Name: `Account ${id}`,
        ...(input as QboInput<'Account'>),
      } as QboRecordTypes[E];
  }
  throw new Error(`Unknown QuickBooks entity ${String(entity)}`);
}

/**
 * What every new company file has: the Undeposited Funds account payments land in by default, a
 * bank account, and the usual payment methods (ids as in Intuit's sandbox companies).
 */
export const STANDARD_RECORDS: { [E in QboEntity]?: QboInput<E>[] } = {
  Account: [
    {
      AccountSubType: 'UndepositedFunds',
      AccountType: 'Other Current Asset',
      Id: '4',
      Name: 'Undeposited Funds',
    },
    { AccountSubType: 'Checking', AccountType: 'Bank', Id: '35', Name: 'Checking' },
  ],
  PaymentMethod: [
    { Id: '1', Name: 'Cash', Type: 'NON_CREDIT_CARD' },
    { Id: '2', Name: 'Check', Type: 'NON_CREDIT_CARD' },
    { Id: '3', Name: 'Visa', Type: 'CREDIT_CARD' },
    { Id: '4', Name: 'MasterCard', Type: 'CREDIT_CARD' },
  ],
};
