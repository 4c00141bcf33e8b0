/**
 * Seed 000's example, exactly: seven companies owing $20,383.33 over sixteen open invoices,
 * all past due. Amounts are minor units; `daysPastDue` keeps them past due whatever today is.
 */
export interface DemoInvoice {
  number: string;
  total: number;
  sourceBalance: number;
  daysPastDue: number;
  poNumber?: string;
}

export interface DemoOrganization {
  psaId: string;
  name: string;
  city: string;
  region: string;
  links: ('quickbooks' | 'sandbox')[];
  invoices: DemoInvoice[];
  paidInvoices: number;
  contacts: {
    firstName: string;
    lastName: string;
    email: string;
    profile: 'Billing Admin' | 'User' | null;
    notify?: boolean;
  }[];
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    city: 'Des Moines',
    contacts: [
      {
        email: 'ap@bngdesign.example',
        firstName: 'Bria',
        lastName: 'Nguyen',
        notify: true,
        profile: 'Billing Admin',
      },
    ],
    invoices: [{ daysPastDue: 48, number: 'INV-1001', sourceBalance: 574000, total: 574000 }],
    links: ['quickbooks', 'sandbox'],
    name: 'BNG Design',
    paidInvoices: 3,
    psaId: '19301',
    region: 'IA',
  },
  {
    city: 'Ames',
    contacts: [
      {
        email: 'billing@iowasports.example',
        firstName: 'Ike',
        lastName: 'Olsen',
        notify: true,
        profile: 'Billing Admin',
      },
      { email: 'coach@iowasports.example', firstName: 'Cora', lastName: 'Hart', profile: 'User' },
    ],
    invoices: [
      { daysPastDue: 95, number: 'INV-0991', sourceBalance: 120000, total: 120000 },
      { daysPastDue: 64, number: 'INV-1004', sourceBalance: 98000, total: 98000 },
      {
        daysPastDue: 40,
        number: 'INV-1012',
        sourceBalance: 145000,
        total: 145000,
        poNumber: 'PO-7781',
      },
      { daysPastDue: 21, number: 'INV-1020', sourceBalance: 110000, total: 110000 },
      { daysPastDue: 5, number: 'INV-1031', sourceBalance: 77800, total: 95000 },
    ],
    links: ['quickbooks', 'sandbox'],
    name: 'Iowa Sports Central',
    paidInvoices: 4,
    psaId: '19302',
    region: 'IA',
  },
  {
    city: 'Fargo',
    contacts: [
      {
        email: 'finance@xyztest.example',
        firstName: 'Xavier',
        lastName: 'Young',
        notify: true,
        profile: 'Billing Admin',
      },
    ],
    invoices: [
      { daysPastDue: 33, number: 'INV-1009', sourceBalance: 250000, total: 300000 },
      { daysPastDue: 12, number: 'INV-1025', sourceBalance: 129900, total: 129900 },
    ],
    links: ['quickbooks'],
    name: 'XYZ Test Company',
    paidInvoices: 2,
    psaId: '19303',
    region: 'ND',
  },
  {
    city: 'TestCity',
    contacts: [
      {
        email: 'demo@example.com',
        firstName: 'Demo',
        lastName: 'Owner',
        notify: true,
        profile: 'Billing Admin',
      },
      { email: 'gandalf@example.com', firstName: 'Gandalf', lastName: 'Grey', profile: 'User' },
      { email: 'frodo@example.com', firstName: 'Frodo', lastName: 'Baggins', profile: null },
    ],
    invoices: [
      { daysPastDue: 72, number: 'INV-0998', sourceBalance: 100000, total: 100000 },
      { daysPastDue: 44, number: 'INV-1010', sourceBalance: 75000, total: 75000 },
      {
        daysPastDue: 14,
        number: 'INV-1022',
        sourceBalance: 62500,
        total: 62500,
        poNumber: 'PO-1138',
      },
      { daysPastDue: 2, number: 'INV-1033', sourceBalance: 62800, total: 62800 },
    ],
    links: ['quickbooks', 'sandbox'],
    name: 'Demo Company',
    paidInvoices: 5,
    psaId: '19304',
    region: 'ND',
  },
  {
    city: 'Virginia City',
    contacts: [
      {
        email: 'ben@ponderosa.example',
        firstName: 'Ben',
        lastName: 'Cartwright',
        notify: true,
        profile: 'Billing Admin',
      },
    ],
    invoices: [{ daysPastDue: 27, number: 'INV-1018', sourceBalance: 107500, total: 107500 }],
    links: ['sandbox'],
    name: 'Ponderosa Ranch',
    paidInvoices: 1,
    psaId: '19305',
    region: 'NV',
  },
  {
    city: 'Omaha',
    contacts: [
      {
        email: 'office@rscompany.example',
        firstName: 'Rae',
        lastName: 'Simmons',
        notify: true,
        profile: 'User',
      },
    ],
    invoices: [{ daysPastDue: 9, number: 'INV-1027', sourceBalance: 105500, total: 105500 }],
    links: ['quickbooks', 'sandbox'],
    name: 'RS Company',
    paidInvoices: 2,
    psaId: '19306',
    region: 'NE',
  },
  {
    city: 'Redmond',
    contacts: [
      {
        email: 'payables@adatum.example',
        firstName: 'Ada',
        lastName: 'Tum',
        notify: true,
        profile: 'Billing Admin',
      },
    ],
    invoices: [
      { daysPastDue: 130, number: 'INV-0975', sourceBalance: 12000, total: 12000 },
      { daysPastDue: 18, number: 'INV-1021', sourceBalance: 8333, total: 8333 },
    ],
    links: ['quickbooks', 'sandbox'],
    name: 'A. Datum Corporation',
    paidInvoices: 1,
    psaId: '19307',
    region: 'WA',
  },
  {
    city: 'Pawnee',
    contacts: [
      {
        email: 'lknope@pawnee-indiana.example',
        firstName: 'Leslie',
        lastName: 'Knope',
        notify: true,
        profile: 'Billing Admin',
      },
    ],
    invoices: [],
    links: ['quickbooks', 'sandbox'],
    name: 'Pawnee Parks Dept.',
    paidInvoices: 3,
    psaId: '19308',
    region: 'IN',
  },
];
