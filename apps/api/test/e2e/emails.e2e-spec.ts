import { eventually, startTestSmtpServer, TestSmtpServer } from '@settle/testing';
import { randomUUID } from 'node:crypto';

import { EmailSender } from '../../src/modules/emails/email-sender.service';
import { EmailQueue } from '../../src/modules/emails/email-queue.service';
import { OutboxDispatcher } from '../../src/modules/outbox';
import { apiKey, daysFromToday } from '../utils/ar-factories';
import {
  accessProfiles,
  addContact,
  emailDetail,
  emailsOf,
  eventTypes,
  pdfText,
} from '../utils/email-factories';
import { addMethod, organizationWithInvoices, pay } from '../utils/payment-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

describe('emails delivered over SMTP', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let admin: Session;
  let bearer: string;
  let profiles: Record<string, string>;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestApp({
      EMAIL_DISPATCH_INTERVAL_MS: '300',
      EMAIL_RETRY_DELAY_MS: '200',
      PUBLIC_URL: 'https://pay.acme.test/',
      SMTP_URL: smtp.url,
    });
    admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
    profiles = await accessProfiles(t, bearer);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.messages.length = 0;
  });

  /** An organization with open invoices, a receipt contact and a contact whose profile gets none. */
  async function customer(balances: number[]) {
    const { org, invoices } = await organizationWithInvoices(t, bearer, balances);
    const tag = randomUUID().slice(0, 8);
    const dana = await addContact(t, bearer, org.id, {
      accessProfileId: profiles['Billing Admin'],
      email: `dana-${tag}@example.com`,
      firstName: 'Dana',
      isDefaultNotification: true,
      lastName: 'Scully',
    });
    const lee = await addContact(t, bearer, org.id, {
      accessProfileId: profiles.User,
      email: `lee-${tag}@example.com`,
      firstName: 'Lee',
      isDefaultNotification: true,
      lastName: 'Adama',
    });
    return { dana, invoices, lee, org, tag };
  }

  async function sentEmails(query: Record<string, string>, count: number) {
    let emails: Awaited<ReturnType<typeof emailsOf>> = [];
    await eventually(async () => {
      emails = await emailsOf(t, bearer, query);
      expect(emails.filter((e) => e.status === 'sent')).toHaveLength(count);
    }, 15_000);
    return emails;
  }

  it("sends a payment's receipt to the receipt contacts and the typed addresses, once each", async () => {
    const { dana, invoices, lee, org, tag } = await customer([50000, 25000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const payment = await pay(t, bearer, {
      allocations: [
        { amount: 50000, invoiceId: invoices[0].id },
        { amount: 10000, invoiceId: invoices[1].id },
      ],
      organizationId: org.id,
      paymentMethodId: method.id,
      receiptRecipients: [`AP-${tag}@Example.com`, dana.email.toUpperCase()],
    }).expect(201);

    const messages = await smtp.waitForMessages(2, 15_000);
    const recipients = messages.flatMap((m) => m.envelope.to).sort();
    expect(recipients).toEqual([`ap-${tag}@example.com`, dana.email].sort());
    expect(recipients).not.toContain(lee.email);
    for (const message of messages) {
      expect(message.parsed.subject).toBe(`Receipt for payment ${payment.body.number}`);
      expect(message.parsed.from?.value[0]).toMatchObject({ address: 'settle@localhost' });
      expect(message.parsed.html).toContain(payment.body.number);
      expect(message.parsed.html).toContain('$600.00');
      expect(message.parsed.text).toContain('$600.00');
      expect(message.parsed.text).toContain('https://pay.acme.test/portal/history');
    }

    const emails = await sentEmails({ paymentId: payment.body.id }, 2);
    expect(emails.map((e) => e.type)).toEqual(['payment_receipt', 'payment_receipt']);
    const toDana = emails.find((e) => e.to[0] === dana.email)!;
    expect(toDana).toMatchObject({ contactId: dana.id, organizationId: org.id, attempts: 1 });
    const detail = await emailDetail(t, bearer, toDana.id);
    expect(eventTypes(detail)).toEqual(['triggered', 'queued', 'processed', 'sent']);
    expect(detail.events[0].detail).toMatch(/^payment\.succeeded \(outbox event \d+\)$/);
    expect(detail.smtpResponse).toMatch(/^250 /);
    expect(detail.messageId).toBe(`<${toDana.id}@settle>`);
    const received = messages.find((m) => m.envelope.to[0] === dana.email)!;
    expect(received.parsed.messageId).toBe(`<${toDana.id}@settle>`);
    expect(received.parsed.text).toContain('Dana');

    // The history of an invoice holds the receipts of the payments made toward it.
    expect(await emailsOf(t, bearer, { invoiceId: invoices[1].id })).toHaveLength(2);
    expect(await emailsOf(t, bearer, { contactId: dana.id, type: 'payment_receipt' })).toEqual([
      expect.objectContaining({ id: toDana.id }),
    ]);
  });

  it('sends the account summary with the statement PDF attached, one email per contact', async () => {
    const { dana, invoices, org } = await customer([40000, 15000]);
    const other = await addContact(t, bearer, org.id, {
      accessProfileId: profiles.User,
      email: `ops-${randomUUID().slice(0, 8)}@example.com`,
      firstName: 'Ops',
      lastName: 'Desk',
    });
    const numbers = await Promise.all(
      invoices.map(
        async (i) =>
          (await t.http.get(`/api/v1/invoices/${i.id}`).set('authorization', bearer).expect(200))
            .body.number as string,
      ),
    );

    const byDefault = await t.http
      .post(`/api/v1/organizations/${org.id}/account-summary`)
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({})
      .expect(202);
    expect(byDefault.body.emails).toEqual([
      expect.objectContaining({ contactId: dana.id, status: 'queued', to: [dana.email] }),
    ]);
    const [message] = await smtp.waitForMessages(1, 15_000);
    expect(message.parsed.subject).toBe(`Account summary for ${org.name}`);
    expect(message.parsed.text).toContain('$550.00');
    const [pdf] = message.parsed.attachments;
    expect(pdf).toMatchObject({ contentType: 'application/pdf' });
    expect(pdf.filename).toMatch(/^statement-\d{4}-\d{2}-\d{2}\.pdf$/);
    const text = await pdfText(pdf.content);
    for (const number of numbers) expect(text).toContain(number);
    expect(text).toContain(org.name);

    const [email] = await sentEmails({ organizationId: org.id, type: 'account_summary' }, 1);
    const detail = await emailDetail(t, bearer, email.id);
    expect(detail.attachments).toEqual([
      { contentType: 'application/pdf', filename: pdf.filename, index: 0, size: pdf.size },
    ]);
    const file = await t.http
      .get(`/api/v1/emails/${email.id}/attachments/0`)
      .set('authorization', bearer)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${pdf.filename}"`);
    expect(Buffer.compare(file.body as Buffer, pdf.content)).toBe(0);
    await t.http
      .get(`/api/v1/emails/${email.id}/attachments/1`)
      .set('authorization', bearer)
      .expect(404);

    // Chosen contacts, with an Idempotency-Key: the retry replays the same emails.
    smtp.messages.length = 0;
    const key = randomUUID();
    const send = () =>
      t.http
        .post(`/api/v1/organizations/${org.id}/account-summary`)
        .set('authorization', bearer)
        .set('idempotency-key', key)
        .send({ contactIds: [other.id, dana.id] });
    const first = await send().expect(202);
    const again = await send().expect(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.emails.map((e: { id: string }) => e.id)).toEqual(
      first.body.emails.map((e: { id: string }) => e.id),
    );
    await smtp.waitForMessages(2, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages.map((m) => m.envelope.to[0]).sort()).toEqual(
      [dana.email, other.email].sort(),
    );
    const audits: { actor_label: string }[] = await t.dataSource.query(
      `SELECT actor_label FROM audit_log WHERE action = 'email.account_summary_sent' AND organization_id = $1`,
      [org.id],
    );
    expect(audits.map((a) => a.actor_label).sort()).toEqual([
      expect.stringMatching(/^admin-/),
      'key-billing',
    ]);
  });

  it('records a 550 with the server text, retries, and delivers on the next attempt', async () => {
    smtp.rejectNext(550, 'Mailbox unavailable');
    const response = await t.http
      .post('/api/v1/settings/email/test')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ to: 'Retry@Example.com' })
      .expect(202);
    const id = response.body.email.id;
    const [message] = await smtp.waitForMessages(1, 15_000);
    expect(message.envelope.to).toEqual(['retry@example.com']);
    let detail = await emailDetail(t, bearer, id);
    await eventually(async () => {
      detail = await emailDetail(t, bearer, id);
      expect(detail.status).toBe('sent');
    });
    expect(eventTypes(detail)).toEqual([
      'triggered',
      'queued',
      'processed',
      'failed',
      'processed',
      'sent',
    ]);
    expect(detail.events[3].detail).toMatch(/^550 Mailbox unavailable.*\(will try again\)$/);
    expect(detail).toMatchObject({ attempts: 2, lastError: null });
  });

  it('gives up after the last attempt: failed, with the last error', async () => {
    for (let i = 0; i < 6; i++) smtp.rejectNext(451, 'Greylisted, try later');
    const response = await t.http
      .post('/api/v1/settings/email/test')
      .set('authorization', await apiKey(t, admin.cookie, admin.csrf, 'admin'))
      .send({ to: 'greylisted@example.com' })
      .expect(202);
    const id = response.body.email.id;
    let detail = await emailDetail(t, bearer, id);
    await eventually(async () => {
      detail = await emailDetail(t, bearer, id);
      expect(detail.status).toBe('failed');
    }, 25_000);
    expect(detail).toMatchObject({ attempts: 6, sentAt: null });
    expect(detail.lastError).toMatch(/^451 Greylisted, try later/);
    expect(eventTypes(detail).filter((type) => type === 'failed')).toHaveLength(6);
    expect(detail.events.at(-1)!.detail).not.toContain('will try again');
    expect(smtp.messages).toHaveLength(0);
    const failed = await emailsOf(t, bearer, { status: 'failed', type: 'test' });
    expect(failed.map((e) => e.id)).toContain(id);
  });

  it('resends: a new email linked to the first, same recipients and content', async () => {
    const response = await t.http
      .post('/api/v1/settings/email/test')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ to: 'resend@example.com' })
      .expect(202);
    const original = response.body.email.id;
    await smtp.waitForMessages(1, 15_000);
    await eventually(async () =>
      expect((await emailDetail(t, bearer, original)).status).toBe('sent'),
    );
    const resent = await t.http
      .post(`/api/v1/emails/${original}/resend`)
      .set('authorization', bearer)
      .expect(201);
    expect(resent.body).toMatchObject({
      resentFromId: original,
      status: 'queued',
      to: ['resend@example.com'],
    });
    expect(resent.body.id).not.toBe(original);
    const [first, second] = await smtp.waitForMessages(2, 15_000);
    expect(second.parsed.subject).toBe(first.parsed.subject);
    expect(second.parsed.html).toBe(first.parsed.html);
    expect(second.parsed.messageId).toBe(`<${resent.body.id}@settle>`);
    const before = await emailDetail(t, bearer, original);
    expect(eventTypes(before).at(-1)).toBe('resent');
    expect(before.events.at(-1)!.detail).toContain(resent.body.id);
    expect(
      (await emailsOf(t, bearer, { type: 'test' })).find((e) => e.id === resent.body.id),
    ).toMatchObject({ resentFromId: original });
    await t.http
      .post(`/api/v1/emails/${randomUUID()}/resend`)
      .set('authorization', bearer)
      .expect(404);
  });

  it("serves an email's HTML as a document with a policy of its own, for the preview frame", async () => {
    const response = await t.http
      .post('/api/v1/settings/email/test')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ to: 'frame@example.com' })
      .expect(202);
    const id = response.body.email.id;
    await smtp.waitForMessages(1, 15_000);
    const document = await t.http
      .get(`/api/v1/emails/${id}/html`)
      .set('authorization', bearer)
      .expect(200);
    expect(document.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(document.text).toBe((await emailDetail(t, bearer, id)).html);
    const policy = document.headers['content-security-policy'];
    // inline styles and data: images only; no scripts, no requests, framed by Settle alone
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("style-src 'unsafe-inline'");
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).toMatch(/(^|; )sandbox($|;)/);
    expect(policy).not.toContain('script-src');
    expect(document.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(document.headers['cache-control']).toBe('private, no-store');
    await t.http
      .get(`/api/v1/emails/${randomUUID()}/html`)
      .set('authorization', bearer)
      .expect(404);
    await t.http.get(`/api/v1/emails/${id}/html`).expect(401);
  });

  it('never sends an email twice: dispatcher re-runs, repeated jobs and a crash mid-send', async () => {
    const { dana, invoices, org } = await customer([30000]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const payment = await pay(t, bearer, {
      allocations: [{ amount: 30000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    await smtp.waitForMessages(1, 15_000);
    const [email] = await sentEmails({ paymentId: payment.body.id }, 1);
    expect(email.to).toEqual([dana.email]);

    // The event is handed out again (as if the process died before marking it published).
    await t.dataSource.query(
      `UPDATE outbox_events SET published_at = NULL WHERE aggregate_id = $1`,
      [payment.body.id],
    );
    const dispatcher = t.app.get(OutboxDispatcher);
    await dispatcher.dispatch();
    await dispatcher.dispatch();
    const [{ unpublished }] = await t.dataSource.query(
      `SELECT count(*)::int AS unpublished FROM outbox_events WHERE aggregate_id = $1 AND published_at IS NULL`,
      [payment.body.id],
    );
    expect(unpublished).toBe(0);
    // A send job for an email already sent finds nothing to send.
    await expect(t.app.get(EmailSender).send(email.id, { last: false })).resolves.toBe(
      'not queued',
    );
    await t.app.get(EmailQueue).enqueue([email.id]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(smtp.messages).toHaveLength(1);
    expect(await emailsOf(t, bearer, { paymentId: payment.body.id })).toHaveLength(1);

    // A claim whose process stopped mid-send is reported, never sent again.
    await t.dataSource.query(
      `UPDATE emails SET status = 'processing', sent_at = NULL, claimed_at = now() - interval '11 minutes' WHERE id = $1`,
      [email.id],
    );
    expect((await emailsOf(t, bearer, { paymentId: payment.body.id }))[0].status).toBe('queued');
    await t.app.get(EmailQueue).sweep();
    const swept = await emailDetail(t, bearer, email.id);
    expect(swept.status).toBe('failed');
    expect(swept.lastError).toBe(
      "delivery unknown: the process stopped while sending; check the recipient's inbox before resending",
    );
    expect(eventTypes(swept).at(-1)).toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages).toHaveLength(1);
  });

  it('leaves an event it cannot handle for later, and sends the others', async () => {
    const [bad] = await t.dataSource.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload)
       VALUES ('payment.succeeded', 'payment', gen_random_uuid(), '{"paymentId": "not-a-uuid"}')
       RETURNING id`,
    );
    const { dana, invoices, org } = await customer([12300]);
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const payment = await pay(t, bearer, {
      allocations: [{ amount: 12300, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    await t.app.get(OutboxDispatcher).dispatch();
    const [message] = await smtp.waitForMessages(1, 15_000);
    expect(message.envelope.to).toEqual([dana.email]);
    expect(message.parsed.subject).toBe(`Receipt for payment ${payment.body.number}`);
    const [{ published_at }] = await t.dataSource.query(
      `SELECT published_at FROM outbox_events WHERE id = $1`,
      [bad.id],
    );
    expect(published_at).toBeNull();
    await t.dataSource.query(`DELETE FROM outbox_events WHERE id = $1`, [bad.id]);
  });

  it('re-queues an email whose job was lost', async () => {
    const response = await t.http
      .post('/api/v1/settings/email/test')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.csrf)
      .send({ to: 'lost@example.com' })
      .expect(202);
    await smtp.waitForMessages(1, 15_000);
    await eventually(async () =>
      expect((await emailDetail(t, bearer, response.body.email.id)).status).toBe('sent'),
    );
    // A row committed whose job Redis never got: queued, more than a minute old, no job.
    const lostId = randomUUID();
    await t.dataSource.query(
      `INSERT INTO emails (id, type, category, status, "to", subject, html, text, template_data, created_at)
       SELECT $1, type, category, 'queued', "to", subject, html, text, template_data, now() - interval '2 minutes'
         FROM emails WHERE id = $2`,
      [lostId, response.body.email.id],
    );
    expect(await t.app.get(EmailQueue).sweep()).toMatchObject({ requeued: 1 });
    await smtp.waitForMessages(2, 15_000);
    expect(smtp.messages[1].parsed.messageId).toBe(`<${lostId}@settle>`);
  });

  it('skips excluded categories and contacts without a usable address, saying why', async () => {
    const { dana, invoices, org } = await customer([20000, 20000]);
    await t.http
      .put(`/api/v1/organizations/${org.id}/email-exclusions`)
      .set('authorization', bearer)
      .send({ categories: ['receipts', 'statements'] })
      .expect(200, { categories: ['receipts', 'statements'] });
    await t.http
      .get(`/api/v1/organizations/${org.id}/email-exclusions`)
      .set('authorization', bearer)
      .expect(200, { categories: ['receipts', 'statements'] });
    const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
    const excluded = await pay(t, bearer, {
      allocations: [{ amount: 20000, invoiceId: invoices[0].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
    }).expect(201);
    let emails: Awaited<ReturnType<typeof emailsOf>> = [];
    await eventually(async () => {
      emails = await emailsOf(t, bearer, { paymentId: excluded.body.id });
      expect(emails).toHaveLength(1);
    });
    expect(emails[0]).toMatchObject({
      lastError: 'The organization is excluded from receipts emails',
      status: 'skipped',
      to: [dana.email],
    });
    expect(eventTypes(await emailDetail(t, bearer, emails[0].id))).toEqual([
      'triggered',
      'skipped',
    ]);

    // Receipts back on; the contact's address is unusable (as a sync might leave it).
    await t.http
      .put(`/api/v1/organizations/${org.id}/email-exclusions`)
      .set('authorization', bearer)
      .send({ categories: [] })
      .expect(200, { categories: [] });
    await t.dataSource.query(`UPDATE contacts SET email = 'dana at example' WHERE id = $1`, [
      dana.id,
    ]);
    const unaddressed = await pay(t, bearer, {
      allocations: [{ amount: 20000, invoiceId: invoices[1].id }],
      organizationId: org.id,
      paymentMethodId: method.id,
      scheduledFor: daysFromToday(5),
    }).expect(201);
    await eventually(async () => {
      emails = await emailsOf(t, bearer, { paymentId: unaddressed.body.id });
      expect(emails).toHaveLength(1);
    });
    expect(emails[0]).toMatchObject({
      contactId: dana.id,
      lastError: 'No valid email address ("dana at example") for this contact',
      status: 'skipped',
      to: [],
      type: 'payment_scheduled',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages).toHaveLength(0);
    const resend = await t.http
      .post(`/api/v1/emails/${emails[0].id}/resend`)
      .set('authorization', bearer)
      .expect(422);
    expectProblem(resend.body, 422, 'rule-violation');
  });

  it('sends welcome and password reset emails with absolute portal links carrying a token', async () => {
    const { dana, org } = await customer([1000]);
    const welcome = await t.http
      .post(`/api/v1/organizations/${org.id}/contacts/${dana.id}/welcome`)
      .set('authorization', bearer)
      .expect(202);
    expect(welcome.body.email).toMatchObject({
      contactId: dana.id,
      status: 'queued',
      to: [dana.email],
      type: 'welcome',
    });
    const reset = await t.http
      .post(`/api/v1/organizations/${org.id}/contacts/${dana.id}/password-reset`)
      .set('authorization', bearer)
      .expect(202);
    expect(reset.body.email.type).toBe('password_reset');
    const messages = await smtp.waitForMessages(2, 15_000);
    const text = messages.map((m) => m.parsed.text ?? '').join('\n');
    expect(text).toMatch(/https:\/\/pay\.acme\.test\/portal\/accept-invitation\?token=[\w-]{20,}/);
    expect(text).toMatch(/https:\/\/pay\.acme\.test\/portal\/reset-password\?token=[\w-]{20,}/);
    const tokens = await t.dataSource.query(
      `SELECT purpose FROM contact_tokens WHERE contact_id = $1 ORDER BY purpose`,
      [dana.id],
    );
    expect(tokens).toEqual([{ purpose: 'password_reset' }, { purpose: 'welcome' }]);

    const stranger = await t.http
      .post(`/api/v1/organizations/${org.id}/contacts/${randomUUID()}/welcome`)
      .set('authorization', bearer)
      .expect(404);
    expectProblem(stranger.body, 404, 'not-found');
    const noAccess = await addContact(t, bearer, org.id, {
      email: `none-${randomUUID().slice(0, 8)}@example.com`,
      firstName: 'No',
      lastName: 'Access',
    });
    await t.http
      .post(`/api/v1/organizations/${org.id}/contacts/${noAccess.id}/welcome`)
      .set('authorization', bearer)
      .expect(422);
  });

  it('refuses bad input with problem+json naming the field, and viewers', async () => {
    const adminKey = await apiKey(t, admin.cookie, admin.csrf, 'admin');
    const cases: [string, string, object | undefined, string][] = [
      ['get', '/api/v1/emails?status=processing', undefined, 'status'],
      ['get', '/api/v1/emails?type=fax', undefined, 'type'],
      ['get', '/api/v1/emails?organizationId=42', undefined, 'organizationId'],
      ['get', `/api/v1/emails/${randomUUID()}/attachments/first`, undefined, 'index'],
      [
        'post',
        `/api/v1/organizations/${randomUUID()}/account-summary`,
        { contactIds: ['x'] },
        'contactIds',
      ],
      [
        'post',
        `/api/v1/organizations/${randomUUID()}/account-summary`,
        { contactIds: [] },
        'contactIds',
      ],
      [
        'put',
        `/api/v1/organizations/${randomUUID()}/email-exclusions`,
        { categories: ['access'] },
        'categories',
      ],
      ['post', '/api/v1/settings/email/test', { to: 'not an address' }, 'to'],
    ];
    for (const [method, url, body, field] of cases) {
      const request = t.http[method as 'get' | 'post' | 'put'](url).set('authorization', adminKey);
      const response = await (body ? request.send(body) : request);
      expect([response.status, url]).toEqual([400, url]);
      expectProblem(response.body, 400, 'validation-error');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const missing = await t.http
      .post(`/api/v1/organizations/${randomUUID()}/account-summary`)
      .set('authorization', bearer)
      .send({})
      .expect(404);
    expectProblem(missing.body, 404, 'not-found');
    const { org } = await organizationWithInvoices(t, bearer, [100]);
    const stranger = await t.http
      .post(`/api/v1/organizations/${org.id}/account-summary`)
      .set('authorization', bearer)
      .send({ contactIds: [randomUUID()] })
      .expect(400);
    expect(stranger.body.errors).toEqual([
      { field: 'contactIds.0', message: 'is not a contact of this organization' },
    ]);
    const nobody = await t.http
      .post(`/api/v1/organizations/${org.id}/account-summary`)
      .set('authorization', bearer)
      .send({})
      .expect(422);
    expect(nobody.body.errors).toEqual([
      { field: 'contactIds', message: 'is required: there are no default recipients' },
    ]);

    const viewer = await loginAs(t, 'viewer');
    await t.http.get('/api/v1/emails').set('cookie', viewer.cookie).expect(403);
    const billing = await loginAs(t, 'billing');
    await t.http.get('/api/v1/emails').set('cookie', billing.cookie).expect(200);
    await t.http.get('/api/v1/settings/email').set('cookie', billing.cookie).expect(403);
  });
});
