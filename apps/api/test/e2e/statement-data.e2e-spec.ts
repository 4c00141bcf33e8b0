import { InvoicesService, OrganizationStatement } from '../../src/modules/invoices';
import { apiKey, invoiceBody, upsertInvoice, upsertOrganization } from '../utils/ar-factories';
import { addMethod, pay } from '../utils/payment-factories';
import { createTestApp, loginAs, TestApp } from '../utils/test-app';

// The statement takes the MSP's today as an argument, so the dates can be fixed.
const TODAY = '2025-06-15';

describe('statement data: what an organization owes, per currency, as of a day', () => {
  let t: TestApp;
  let invoices: InvoicesService;
  let bearer: string;

  beforeAll(async () => {
    t = await createTestApp();
    invoices = t.app.get(InvoicesService);
    const admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
  });
  afterAll(() => t.close());
  beforeEach(() =>
    t.dataSource.query('TRUNCATE invoices, organization_balances, payments CASCADE'),
  );

  const statementFor = (organizationId: string, today = TODAY) =>
    t.dataSource.transaction((manager) => invoices.statementFor(manager, organizationId, today));

  let refs = 0;
  /** An invoice issued 30 days before `dueDate`, all of it owed unless `extra` says otherwise. */
  const owe = (
    organizationId: string,
    number: string,
    dueDate: string,
    total: number,
    extra: Record<string, unknown> = {},
  ) =>
    upsertInvoice(
      t,
      bearer,
      `st-${(refs += 1)}`,
      invoiceBody(organizationId, { dueDate, number, sourceBalance: total, total, ...extra }),
    );

  it('lists the open invoices by due date then number, with days past due, aging and totals', async () => {
    const org = await upsertOrganization(t, bearer, 'ST-1', 'Statement Co');
    const notYetDue = await owe(org.id, 'INV-001', '2025-07-01', 20000);
    const dueToday = await owe(org.id, 'INV-002', '2025-06-15', 12345);
    // The source says 30000 of 50000 is still owed.
    const partlyPaid = await owe(org.id, 'INV-003', '2025-05-01', 50000, { sourceBalance: 30000 });
    const tenth = await owe(org.id, 'INV-010', '2025-06-01', 2000);
    const ninth = await owe(org.id, 'INV-009', '2025-06-01', 1000);
    const ancient = await owe(org.id, 'INV-004', '2025-03-01', 7000);
    const yesterday = await owe(org.id, 'INV-005', '2025-06-14', 800);

    const statements = await statementFor(org.id);

    expect(statements).toEqual<OrganizationStatement[]>([
      {
        aging: {
          current: 32345,
          days1to30: 3800,
          days31to60: 30000,
          days61to90: 0,
          days90plus: 7000,
          total: 73145,
        },
        asOf: TODAY,
        currency: 'USD',
        invoices: [
          {
            daysPastDue: 106,
            dueDate: '2025-03-01',
            id: ancient.id,
            invoiceDate: '2025-01-30',
            number: 'INV-004',
            openBalance: 7000,
            total: 7000,
          },
          {
            daysPastDue: 45,
            dueDate: '2025-05-01',
            id: partlyPaid.id,
            invoiceDate: '2025-04-01',
            number: 'INV-003',
            openBalance: 30000,
            total: 50000,
          },
          {
            daysPastDue: 14,
            dueDate: '2025-06-01',
            id: ninth.id,
            invoiceDate: '2025-05-02',
            number: 'INV-009',
            openBalance: 1000,
            total: 1000,
          },
          {
            daysPastDue: 14,
            dueDate: '2025-06-01',
            id: tenth.id,
            invoiceDate: '2025-05-02',
            number: 'INV-010',
            openBalance: 2000,
            total: 2000,
          },
          {
            daysPastDue: 1,
            dueDate: '2025-06-14',
            id: yesterday.id,
            invoiceDate: '2025-05-15',
            number: 'INV-005',
            openBalance: 800,
            total: 800,
          },
          {
            daysPastDue: 0,
            dueDate: '2025-06-15',
            id: dueToday.id,
            invoiceDate: '2025-05-16',
            number: 'INV-002',
            openBalance: 12345,
            total: 12345,
          },
          {
            daysPastDue: 0,
            dueDate: '2025-07-01',
            id: notYetDue.id,
            invoiceDate: '2025-06-01',
            number: 'INV-001',
            openBalance: 20000,
            total: 20000,
          },
        ],
        organizationId: org.id,
        organizationName: 'Statement Co',
        pastDue: 40800,
        totalDue: 73145,
      },
    ]);
  });

  it('ages the same invoices differently on another day', async () => {
    const org = await upsertOrganization(t, bearer, 'ST-2', 'Later Co');
    await owe(org.id, 'INV-1', '2025-06-15', 5000);
    const [onDueDate] = await statementFor(org.id, '2025-06-15');
    expect(onDueDate).toMatchObject({ pastDue: 0, totalDue: 5000 });
    expect(onDueDate.invoices[0].daysPastDue).toBe(0);

    const [later] = await statementFor(org.id, '2025-09-14');
    expect(later).toMatchObject({ asOf: '2025-09-14', pastDue: 5000, totalDue: 5000 });
    expect(later.aging).toMatchObject({ days61to90: 0, days90plus: 5000 });
    expect(later.invoices[0].daysPastDue).toBe(91);
  });

  it('leaves out paid and void invoices, and what Settle has already taken', async () => {
    const org = await upsertOrganization(t, bearer, 'ST-3', 'Paying Co');
    await owe(org.id, 'PAID-1', '2025-05-01', 9000, { sourceBalance: 0 });
    await owe(org.id, 'VOID-1', '2025-05-01', 9000, { voided: true });
    const settled = await owe(org.id, 'CARD-1', '2025-05-01', 4000);
    const partly = await owe(org.id, 'CARD-2', '2025-05-02', 6000);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    await pay(t, bearer, {
      allocations: [
        { amount: 4000, invoiceId: settled.id },
        { amount: 2500, invoiceId: partly.id },
      ],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);

    const [statement] = await statementFor(org.id);
    expect(statement.invoices).toEqual([
      expect.objectContaining({ id: partly.id, number: 'CARD-2', openBalance: 3500, total: 6000 }),
    ]);
    expect(statement).toMatchObject({ pastDue: 3500, totalDue: 3500 });
  });

  it('gives one statement per currency, and none to an organization that owes nothing', async () => {
    const org = await upsertOrganization(t, bearer, 'ST-4', 'Two Currencies Ltd');
    await owe(org.id, 'US-1', '2025-06-01', 10000);
    const euro = await owe(org.id, 'EU-1', '2025-06-10', 3000, { currency: 'EUR' });
    await owe(org.id, 'EU-2', '2025-07-10', 500, { currency: 'EUR' });
    const square = await upsertOrganization(t, bearer, 'ST-5', 'All Square Inc');
    await owe(square.id, 'SQ-1', '2025-05-01', 700, { sourceBalance: 0 });

    const statements = await statementFor(org.id);
    expect(statements.map((s) => [s.currency, s.totalDue, s.pastDue])).toEqual([
      ['EUR', 3500, 3000],
      ['USD', 10000, 10000],
    ]);
    expect(statements[0].invoices.map((i) => i.id)[0]).toBe(euro.id);
    expect(statements[0].aging).toEqual({
      current: 500,
      days1to30: 3000,
      days31to60: 0,
      days61to90: 0,
      days90plus: 0,
      total: 3500,
    });
    expect(statements.every((s) => s.organizationName === 'Two Currencies Ltd')).toBe(true);

    expect(await statementFor(square.id)).toEqual([]);
  });

  it('shows only the organization’s own invoices', async () => {
    const mine = await upsertOrganization(t, bearer, 'ST-6', 'Mine LLC');
    const theirs = await upsertOrganization(t, bearer, 'ST-7', 'Theirs LLC');
    const own = await owe(mine.id, 'M-1', '2025-06-01', 1000);
    await owe(theirs.id, 'T-1', '2025-06-01', 99000);
    await owe(theirs.id, 'T-2', '2025-06-01', 5000, { currency: 'GBP' });

    const statements = await statementFor(mine.id);
    expect(statements).toHaveLength(1);
    expect(statements[0].invoices.map((i) => i.id)).toEqual([own.id]);
    expect(statements[0]).toMatchObject({ organizationId: mine.id, totalDue: 1000 });
  });

  it('answers 404 for an organization that does not exist', async () => {
    await expect(statementFor('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      status: 404,
    });
  });
});
