import { startFakeQuickBooks, type FakeQuickBooks } from './server';

/**
 * The QuickBooks Online that `npm start` connects the demo MSP to (libs/testing/bin/
 * fake-quickbooks.mjs runs it as its own process): the demo organizations' customers and the
 * open and paid invoices the demo data gives them, with the very ids the demo data links them
 * by ("19301-quickbooks", "qb-INV-1001"), so that the first sync finds them linked and changes
 * next to nothing; plus a customer of its own that no organization is named like, which waits
 * on the Entities page to be mapped.
 */

/** Settle's "app" at the fake Intuit, and the demo company (nothing secret: a local fake). */
export const DEMO_QUICKBOOKS = {
  clientId: 'settleDemoQboClient',
  clientSecret: 'settleDemoQboSecret',
  realmId: '9341453050',
};

interface DemoInvoice {
  number: string;
  daysPastDue: number;
  total: number;
  balance: number;
}

/** As apps/api's demo data has them (amounts in cents): psa id, name, invoices, paid invoices. */
const DEMO_CUSTOMERS: { psaId: string; name: string; invoices: DemoInvoice[]; paid: number }[] = [
  {
    invoices: [{ balance: 574000, daysPastDue: 48, number: 'INV-1001', total: 574000 }],
    name: 'BNG Design',
    paid: 3,
    psaId: '19301',
  },
  {
    invoices: [
      { balance: 120000, daysPastDue: 95, number: 'INV-0991', total: 120000 },
      { balance: 98000, daysPastDue: 64, number: 'INV-1004', total: 98000 },
      { balance: 145000, daysPastDue: 40, number: 'INV-1012', total: 145000 },
      { balance: 110000, daysPastDue: 21, number: 'INV-1020', total: 110000 },
      { balance: 77800, daysPastDue: 5, number: 'INV-1031', total: 95000 },
    ],
    name: 'Iowa Sports Central',
    paid: 4,
    psaId: '19302',
  },
  {
    invoices: [
      { balance: 250000, daysPastDue: 33, number: 'INV-1009', total: 300000 },
      { balance: 129900, daysPastDue: 12, number: 'INV-1025', total: 129900 },
    ],
    name: 'XYZ Test Company',
    paid: 2,
    psaId: '19303',
  },
  {
    invoices: [
      { balance: 100000, daysPastDue: 72, number: 'INV-0998', total: 100000 },
      { balance: 75000, daysPastDue: 44, number: 'INV-1010', total: 75000 },
      { balance: 62500, daysPastDue: 14, number: 'INV-1022', total: 62500 },
      { balance: 62800, daysPastDue: 2, number: 'INV-1033', total: 62800 },
    ],
    name: 'Demo Company',
    paid: 5,
    psaId: '19304',
  },
  {
    invoices: [{ balance: 105500, daysPastDue: 9, number: 'INV-1027', total: 105500 }],
    name: 'RS Company',
    paid: 2,
    psaId: '19306',
  },
  {
    invoices: [
      { balance: 12000, daysPastDue: 130, number: 'INV-0975', total: 12000 },
      { balance: 8333, daysPastDue: 18, number: 'INV-1021', total: 8333 },
    ],
    name: 'A. Datum Corporation',
    paid: 1,
    psaId: '19307',
  },
  { invoices: [], name: 'Pawnee Parks Dept.', paid: 3, psaId: '19308' },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** A fake QuickBooks holding the demo records, on `port` (0: any free one). */
export async function startDemoQuickBooks(port = 0, now = new Date()): Promise<FakeQuickBooks> {
  const fake = await startFakeQuickBooks({
    ...DEMO_QUICKBOOKS,
    // Records look edited over the last days (CDC reaches 30 days back from Settle's clock).
    now: new Date(now.getTime() - 3 * DAY_MS),
    port,
  });
  seedDemo(fake, now);
  return fake;
}

function seedDemo(fake: FakeQuickBooks, now: Date): void {
  const day = (offset: number) =>
    new Date(now.getTime() + offset * DAY_MS).toISOString().slice(0, 10);
  const invoice = (
    customerId: string,
    number: string,
    due: number,
    total: number,
    balance: number,
  ) =>
    fake.add('Invoice', {
      Balance: balance / 100,
      CustomerRef: { value: customerId },
      DocNumber: number,
      DueDate: day(due),
      Id: `qb-${number}`,
      SalesTermRef: { name: 'Net 30', value: '3' },
      TotalAmt: total / 100,
      TxnDate: day(due - 30),
    });
  for (const customer of DEMO_CUSTOMERS) {
    const id = `${customer.psaId}-quickbooks`;
    fake.add('Customer', { CompanyName: customer.name, DisplayName: customer.name, Id: id });
    for (const open of customer.invoices)
      invoice(id, open.number, -open.daysPastDue, open.total, open.balance);
    for (let i = 1; i <= customer.paid; i++)
      invoice(
        id,
        `INV-${customer.psaId.slice(-1)}${String(i).padStart(2, '0')}P`,
        -30 * i - 60,
        45000 + 2500 * i,
        0,
      );
  }
  // in the books but named like no organization: mapped by hand on the Entities page
  fake.add('Customer', {
    CompanyName: 'Harbor Dental LLC',
    DisplayName: 'Harbor Dental',
    Id: '58',
  });
  invoice('58', '1058', -10, 42000, 42000);
}
