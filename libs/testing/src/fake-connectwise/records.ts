/**
 * ConnectWise Manage records as the API returns them (integrations.md 1.5): field names from the
 * published models, values made up. Builders fill what a caller leaves out.
 */

export type CwResource = 'companies' | 'contacts' | 'invoices';

export interface CwReference {
  id: number;
  name?: string;
  identifier?: string;
}

export interface CwInfo {
  lastUpdated: string;
  updatedBy: string;
}

export interface CwCompany {
  id: number;
  identifier: string;
  name: string;
  status: { id: number; name: string };
  types: { id: number; name: string }[];
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  country: { id: number; name: string } | null;
  phoneNumber: string | null;
  website: string | null;
  accountNumber: string | null;
  deletedFlag: boolean;
  dateDeleted: string | null;
  _info: CwInfo;
}

export interface CwCommunicationItem {
  id: number;
  type: { id: number; name: string };
  value: string;
  defaultFlag: boolean;
  communicationType: 'Email' | 'Phone' | 'Fax';
  domain?: string;
}

export interface CwContact {
  id: number;
  firstName: string;
  lastName: string | null;
  company: CwReference | null;
  title: string | null;
  inactiveFlag: boolean;
  defaultFlag: boolean;
  defaultBillingFlag: boolean;
  communicationItems: CwCommunicationItem[];
  types: { id: number; name: string }[];
  _info: CwInfo;
}

export interface CwInvoice {
  id: number;
  invoiceNumber: string;
  type: 'Agreement' | 'CreditMemo' | 'DownPayment' | 'Miscellaneous' | 'Progress' | 'Standard';
  status: { id: number; name: string; isClosed: boolean };
  company: CwReference;
  billToCompany: CwReference;
  billingTerms: { id: number; name: string } | null;
  customerPO: string | null;
  date: string;
  dueDate: string;
  currency: { id: number; currencyCode: string };
  subtotal: number;
  salesTax: number;
  total: number;
  payments: number;
  credits: number;
  balance: number;
  _info: CwInfo;
}

export interface CwRecordTypes {
  companies: CwCompany;
  contacts: CwContact;
  invoices: CwInvoice;
}

export function buildCompany(
  input: Partial<CwCompany> & { id: number },
  lastUpdated: string,
): CwCompany {
  return {
    accountNumber: null,
    addressLine1: null,
    addressLine2: null,
    city: null,
    country: null,
    dateDeleted: null,
    deletedFlag: false,
    identifier: `Company${input.id}`,
    name: `Company ${input.id}`,
    phoneNumber: null,
    state: null,
    status: { id: 1, name: 'Active' },
    types: [{ id: 1, name: 'Client' }],
    website: null,
    zip: null,
    ...input,
    _info: { lastUpdated, updatedBy: 'fakeuser' },
  };
}

export function buildContact(
  input: Partial<CwContact> & { id: number },
  lastUpdated: string,
): CwContact {
  return {
    communicationItems: [],
    company: null,
    defaultBillingFlag: false,
    defaultFlag: false,
    firstName: `Contact${input.id}`,
    inactiveFlag: false,
    lastName: null,
    title: null,
    types: [],
    ...input,
    _info: { lastUpdated, updatedBy: 'fakeuser' },
  };
}

export function buildInvoice(
  input: Partial<CwInvoice> & { id: number; company: CwReference },
  lastUpdated: string,
): CwInvoice {
  const total = input.total ?? 100;
  return {
    balance: total,
    billToCompany: input.company,
    billingTerms: { id: 1, name: 'Net 30 days' },
    credits: 0,
    currency: { currencyCode: 'USD', id: 7 },
    customerPO: null,
    date: '2026-01-01T00:00:00Z',
    dueDate: '2026-01-31T00:00:00Z',
    invoiceNumber: `INV-${input.id}`,
    payments: 0,
    salesTax: 0,
    status: { id: 3, isClosed: false, name: 'Sent' },
    subtotal: total,
    total,
    type: 'Standard',
    ...input,
    _info: { lastUpdated, updatedBy: 'fakeuser' },
  };
}

/** A small valid one-page PDF (what `…/invoices/{id}/pdf` answers). */
export function invoicePdf(invoiceNumber: string): Buffer {
  const text = `Invoice ${invoiceNumber.replace(/[()\\]/g, '')}`;
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
