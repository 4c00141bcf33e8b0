import {
  Branding,
  EMAIL_TYPE_INFO,
  EMAIL_TYPES,
  EmailTemplateData,
  EmailType,
  renderEmail,
  SAMPLE_TEMPLATE_DATA,
} from '.';

const branding: Branding = { accentColor: '#0f766e', logoDataUrl: null, mspName: 'Northwind IT' };

/** What a reader must find in each email, in the HTML and in the plain text alike. */
const KEY_FACTS: { [K in EmailType]: (data: EmailTemplateData[K]) => string[] } = {
  account_summary: (d) => [d.organizationName, d.asOf, d.totalDue, d.pastDue, d.portalUrl],
  ach_returned: (d) => [d.paymentNumber, d.amount, d.returnCode, d.returnReason, d.portalUrl],
  autopay_approval_needed: (d) => [
    d.runDate,
    d.total,
    ...d.items.flatMap((item) => [item.organizationName, item.number, item.amount]),
    d.approvalsUrl,
  ],
  invoice_due_soon: (d) => [d.invoiceNumber, d.openBalance, d.dueDate, d.invoiceUrl],
  invoice_past_due: (d) => [
    d.invoiceNumber,
    d.openBalance,
    d.dueDate,
    String(d.daysPastDue),
    d.invoiceUrl,
  ],
  method_expired: (d) => [d.methodLabel, d.expires, d.portalUrl],
  method_expiring: (d) => [d.methodLabel, d.expires, d.portalUrl],
  new_invoice: (d) => [d.invoiceNumber, d.amount, d.dueDate, d.invoiceUrl],
  password_reset: (d) => [`${d.expiresInMinutes} minutes`, d.resetUrl],
  payment_cancelled: (d) => [d.paymentNumber, d.amount, d.scheduledFor, d.portalUrl],
  payment_failed: (d) => [d.paymentNumber, d.amount, d.methodLabel, d.reason, d.portalUrl],
  payment_receipt: (d) => [
    d.paymentNumber,
    d.paidAt,
    d.amount,
    d.fee!,
    d.total,
    d.methodLabel,
    ...d.invoices.flatMap((invoice) => [invoice.number, invoice.amount]),
    d.portalUrl,
  ],
  payment_refunded: (d) => [d.paymentNumber, d.refundAmount, d.methodLabel, d.reason!, d.portalUrl],
  payment_rescheduled: (d) => [
    d.paymentNumber,
    d.amount,
    d.previousDate,
    d.scheduledFor,
    d.portalUrl,
  ],
  payment_scheduled: (d) => [
    d.paymentNumber,
    d.amount,
    d.methodLabel,
    d.scheduledFor,
    ...d.invoices.map((invoice) => invoice.number),
    d.portalUrl,
  ],
  staff_daily_summary: (d) => [
    d.date,
    d.collected,
    String(d.paymentsCount),
    String(d.failedPayments),
    d.overviewUrl,
  ],
  staff_email_failures: (d) => [
    ...d.failures.flatMap((failure) => [failure.to, failure.subject, failure.error]),
    d.emailsUrl,
  ],
  staff_autopay_summary: (d) => [
    d.runDate,
    String(d.charged),
    String(d.failed),
    String(d.pendingApproval),
    ...d.problems,
    d.autopayUrl,
  ],
  staff_access_request: (d) => [
    d.requesterName,
    d.requesterEmail,
    d.company,
    d.message ?? '',
    d.organizationsUrl,
  ],
  staff_webhook_disabled: (d) => [d.url, d.failingSince, d.lastError, d.webhooksUrl],
  staff_sync_failed: (d) => [d.integrationName, d.failingSince, d.error, d.integrationsUrl],
  staff_sync_not_running: (d) => [d.integrationName, d.lastSynced, d.integrationsUrl],
  staff_accounting_sync_failing: (d) => [
    String(d.failing),
    String(d.pushed),
    d.since,
    d.paymentsUrl,
  ],
  staff_payment_made: (d) => [
    d.organizationName,
    d.paymentNumber,
    d.amount,
    d.methodLabel,
    d.paidBy,
    d.paymentUrl,
  ],
  test: (d) => [d.sentBy],
  welcome: (d) => [d.organizationName, `${d.expiresInDays} days`, d.acceptUrl],
};

function keyFacts<K extends EmailType>(type: K): string[] {
  return KEY_FACTS[type](SAMPLE_TEMPLATE_DATA[type]);
}

describe('renderEmail', () => {
  it.each(EMAIL_TYPES)(
    'renders %s from its sample data with its facts in HTML and text',
    async (type) => {
      const email = await renderEmail(type, SAMPLE_TEMPLATE_DATA[type], { branding });
      expect(email.subject.length).toBeGreaterThan(5);
      expect(email.subject.length).toBeLessThanOrEqual(200);
      expect(email.subject).not.toMatch(/[\r\n{}]/);
      expect(email.html).toMatch(/^<!DOCTYPE html/);
      expect(email.text).not.toMatch(/<[a-z]/i);
      for (const fact of keyFacts(type)) {
        expect(email.html).toContain(fact);
        expect(email.text).toContain(fact);
      }
      expect(email.text).toContain('Sent by Northwind IT via Settle');
      expect(email.text).not.toMatch(/\{[A-Za-z]+\}/);
    },
  );

  it('greets the contact by first name, or plainly without one', async () => {
    const data = SAMPLE_TEMPLATE_DATA.new_invoice;
    const named = await renderEmail('new_invoice', data, { branding });
    const unnamed = await renderEmail(
      'new_invoice',
      { ...data, recipientName: null },
      { branding },
    );
    expect(named.text).toContain('Hi Dana,');
    expect(unnamed.text).toContain('Hello,');
    expect(unnamed.text).not.toContain('Hi ');
  });

  it('fills placeholders in the default subject and intro', async () => {
    const email = await renderEmail('payment_receipt', SAMPLE_TEMPLATE_DATA.payment_receipt, {
      branding,
    });
    expect(email.subject).toBe('Receipt for payment PAY-000123');
    expect(email.text).toContain('Thank you for your payment of $2,523.50 on Nov 28, 2026.');
  });

  it('applies overridden subject and intro with placeholders; unknown ones stay visible', async () => {
    const email = await renderEmail('payment_receipt', SAMPLE_TEMPLATE_DATA.payment_receipt, {
      branding,
      overrides: {
        intro:
          'Thanks {recipientName}! {mspName} received {total} for {organizationName}.\n\nQuestions? Reply to this email. {nickname} {invoices}',
        subject: '{mspName}: payment {paymentNumber} of {total} received',
      },
    });
    expect(email.subject).toBe('Northwind IT: payment PAY-000123 of $2,523.50 received');
    expect(email.text).toContain(
      'Thanks Dana! Northwind IT received $2,523.50 for Contoso Dental.',
    );
    expect(email.text).toContain('Questions? Reply to this email. {nickname} {invoices}');
    expect(email.html).toContain('Questions? Reply to this email. {nickname} {invoices}');
    expect(email.text).not.toContain('Thank you for your payment');
  });

  it('keeps the defaults when an override is empty', async () => {
    const email = await renderEmail('new_invoice', SAMPLE_TEMPLATE_DATA.new_invoice, {
      branding,
      overrides: { intro: '   ', subject: null },
    });
    expect(email.subject).toBe('New invoice INV-10471 from Northwind IT');
    expect(email.text).toContain('There is a new invoice for Contoso Dental');
  });

  it('makes the subject one line of at most 200 characters', async () => {
    const email = await renderEmail('test', SAMPLE_TEMPLATE_DATA.test, {
      branding,
      overrides: { subject: `Hello\r\nBcc: victim@example.com\n${'x'.repeat(300)}` },
    });
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject.startsWith('Hello Bcc: victim@example.com x')).toBe(true);
    expect([...email.subject]).toHaveLength(200);
    expect(email.subject.endsWith('…')).toBe(true);
  });

  it('escapes markup in data, branding and overrides', async () => {
    const script = '<script>alert(1)</script>';
    const email = await renderEmail(
      'new_invoice',
      { ...SAMPLE_TEMPLATE_DATA.new_invoice, organizationName: `${script} & Co` },
      {
        branding: { ...branding, mspName: `<img src=x onerror=alert(2)>` },
        overrides: { intro: '<b>Hi</b> {organizationName}' },
      },
    );
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).not.toContain('<b>Hi</b>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(email.html).toContain('&lt;b&gt;Hi&lt;/b&gt;');
    // The text part is not HTML: it carries the characters as they are.
    expect(email.text).toContain(`<b>Hi</b> ${script} & Co`);
  });

  it('shows the accent colour, and the logo in place of the name when there is one', async () => {
    const logoDataUrl =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const data = SAMPLE_TEMPLATE_DATA.invoice_past_due;
    const withName = await renderEmail('invoice_past_due', data, { branding });
    const withLogo = await renderEmail('invoice_past_due', data, {
      branding: { ...branding, logoDataUrl },
    });
    expect(withName.html).toContain('background-color:#0f766e');
    expect(withName.html).not.toContain('<img');
    expect(withName.text.startsWith('Northwind IT')).toBe(true);
    expect(withLogo.html).toContain(`src="${logoDataUrl}"`);
    expect(withLogo.html).toContain('alt="Northwind IT"');
  });

  it('refuses branding that would inject CSS or load a remote image', async () => {
    const email = await renderEmail('test', SAMPLE_TEMPLATE_DATA.test, {
      branding: {
        accentColor: 'red;background:url(https://tracker.example/pixel)',
        logoDataUrl: 'https://tracker.example/logo.png',
        mspName: 'Northwind IT',
      },
    });
    expect(email.html).not.toContain('tracker.example');
    expect(email.html).toContain('#2563eb');
  });

  it('puts dark text on a light accent button', async () => {
    const email = await renderEmail('new_invoice', SAMPLE_TEMPLATE_DATA.new_invoice, {
      branding: { ...branding, accentColor: '#FDE047' },
    });
    expect(email.html).toMatch(/background-color:#fde047;[^"]*color:#111827/);
  });
});

describe('EMAIL_TYPE_INFO', () => {
  it('puts every type in its category and audience', () => {
    const byCategory = (category: string) =>
      EMAIL_TYPES.filter((type) => EMAIL_TYPE_INFO[type].category === category).sort();
    expect(byCategory('receipts')).toEqual(['payment_receipt', 'payment_refunded']);
    expect(byCategory('statements')).toEqual(['account_summary']);
    expect(byCategory('access')).toEqual(['password_reset', 'welcome']);
    expect(byCategory('staff')).toEqual([
      'autopay_approval_needed',
      'staff_access_request',
      'staff_accounting_sync_failing',
      'staff_autopay_summary',
      'staff_daily_summary',
      'staff_email_failures',
      'staff_payment_made',
      'staff_sync_failed',
      'staff_sync_not_running',
      'staff_webhook_disabled',
      'test',
    ]);
    expect(byCategory('notices')).toEqual([
      'ach_returned',
      'invoice_due_soon',
      'invoice_past_due',
      'method_expired',
      'method_expiring',
      'new_invoice',
      'payment_cancelled',
      'payment_failed',
      'payment_rescheduled',
      'payment_scheduled',
    ]);
    for (const type of EMAIL_TYPES)
      expect(EMAIL_TYPE_INFO[type].audience).toBe(
        EMAIL_TYPE_INFO[type].category === 'staff' ? 'staff' : 'contact',
      );
  });
});
