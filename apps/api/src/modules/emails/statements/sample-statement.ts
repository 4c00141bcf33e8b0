import { StatementDocument } from '../templates';

/**
 * A statement with current and past-due invoices, for previews and tests.
 * @public
 */
export const SAMPLE_STATEMENT_DOCUMENT: StatementDocument = {
  aging: [
    { amount: '$4,375.50', label: 'Current' },
    { amount: '$1,240.00', label: '1–30 days' },
    { amount: '$600.00', label: '31–60 days' },
    { amount: '$0.00', label: '61–90 days' },
    { amount: '$0.00', label: '90+ days' },
  ],
  asOf: 'Dec 1, 2026',
  branding: { accentColor: '#2563eb', logoDataUrl: null, mspName: 'Northwind IT' },
  currency: 'USD',
  invoices: [
    {
      daysPastDue: 45,
      dueDate: 'Oct 17, 2026',
      invoiceDate: 'Sep 17, 2026',
      number: 'INV-10311',
      openBalance: '$600.00',
      total: '$1,850.00',
    },
    {
      daysPastDue: 14,
      dueDate: 'Nov 17, 2026',
      invoiceDate: 'Oct 18, 2026',
      number: 'INV-10398',
      openBalance: '$1,240.00',
      total: '$1,240.00',
    },
    {
      daysPastDue: 0,
      dueDate: 'Dec 5, 2026',
      invoiceDate: 'Nov 5, 2026',
      number: 'INV-10452',
      openBalance: '$500.00',
      total: '$500.00',
    },
    {
      daysPastDue: 0,
      dueDate: 'Dec 15, 2026',
      invoiceDate: 'Nov 15, 2026',
      number: 'INV-10460',
      openBalance: '$2,000.50',
      total: '$2,000.50',
    },
    {
      daysPastDue: 0,
      dueDate: 'Dec 31, 2026',
      invoiceDate: 'Dec 1, 2026',
      number: 'INV-10471',
      openBalance: '$1,875.00',
      total: '$1,875.00',
    },
  ],
  organizationName: 'Contoso Dental',
  pastDue: '$1,840.00',
  portalUrl: 'http://localhost:3000/portal/invoices',
  totalDue: '$6,215.50',
};
