import { startFakeConnectWise, type FakeConnectWise } from './server';

/**
 * The ConnectWise Manage that `npm start` connects the demo MSP to (libs/testing/bin/
 * fake-connectwise.mjs runs it as its own process): the eight demo companies with the very
 * names, addresses and phones the demo data gives their organizations (so the first sync finds
 * them linked and changes nothing), one new client, a vendor and an inactive company for the hide
 * rules, their billing contacts, and this month's agreement invoices.
 */

/** What the demo integration is connected with (nothing secret: a local fake). */
export const DEMO_CONNECTWISE = {
  clientId: '3f6b8a52-1c9e-4d7a-9b0e-5d2c7e4a1f60',
  companyId: 'settle_demo',
  privateKey: 'demoPrivateKey',
  publicKey: 'demoPublicKey',
};

const DEMO_COMPANIES: {
  id: number;
  name: string;
  city: string;
  state: string;
  type?: string;
  status?: string;
}[] = [
  { city: 'Des Moines', id: 19301, name: 'BNG Design', state: 'IA' },
  { city: 'Ames', id: 19302, name: 'Iowa Sports Central', state: 'IA' },
  { city: 'Fargo', id: 19303, name: 'XYZ Test Company', state: 'ND' },
  { city: 'TestCity', id: 19304, name: 'Demo Company', state: 'ND' },
  { city: 'Virginia City', id: 19305, name: 'Ponderosa Ranch', state: 'NV' },
  { city: 'Omaha', id: 19306, name: 'RS Company', state: 'NE' },
  { city: 'Redmond', id: 19307, name: 'A. Datum Corporation', state: 'WA' },
  { city: 'Pawnee', id: 19308, name: 'Pawnee Parks Dept.', state: 'IN' },
  { city: 'Cedar Rapids', id: 19309, name: 'Contoso Dental', state: 'IA' },
  { city: 'Des Moines', id: 19310, name: 'Northwind Supplies', state: 'IA', type: 'Vendor' },
  { city: 'Ames', id: 19311, name: 'Fabrikam (closed office)', state: 'IA', status: 'Inactive' },
];

const DEMO_CONTACTS = [
  { company: 19301, email: 'ap@bngdesign.example', first: 'Bria', last: 'Nguyen' },
  { company: 19304, email: 'demo@example.com', first: 'Demo', last: 'Owner' },
  { company: 19309, email: 'billing@contosodental.example', first: 'Dana', last: 'Whitfield' },
  { company: 19309, email: 'office@contosodental.example', first: 'Omar', last: 'Reyes' },
  { company: 19310, email: 'sales@northwind.example', first: 'Nina', last: 'Ward' },
];

/** This month's managed-services invoices (dollars, as ConnectWise sends them). */
const DEMO_INVOICES = [
  { company: 19301, number: 'CW-24101', total: 1250 },
  { company: 19302, number: 'CW-24102', total: 2180.5 },
  { company: 19304, number: 'CW-24103', total: 899 },
  { company: 19307, number: 'CW-24104', total: 1475.25 },
  { company: 19309, number: 'CW-24105', total: 640 },
  { company: 19309, number: 'CW-24090', paid: true, total: 640 },
  { company: 19310, number: 'CW-24106', total: 310 },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** A fake ConnectWise holding the demo records, on `port` (0: any free one). */
export async function startDemoConnectWise(port = 0, now = new Date()): Promise<FakeConnectWise> {
  const fake = await startFakeConnectWise({
    ...DEMO_CONNECTWISE,
    // Records look edited over the last days, not in 2026-01-01's first seconds.
    now: new Date(now.getTime() - 3 * DAY_MS),
    port,
  });
  seedDemo(fake, now);
  return fake;
}

function seedDemo(fake: FakeConnectWise, now: Date): void {
  const ref = (id: number) => {
    const company = DEMO_COMPANIES.find((c) => c.id === id)!;
    return { id, identifier: company.name.replace(/\W+/g, ''), name: company.name };
  };
  for (const c of DEMO_COMPANIES)
    fake.add('companies', {
      // as demo-data gives the organizations their addresses and phones
      addressLine1: `${100 + (c.id % 10)} Main St`,
      city: c.city,
      country: { id: 1, name: 'United States' },
      id: c.id,
      identifier: ref(c.id).identifier,
      name: c.name,
      phoneNumber: `+1 515 555 01${String(c.id).slice(-2)}`,
      state: c.state,
      status: { id: c.status ? 2 : 1, name: c.status ?? 'Active' },
      types: [{ id: c.type ? 2 : 1, name: c.type ?? 'Client' }],
      zip: '50309',
    });
  DEMO_CONTACTS.forEach((c, index) =>
    fake.add('contacts', {
      communicationItems: [
        {
          communicationType: 'Email',
          defaultFlag: true,
          id: 500 + index,
          type: { id: 1, name: 'Email' },
          value: c.email,
        },
      ],
      company: ref(c.company),
      defaultBillingFlag: true,
      firstName: c.first,
      id: 3100 + index,
      lastName: c.last,
    }),
  );
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const iso = (date: Date) => date.toISOString().replace('.000Z', 'Z');
  DEMO_INVOICES.forEach((invoice, index) => {
    const date = invoice.paid ? new Date(monthStart.getTime() - 31 * DAY_MS) : monthStart;
    fake.add('invoices', {
      balance: invoice.paid ? 0 : invoice.total,
      company: ref(invoice.company),
      date: iso(date),
      dueDate: iso(new Date(date.getTime() + 30 * DAY_MS)),
      id: 8800 + index,
      invoiceNumber: invoice.number,
      payments: invoice.paid ? invoice.total : 0,
      status: invoice.paid
        ? { id: 9, isClosed: true, name: 'Paid' }
        : { id: 3, isClosed: false, name: 'Sent' },
      total: invoice.total,
      type: 'Agreement',
    });
  });
}
