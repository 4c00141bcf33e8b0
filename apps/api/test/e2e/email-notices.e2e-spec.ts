import { getQueueToken } from '@nestjs/bull';
import { startOfDayIn, todayIn } from '@settle/domain';
import { eventually, startTestSmtpServer, TestSmtpServer } from '@settle/testing';
import { Queue } from 'bull';
import { randomUUID } from 'node:crypto';

import { NoticesProcessor } from '../../src/modules/emails/notices/notices.processor';
import { NoticesService } from '../../src/modules/emails/notices/notices.service';
import { StaffNotificationsService } from '../../src/modules/emails/staff-notifications/staff-notifications.service';
import {
  apiKey,
  daysFromToday,
  invoiceBody,
  upsertInvoice,
  upsertOrganization,
} from '../utils/ar-factories';
import { addMethod, pay } from '../utils/payment-factories';
import {
  createTestApp,
  createUser,
  expectProblem,
  loginAs,
  Session,
  TestApp,
} from '../utils/test-app';

interface EmailRow {
  id: string;
  type: string;
  status: string;
  to: string[];
  subject: string;
  lastError: string | null;
  contactId: string | null;
}

const NOTICES = {
  dueSoonDays: [7, 1],
  methodExpiry: true,
  newInvoice: true,
  pastDueDays: [1, 7, 14, 30],
  sendHour: 9,
};

describe('customer notices and staff notifications', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let admin: Session;
  let bearer: string;
  let billingAdminProfile: string;
  let userProfile: string;
  let notices: NoticesService;
  let staff: StaffNotificationsService;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestApp({
      EMAIL_DISPATCH_INTERVAL_MS: '200',
      EMAIL_RETRY_DELAY_MS: '20',
      SMTP_URL: smtp.url,
    });
    admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
    const profiles = await t.http
      .get('/api/v1/access-profiles')
      .set('authorization', bearer)
      .expect(200);
    const byName = Object.fromEntries(
      profiles.body.data.map((p: { name: string; id: string }) => [p.name, p.id]),
    );
    billingAdminProfile = byName['Billing Admin'];
    userProfile = byName.User;
    notices = t.app.get(NoticesService);
    staff = t.app.get(StaffNotificationsService);
    await putNotices(NOTICES).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const putNotices = (body: object, session = admin) =>
    t.http
      .put('/api/v1/settings/email/notices')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .send(body);
  const putStaff = (body: object) =>
    t.http
      .put('/api/v1/settings/email/staff-notifications')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send(body);

  const emails = async (query: Record<string, string>): Promise<EmailRow[]> =>
    (
      await t.http
        .get('/api/v1/emails')
        .query({ pageSize: '200', ...query })
        .set('authorization', bearer)
        .expect(200)
    ).body.data;
  const delivered = (address: string) =>
    smtp.messages.filter((m) => m.envelope.to.includes(address));
  /** Every email written so far has been sent, failed or skipped: nothing is on its way. */
  const settled = () =>
    eventually(async () => {
      expect(await emails({ status: 'queued' })).toEqual([]);
    }, 15_000);

  /** An organization whose one default notification contact receives account emails. */
  async function customer(name: string) {
    const org = await upsertOrganization(t, bearer, `n-${randomUUID()}`, name);
    const email = `ap-${randomUUID().slice(0, 8)}@${name.toLowerCase().replace(/\W+/g, '-')}.example`;
    const contact = await t.http
      .post(`/api/v1/organizations/${org.id}/contacts`)
      .set('authorization', bearer)
      .send({
        accessProfileId: billingAdminProfile,
        email,
        firstName: 'Dana',
        isDefaultNotification: true,
        lastName: name,
      })
      .expect(201);
    return { contactId: contact.body.id as string, email, org };
  }

  const invoice = (organizationId: string, number: string, overrides: object = {}) =>
    upsertInvoice(
      t,
      bearer,
      `n-${randomUUID()}`,
      invoiceBody(organizationId, { number, ...overrides }),
    );

  it('validates the notice settings, names each bad field, and lets only admins change them', async () => {
    const bad = await putNotices({
      dueSoonDays: [0, 91],
      methodExpiry: true,
      newInvoice: 'yes',
      pastDueDays: [1, 1],
      sendHour: 24,
    }).expect(400);
    expectProblem(bad.body, 400, 'validation-error');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      expect.arrayContaining(['dueSoonDays', 'newInvoice', 'pastDueDays', 'sendHour']),
    );
    const tooMany = await putNotices({ ...NOTICES, pastDueDays: [1, 2, 3, 4, 5, 6, 7] }).expect(
      400,
    );
    expect(tooMany.body.errors).toEqual([
      { field: 'pastDueDays', message: 'must hold at most 6 days' },
    ]);
    await putNotices({ ...NOTICES, extra: true }).expect(400);
    await putNotices(NOTICES, await loginAs(t, 'billing')).expect(403);
    await t.http
      .get('/api/v1/settings/email/notices')
      .set('cookie', (await loginAs(t, 'viewer')).cookie)
      .expect(403);

    const saved = await putNotices({
      ...NOTICES,
      dueSoonDays: [1, 7],
      pastDueDays: [30, 1, 14, 7],
    }).expect(200);
    expect(saved.body).toEqual(NOTICES);
    const read = await t.http
      .get('/api/v1/settings/email/notices')
      .set('cookie', admin.cookie)
      .expect(200);
    expect(read.body).toEqual(NOTICES);
    const audit = await t.http
      .get('/api/v1/audit-log')
      .query({ pageSize: '200' })
      .set('cookie', admin.cookie)
      .expect(200);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toContain(
      'settings.email_notices_updated',
    );
  });

  it('validates staff subscriptions: an unknown user is a 422 naming the field', async () => {
    const known = await createUser(t, 'billing');
    const unknown = await putStaff({
      subscriptions: [
        { dailySummary: true, emailFailures: false, paymentMade: true, userId: known.id },
        { dailySummary: true, emailFailures: true, paymentMade: true, userId: randomUUID() },
      ],
    }).expect(422);
    expectProblem(unknown.body, 422, 'rule-violation');
    expect(unknown.body.errors).toEqual([
      { field: 'subscriptions.1.userId', message: 'is not a user' },
    ]);
    const twice = await putStaff({
      subscriptions: [
        { dailySummary: true, emailFailures: false, paymentMade: true, userId: known.id },
        { dailySummary: false, emailFailures: false, paymentMade: true, userId: known.id },
      ],
    }).expect(400);
    expect(twice.body.errors).toEqual([
      { field: 'subscriptions', message: 'must name each user once' },
    ]);
    const missingFlag = await putStaff({ subscriptions: [{ userId: known.id }] }).expect(400);
    expect(missingFlag.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['subscriptions.0.paymentMade']),
    );

    const saved = await putStaff({
      subscriptions: [
        { dailySummary: true, emailFailures: false, paymentMade: false, userId: known.id },
      ],
    }).expect(200);
    expect(saved.body).toEqual({
      subscriptions: [
        {
          dailySummary: true,
          disabled: false,
          email: known.email,
          emailFailures: false,
          name: 'Test billing',
          paymentMade: false,
          userId: known.id,
          // kinds added later are off unless sent
          accessRequests: false,
          autopayApprovals: false,
          autopayRuns: false,
        },
      ],
    });
  });

  describe('portal access requests', () => {
    const requestAccess = (body: object) =>
      t.http.post('/api/v1/portal/auth/access-requests').send(body);
    const asking = {
      company: 'Gryzzl Inc',
      email: 'Sam@Gryzzl.example',
      message: 'I took over accounts payable.',
      name: 'Sam Rivera',
    };

    it('emails the staff who asked for access requests, else every admin, and takes 5 an hour from one address', async () => {
      const gatekeeper = await createUser(t, 'billing');
      await putStaff({
        subscriptions: [
          {
            accessRequests: true,
            dailySummary: false,
            emailFailures: false,
            paymentMade: false,
            userId: gatekeeper.id,
          },
        ],
      }).expect(200);
      const accepted = await requestAccess(asking).expect(202);
      expect(accepted.text).toBe('');
      await eventually(() => expect(delivered(gatekeeper.email)).toHaveLength(1), 15_000);
      const [message] = delivered(gatekeeper.email);
      expect(message.parsed.subject).toBe('Sam Rivera asks for portal access for Gryzzl Inc');
      expect(message.parsed.text).toContain('sam@gryzzl.example');
      expect(message.parsed.text).toContain('I took over accounts payable.');

      // nobody subscribed: every enabled admin hears of it, so no request goes unread
      await putStaff({ subscriptions: [] }).expect(200);
      const admins: { email: string }[] = await t.dataSource.query(
        `SELECT email FROM users WHERE role = 'admin' AND NOT disabled`,
      );
      await requestAccess({ ...asking, message: null }).expect(202);
      await eventually(async () => {
        const rows: { to: string[] }[] = await t.dataSource.query(
          `SELECT "to" FROM emails WHERE type = 'staff_access_request' AND template_data->>'message' IS NULL`,
        );
        expect(rows.map((r) => r.to[0]).sort()).toEqual(admins.map((a) => a.email).sort());
      }, 15_000);

      for (let n = 3; n <= 5; n++) await requestAccess(asking).expect(202);
      const refused = await requestAccess(asking).expect(429);
      expectProblem(refused.body, 429, 'too-many-requests');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('refuses bad input naming each field, and writes nothing', async () => {
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM outbox_events');
      const response = await requestAccess({ email: 'not an email', name: '' }).expect(400);
      expect(
        [...new Set(response.body.errors.map((e: { field: string }) => e.field))].sort(),
      ).toEqual(['company', 'email', 'name']);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM outbox_events')).toEqual(
        before,
      );
    });
  });

  it('mails a past-due invoice its latest step once, a second run the same day sends nothing, a paid invoice nothing', async () => {
    const { contactId, email, org } = await customer('Pawnee');
    // Ten days past due: the 1- and 7-day steps have passed, only the 7-day one is sent.
    const late = await invoice(org.id, 'PD-100', { dueDate: daysFromToday(-10) });
    const paid = await invoice(org.id, 'PD-101', { dueDate: daysFromToday(-10), sourceBalance: 0 });
    // Not their contact for account emails: a "User" profile among the defaults gets nothing.
    await t.http
      .post(`/api/v1/organizations/${org.id}/contacts`)
      .set('authorization', bearer)
      .send({
        accessProfileId: userProfile,
        email: `user-${randomUUID().slice(0, 8)}@pawnee.example`,
        firstName: 'Ron',
        isDefaultNotification: true,
        lastName: 'Swanson',
      })
      .expect(201);

    const first = await notices.run();
    expect(first.invoices.written).toBeGreaterThanOrEqual(1);
    const [message] = await eventually(() => expect(delivered(email)).toHaveLength(1)).then(() =>
      delivered(email),
    );
    expect(message.parsed.subject).toBe('Invoice PD-100 is past due');
    expect(message.parsed.text).toContain('10');
    const [row] = await emails({ invoiceId: late.id });
    expect(row).toMatchObject({
      contactId,
      status: expect.stringMatching(/^(queued|sent)$/),
      to: [email],
      type: 'invoice_past_due',
    });
    expect(await emails({ invoiceId: paid.id })).toEqual([]);

    await settled();
    const second = await notices.run();
    expect(second.invoices.written).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(delivered(email)).toHaveLength(1);
    expect(await emails({ invoiceId: late.id })).toHaveLength(1);
  });

  it('writes an excluded organization’s notices as skipped, with the reason, and sends none', async () => {
    const { email, org } = await customer('Eagleton');
    await t.http
      .put(`/api/v1/organizations/${org.id}/email-exclusions`)
      .set('authorization', bearer)
      .send({ categories: ['notices'] })
      .expect(200);
    const late = await invoice(org.id, 'EX-1', { dueDate: daysFromToday(-3) });

    await notices.run();
    const [row] = await emails({ invoiceId: late.id });
    expect(row).toMatchObject({
      lastError: 'The organization is excluded from notices emails',
      status: 'skipped',
      type: 'invoice_past_due',
    });
    const detail = await t.http.get(`/api/v1/emails/${row.id}`).set('authorization', bearer);
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual([
      'triggered',
      'skipped',
    ]);
    await settled();
    expect(delivered(email)).toEqual([]);
  });

  it('announces a new invoice, reminds before the due date, and warns of a card about to expire', async () => {
    const { email, org } = await customer('Gryzzl');
    const today = daysFromToday(0);
    await invoice(org.id, 'NEW-1', { dueDate: daysFromToday(30), issueDate: today });
    await invoice(org.id, 'SOON-1', {
      dueDate: daysFromToday(5),
      issueDate: daysFromToday(-25),
    });
    const card = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const [year, month] = today.split('-').map(Number);
    await t.dataSource.query(
      `UPDATE payment_methods SET exp_month = $1, exp_year = $2 WHERE id = $3`,
      [month, year, card.id],
    );

    const result = await notices.run();
    expect(result.methods.written).toBeGreaterThanOrEqual(1);
    await eventually(() => expect(delivered(email)).toHaveLength(3));
    expect(
      delivered(email)
        .map((m) => m.parsed.subject)
        .sort(),
    ).toEqual([
      expect.stringMatching(/^Invoice SOON-1 is due [A-Z][a-z]{2} \d{1,2}, \d{4}$/),
      'New invoice NEW-1 from Settle',
      expect.stringMatching(/^Your Visa ending 4242 expires [A-Z][a-z]+ \d{4}$/),
    ]);
  });

  it('tells subscribed staff about each payment a customer makes, once', async () => {
    const payer = await customer('Sweetums');
    const owed = await invoice(payer.org.id, 'PAY-1', { sourceBalance: 5_000, total: 5_000 });
    const watcher = await createUser(t, 'billing');
    const quiet = await createUser(t, 'viewer');
    await putStaff({
      subscriptions: [
        { dailySummary: false, emailFailures: false, paymentMade: true, userId: watcher.id },
        { dailySummary: true, emailFailures: true, paymentMade: false, userId: quiet.id },
      ],
    }).expect(200);
    const method = await addMethod(t, bearer, payer.org.id, 'pm_card_visa');
    const payment = await pay(t, bearer, {
      allocations: [{ amount: 5_000, invoiceId: owed.id }],
      organizationId: payer.org.id,
      paymentMethodId: method.id,
    }).expect(201);
    expect(payment.body.status).toBe('succeeded');

    await eventually(() => expect(delivered(watcher.email)).toHaveLength(1), 15_000);
    const [message] = delivered(watcher.email);
    expect(message.parsed.subject).toBe('Sweetums paid $50.00');
    expect(message.parsed.text).toContain(payment.body.number);
    expect(message.parsed.text).toContain('$50.00');
    const staffEmails = (await emails({ paymentId: payment.body.id })).filter(
      (e) => e.type === 'staff_payment_made',
    );
    expect(staffEmails).toEqual([
      expect.objectContaining({ contactId: null, to: [watcher.email] }),
    ]);
    await settled();
    expect(delivered(quiet.email)).toEqual([]);
  });

  it('digests failed emails for subscribed staff, only when new ones failed, never itself', async () => {
    await settled();
    const watcher = await createUser(t, 'admin');
    await putStaff({
      subscriptions: [
        { dailySummary: false, emailFailures: true, paymentMade: false, userId: watcher.id },
      ],
    }).expect(200);
    // Whatever earlier tests left is not what this one is about: start from a digest of it.
    await staff.failuresDigest();
    await settled();
    const before = delivered(watcher.email).length;
    expect((await staff.failuresDigest()).written).toBe(0);

    const { email, org } = await customer('Mulligans');
    await invoice(org.id, 'FAIL-1', { dueDate: daysFromToday(-1) });
    // Every attempt of the next email is refused: it fails for good after its retries.
    for (let attempt = 0; attempt < 6; attempt++)
      smtp.rejectNext(550, '5.1.1 Mailbox unavailable', 'rcpt');
    await notices.run();
    await eventually(async () => {
      const [row] = await emails({ type: 'invoice_past_due', organizationId: org.id });
      expect(row.status).toBe('failed');
    }, 20_000);
    expect(delivered(email)).toEqual([]);

    const digest = await staff.failuresDigest();
    expect(digest).toEqual({ failures: 1, written: 1 });
    await eventually(() => expect(delivered(watcher.email)).toHaveLength(before + 1));
    const message = delivered(watcher.email).at(-1)!;
    expect(message.parsed.subject).toBe('Some emails could not be delivered');
    expect(message.parsed.text).toContain(email);
    expect(message.parsed.text).toContain('Invoice FAIL-1 is past due');
    expect(message.parsed.text).toContain('Mailbox unavailable');
    expect((await staff.failuresDigest()).written).toBe(0);

    const attention = await t.http
      .get('/api/v1/reports/attention')
      .set('authorization', bearer)
      .expect(200);
    expect(attention.body.failedEmailsLast7Days).toBeGreaterThanOrEqual(1);
  });

  it('sends the daily summary of yesterday to subscribed staff, once', async () => {
    const reader = await createUser(t, 'viewer');
    await putStaff({
      subscriptions: [
        { dailySummary: true, emailFailures: false, paymentMade: false, userId: reader.id },
      ],
    }).expect(200);
    // Yesterday, a $50.00 payment succeeded and one failed.
    const { org } = await customer('JJs');
    const owed = await invoice(org.id, 'DS-1', { sourceBalance: 5_000, total: 5_000 });
    const good = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const declined = await addMethod(t, bearer, org.id, 'pm_card_chargeDeclined');
    const body = { allocations: [{ amount: 5_000, invoiceId: owed.id }], organizationId: org.id };
    const failed = await pay(t, bearer, { ...body, paymentMethodId: declined.id }).expect(201);
    const paid = await pay(t, bearer, { ...body, paymentMethodId: good.id }).expect(201);
    await t.dataSource.query(
      `UPDATE payments SET processed_at = now() - interval '1 day', updated_at = now() - interval '1 day'
        WHERE id = ANY($1::uuid[])`,
      [[failed.body.id, paid.body.id]],
    );

    const summary = await staff.dailySummary();
    expect(summary).toEqual({ date: daysFromToday(-1), written: 1 });
    await eventually(() => expect(delivered(reader.email)).toHaveLength(1));
    const [message] = delivered(reader.email);
    expect(message.parsed.subject).toMatch(/^Daily summary for /);
    expect(message.parsed.text).toContain('$50.00');
    expect((await staff.dailySummary()).written).toBe(0);
  });

  it('at the send hour queues the day’s jobs under ids of the day; at other hours only digests', async () => {
    const processor = t.app.get(NoticesProcessor);
    const queue = t.app.get<Queue>(getQueueToken('emails'));
    const timeZone = 'America/Chicago';
    const today = todayIn(timeZone);
    const at = (hour: number) =>
      new Date(startOfDayIn(today, timeZone) + (hour * 60 + 30) * 60_000);
    expect(await processor.tick(at(NOTICES.sendHour - 1))).toEqual({ sendHour: false });
    expect(await queue.getJob(`daily-notices:${today}`)).toBeNull();
    expect(await processor.tick(at(NOTICES.sendHour))).toEqual({ sendHour: true });
    expect(await processor.tick(at(NOTICES.sendHour))).toEqual({ sendHour: true });
    expect(await queue.getJob(`daily-notices:${today}`)).not.toBeNull();
    expect(await queue.getJob(`staff-daily-summary:${today}`)).not.toBeNull();
  });
});
