import { eventually, startTestSmtpServer, TestSmtpServer } from '@settle/testing';

import { apiKey } from '../utils/ar-factories';
import { emailDetail } from '../utils/email-factories';
import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';
import { EMAIL_TYPES } from '../../src/modules/emails/templates';

/** Settings → Email on an install without SMTP_URL: the server comes from the settings alone. */
describe('email settings and templates', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let admin: Session;
  let adminKey: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestApp({ EMAIL_RETRY_DELAY_MS: '100' });
    admin = await loginAs(t, 'admin');
    adminKey = await apiKey(t, admin.cookie, admin.csrf, 'admin');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const put = (body: object) =>
    t.http.put('/api/v1/settings/email').set('authorization', adminKey).send(body);

  it('fails a send with no SMTP server configured, saying so', async () => {
    await t.http.get('/api/v1/settings/email').set('authorization', adminKey).expect(200, {
      from: 'settle@localhost',
      replyTo: null,
      smtpConfigured: false,
      smtpSource: 'none',
    });
    const response = await t.http
      .post('/api/v1/settings/email/test')
      .set('authorization', adminKey)
      .send({ to: 'nobody@example.com' })
      .expect(202);
    await eventually(async () => {
      const detail = await emailDetail(t, adminKey, response.body.email.id);
      expect(detail.events.map((e) => e.detail)).toContain(
        'No SMTP server is configured (will try again)',
      );
    });
  });

  it('keeps the SMTP URL sealed and never shows it, then delivers through it', async () => {
    const secretUrl = smtp.url.replace('smtp://', 'smtp://mailer:hunter2-secret@');
    const saved = await put({
      from: 'Acme Billing <billing@acme.test>',
      replyTo: 'ar@acme.test',
      smtpUrl: secretUrl,
    }).expect(200);
    expect(saved.body).toEqual({
      from: 'Acme Billing <billing@acme.test>',
      replyTo: 'ar@acme.test',
      smtpConfigured: true,
      smtpSource: 'settings',
    });
    const read = await t.http.get('/api/v1/settings/email').set('authorization', adminKey);
    expect(JSON.stringify(read.body)).not.toContain('hunter2');
    const [stored] = await t.dataSource.query(`SELECT value FROM settings WHERE key = 'email'`);
    expect(stored.value.smtpUrl).toMatch(/^v1:/);
    expect(JSON.stringify(stored.value)).not.toContain('hunter2');
    const audit = await t.dataSource.query(
      `SELECT before, after FROM audit_log WHERE action = 'settings.email_updated'`,
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('hunter2');
    expect(audit[0].after.smtpUrl).toBe('set');

    // The server takes no AUTH: what matters is that the settings' URL is the one used.
    await put({
      from: 'Acme Billing <billing@acme.test>',
      replyTo: null,
      smtpUrl: smtp.url,
    }).expect(200);
    const sent = await t.http
      .post('/api/v1/settings/email/test')
      .set('authorization', adminKey)
      .send({ to: 'ops@acme.test' })
      .expect(202);
    const [message] = await smtp.waitForMessages(1, 15_000);
    expect(message.parsed.from?.value[0]).toEqual({
      address: 'billing@acme.test',
      name: 'Acme Billing',
    });
    expect(message.parsed.subject).toBe('Test email from Settle');
    expect(message.parsed.text).toContain('key-admin');
    await eventually(async () =>
      expect((await emailDetail(t, adminKey, sent.body.email.id)).status).toBe('sent'),
    );

    // Leaving smtpUrl out keeps it; null forgets it (and without SMTP_URL, nothing is left).
    await put({ from: 'billing@acme.test', replyTo: null }).expect(200, {
      from: 'billing@acme.test',
      replyTo: null,
      smtpConfigured: true,
      smtpSource: 'settings',
    });
    await put({ from: 'billing@acme.test', replyTo: null, smtpUrl: null }).expect(200, {
      from: 'billing@acme.test',
      replyTo: null,
      smtpConfigured: false,
      smtpSource: 'none',
    });
  });

  it('refuses bad settings, naming the field, and anyone but admins', async () => {
    for (const [body, field] of [
      [{ from: 'not an address', replyTo: null }, 'from'],
      [{ from: 'a@b.co', replyTo: 'nope' }, 'replyTo'],
      [{ from: 'a@b.co', replyTo: null, smtpUrl: 'http://mail.example.com' }, 'smtpUrl'],
      [{ from: 'a@b.co' }, 'replyTo'],
    ] as const) {
      const response = await put(body).expect(400);
      expectProblem(response.body, 400, 'validation-error');
      expect([...new Set(response.body.errors.map((e: { field: string }) => e.field))]).toEqual([
        field,
      ]);
    }
    const billing = await loginAs(t, 'billing');
    await t.http
      .put('/api/v1/settings/email')
      .set('cookie', billing.cookie)
      .set('x-csrf-token', billing.csrf)
      .send({ from: 'a@b.co', replyTo: null })
      .expect(403);
    await t.http.get('/api/v1/settings/email/templates').set('cookie', billing.cookie).expect(403);
  });

  it("lists templates, keeps the MSP's subject and intro, and previews with branding", async () => {
    const list = await t.http
      .get('/api/v1/settings/email/templates')
      .set('authorization', adminKey)
      .expect(200);
    const receipt = list.body.data.find((d: { type: string }) => d.type === 'payment_receipt');
    expect(receipt).toEqual({
      audience: 'contact',
      category: 'receipts',
      customized: false,
      defaultIntro: expect.any(String),
      defaultSubject: 'Receipt for payment {paymentNumber}',
      intro: null,
      label: 'Payment receipt',
      subject: null,
      type: 'payment_receipt',
    });
    // one template per email type
    expect(list.body.data.map((tpl: { type: string }) => tpl.type)).toEqual([...EMAIL_TYPES]);

    await t.http
      .put('/api/v1/settings/general')
      .set('authorization', adminKey)
      .send({
        accentColor: '#0f766e',
        defaultCurrency: 'USD',
        logoDataUrl: null,
        mspName: 'Acme IT',
        timeZone: 'America/New_York',
      })
      .expect(200);
    const updated = await t.http
      .put('/api/v1/settings/email/templates/payment_receipt')
      .set('authorization', adminKey)
      .send({ intro: 'Thanks from all of us.', subject: 'Paid: {paymentNumber}' })
      .expect(200);
    expect(updated.body).toMatchObject({
      customized: true,
      intro: 'Thanks from all of us.',
      subject: 'Paid: {paymentNumber}',
    });
    const preview = await t.http
      .post('/api/v1/settings/email/templates/payment_receipt/preview')
      .set('authorization', adminKey)
      .send({})
      .expect(200);
    expect(preview.body.subject).toBe('Paid: PAY-000123');
    expect(preview.body.html).toContain('Acme IT');
    expect(preview.body.text).toContain('Thanks from all of us.');
    const unsaved = await t.http
      .post('/api/v1/settings/email/templates/payment_receipt/preview')
      .set('authorization', adminKey)
      .send({ subject: 'Draft {paymentNumber}' })
      .expect(200);
    expect(unsaved.body.subject).toBe('Draft PAY-000123');
    const frame = await t.http
      .get('/api/v1/settings/email/templates/payment_receipt/preview.html')
      .query({ intro: 'Draft <intro> & more' })
      .set('authorization', adminKey)
      .expect(200);
    expect(frame.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(frame.headers['content-security-policy']).toContain("style-src 'unsafe-inline'");
    expect(frame.text).toContain('Draft &lt;intro&gt; &amp; more');
    expect(frame.text).toContain('Acme IT');
    const tooLong = await t.http
      .get('/api/v1/settings/email/templates/payment_receipt/preview.html')
      .query({ subject: 'x'.repeat(201) })
      .set('authorization', adminKey)
      .expect(400);
    expect(tooLong.body.errors[0].field).toBe('subject');

    await t.http
      .put('/api/v1/settings/email/templates/payment_receipt')
      .set('authorization', adminKey)
      .send({ intro: null, subject: null })
      .expect(200)
      .expect(({ body }) => expect(body).toMatchObject({ customized: false, subject: null }));
    const bad = await t.http
      .put('/api/v1/settings/email/templates/fax')
      .set('authorization', adminKey)
      .send({ intro: null, subject: null })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('type');
    const missing = await t.http
      .put('/api/v1/settings/email/templates/welcome')
      .set('authorization', adminKey)
      .send({ subject: 'Hi' })
      .expect(400);
    expect(missing.body.errors[0].field).toBe('intro');
  });
});
