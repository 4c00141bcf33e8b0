import { randomUUID } from 'node:crypto';

import { apiKey, daysFromToday, invoiceBody, upsertInvoice } from '../utils/ar-factories';
import { pdfText } from '../utils/email-factories';
import { addMethod, organizationWithInvoices, pay, payment } from '../utils/payment-factories';
import { PdfServer, SOURCE_PDF, startPdfServer } from '../utils/pdf-server';
import { accessProfileIds, PortalSession, signedInContact } from '../utils/portal-factories';
import { createTestApp, expectProblem, loginAs, TestApp } from '../utils/test-app';

/**
 * What a contact manages in the portal beyond paying: its scheduled payments (reschedule,
 * cancel), its payment methods, the statement and invoice PDFs; each as the staff route does it,
 * within the contact's organization and rights.
 */
describe('portal: managing scheduled payments, methods and documents', () => {
  let t: TestApp;
  let bearer: string;
  let profiles: Record<string, string>;
  let mine: { orgId: string; invoiceIds: string[]; methodId: string };
  let theirs: { orgId: string; invoiceIds: string[]; methodId: string };
  let payer: PortalSession & { contactId: string; email: string };
  let viewer: PortalSession;

  let source: PdfServer;

  beforeAll(async () => {
    // The source's document host runs on 127.0.0.1, which only this setting lets the API reach
    // (the refusal itself is covered by public-fetch.spec.ts).
    source = await startPdfServer();
    t = await createTestApp({ SETTLE_INVOICE_PDF_ALLOW_PRIVATE: 'true' });
    const admin = await loginAs(t, 'admin');
    bearer = await apiKey(t, admin.cookie, admin.csrf);
    profiles = await accessProfileIds(t, bearer);
    const build = async () => {
      const { org, invoices } = await organizationWithInvoices(t, bearer, [50_000, 20_000]);
      const method = await addMethod(t, bearer, org.id, 'pm_card_visa');
      return { invoiceIds: invoices.map((i) => i.id), methodId: method.id, orgId: org.id };
    };
    mine = await build();
    theirs = await build();
    payer = await signedInContact(t, bearer, mine.orgId, profiles['Billing Admin']);
    viewer = await signedInContact(t, bearer, mine.orgId, profiles.User);
  });
  afterAll(async () => {
    await t.close();
    await source.close();
  });

  const base = (orgId: string) => `/api/v1/portal/organizations/${orgId}`;

  function as(session: PortalSession, method: 'get' | 'post' | 'patch' | 'delete', url: string) {
    return t.http[method](url).set('cookie', session.cookie).set('x-csrf-token', session.csrf);
  }

  async function scheduled(of: typeof mine, amount: number, days = 3): Promise<string> {
    const response = await pay(t, bearer, {
      allocations: [{ amount, invoiceId: of.invoiceIds[0] }],
      organizationId: of.orgId,
      paymentMethodId: of.methodId,
      scheduledFor: daysFromToday(days),
    }).expect(201);
    return response.body.id as string;
  }

  describe('scheduled payments', () => {
    it('reschedules one, recording the contact on the timeline and in the audit log', async () => {
      const id = await scheduled(mine, 1_000);
      const response = await as(payer, 'patch', `${base(mine.orgId)}/payments/${id}`)
        .send({ scheduledFor: daysFromToday(9) })
        .expect(200);
      expect(response.body).toMatchObject({
        id,
        organizationId: mine.orgId,
        scheduledFor: daysFromToday(9),
        status: 'scheduled',
      });
      expect(response.body).not.toHaveProperty('timeline');
      const staffView = await payment(t, bearer, id);
      expect(staffView.timeline).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor: payer.email, type: 'rescheduled' }),
        ]),
      );
      const [audit]: { actor_type: string; actor_id: string }[] = await t.dataSource.query(
        `SELECT actor_type, actor_id FROM audit_log WHERE action = 'payment.rescheduled' AND entity_id = $1`,
        [id],
      );
      expect(audit).toEqual({ actor_id: payer.contactId, actor_type: 'contact' });
    });

    it('refuses a date in the past, naming the field', async () => {
      const id = await scheduled(mine, 1_100);
      const response = await as(payer, 'patch', `${base(mine.orgId)}/payments/${id}`)
        .send({ scheduledFor: daysFromToday(-2) })
        .expect(400);
      expect(response.body.errors[0].field).toBe('scheduledFor');
      expect((await payment(t, bearer, id)).scheduledFor).toBe(daysFromToday(3));
    });

    it('cancels one, then answers 409 for it (no longer scheduled)', async () => {
      const id = await scheduled(mine, 1_200);
      const response = await as(payer, 'post', `${base(mine.orgId)}/payments/${id}/cancel`)
        .send({ reason: 'Paid by cheque' })
        .expect(200);
      expect(response.body).toMatchObject({ id, status: 'cancelled' });
      const again = await as(payer, 'post', `${base(mine.orgId)}/payments/${id}/cancel`)
        .send({})
        .expect(409);
      expectProblem(again.body, 409, 'conflict');
      await as(payer, 'patch', `${base(mine.orgId)}/payments/${id}`)
        .send({ scheduledFor: daysFromToday(5) })
        .expect(409);
    });

    it("is a 404 for another organization's payment, which stays as it was", async () => {
      const id = await scheduled(theirs, 1_300);
      const moved = await as(payer, 'patch', `${base(mine.orgId)}/payments/${id}`)
        .send({ scheduledFor: daysFromToday(8) })
        .expect(404);
      expectProblem(moved.body, 404, 'not-found');
      await as(payer, 'post', `${base(mine.orgId)}/payments/${id}/cancel`)
        .send({})
        .expect(404);
      await as(payer, 'post', `${base(theirs.orgId)}/payments/${id}/cancel`)
        .send({})
        .expect(404);
      await as(payer, 'post', `${base(mine.orgId)}/payments/${randomUUID()}/cancel`)
        .send({})
        .expect(404);
      const after = await payment(t, bearer, id);
      expect(after).toMatchObject({ scheduledFor: daysFromToday(3), status: 'scheduled' });
    });

    it('is a 403 for a profile that may not pay, which changes nothing', async () => {
      const id = await scheduled(mine, 1_400);
      const moved = await as(viewer, 'patch', `${base(mine.orgId)}/payments/${id}`)
        .send({ scheduledFor: daysFromToday(8) })
        .expect(403);
      expectProblem(moved.body, 403, 'forbidden');
      await as(viewer, 'post', `${base(mine.orgId)}/payments/${id}/cancel`)
        .send({})
        .expect(403);
      const after = await payment(t, bearer, id);
      expect(after).toMatchObject({ scheduledFor: daysFromToday(3), status: 'scheduled' });
    });
  });

  describe('payment methods', () => {
    const methods = (orgId: string) => `${base(orgId)}/payment-methods`;

    async function staffMethods(orgId: string) {
      const response = await t.http
        .get(`/api/v1/organizations/${orgId}/payment-methods`)
        .set('authorization', bearer)
        .expect(200);
      return response.body.data as { id: string; isDefault: boolean; friendlyName: string }[];
    }

    it('adds one from a gateway token, once per Idempotency-Key, and names the contact in the audit log', async () => {
      const missingKey = await as(payer, 'post', methods(mine.orgId))
        .send({ token: 'pm_card_mastercard' })
        .expect(400);
      expect(missingKey.body.errors[0].field).toBe('Idempotency-Key');

      const key = randomUUID();
      const added = await as(payer, 'post', methods(mine.orgId))
        .set('idempotency-key', key)
        .send({ friendlyName: 'Travel card', token: 'pm_card_mastercard' })
        .expect(201);
      expect(added.body).toMatchObject({
        friendlyName: 'Travel card',
        isDefault: false,
        status: 'active',
        type: 'card',
      });
      for (const staffOnly of ['gateway', 'consecutiveFailures', 'lockedReason', 'organizationId'])
        expect(added.body).not.toHaveProperty(staffOnly);
      const replay = await as(payer, 'post', methods(mine.orgId))
        .set('idempotency-key', key)
        .send({ friendlyName: 'Travel card', token: 'pm_card_mastercard' })
        .expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(added.body);
      const reused = await as(payer, 'post', methods(mine.orgId))
        .set('idempotency-key', key)
        .send({ token: 'pm_card_visa' })
        .expect(409);
      expectProblem(reused.body, 409, 'idempotency-conflict');
      expect((await staffMethods(mine.orgId)).filter((m) => m.id === added.body.id)).toHaveLength(
        1,
      );
      const [audit]: { actor_type: string; actor_id: string }[] = await t.dataSource.query(
        `SELECT actor_type, actor_id FROM audit_log WHERE action = 'payment_method.created' AND entity_id = $1`,
        [added.body.id],
      );
      expect(audit).toEqual({ actor_id: payer.contactId, actor_type: 'contact' });
    });

    it('refuses a token the gateway rejects, naming the field', async () => {
      const response = await as(payer, 'post', methods(mine.orgId))
        .set('idempotency-key', randomUUID())
        .send({ token: 'tok_not_a_sandbox_method' })
        .expect(400);
      expect(response.body.errors[0].field).toBe('token');
    });

    it('renames one and makes it the default, the previous default no longer', async () => {
      const added = await as(payer, 'post', methods(mine.orgId))
        .set('idempotency-key', randomUUID())
        .send({ token: 'pm_card_visa' })
        .expect(201);
      const updated = await as(payer, 'patch', `${methods(mine.orgId)}/${added.body.id}`)
        .send({ friendlyName: 'Office card', isDefault: true })
        .expect(200);
      expect(updated.body).toMatchObject({
        friendlyName: 'Office card',
        id: added.body.id,
        isDefault: true,
      });
      const defaults = (await staffMethods(mine.orgId)).filter((m) => m.isDefault);
      expect(defaults.map((m) => m.id)).toEqual([added.body.id]);
      const unset = await as(payer, 'patch', `${methods(mine.orgId)}/${added.body.id}`)
        .send({ isDefault: false })
        .expect(400);
      expect(unset.body.errors[0].field).toBe('isDefault');
      // Back to the first card, which the other tests pay with.
      await as(payer, 'patch', `${methods(mine.orgId)}/${mine.methodId}`)
        .send({ isDefault: true })
        .expect(200);
    });

    it('removes one no scheduled payment uses, and refuses one that is in use (409)', async () => {
      const added = await as(payer, 'post', methods(mine.orgId))
        .set('idempotency-key', randomUUID())
        .send({ token: 'pm_card_visa' })
        .expect(201);
      await as(payer, 'delete', `${methods(mine.orgId)}/${added.body.id}`).expect(204);
      const listed = await as(payer, 'get', methods(mine.orgId)).expect(200);
      expect(listed.body.data.map((m: { id: string }) => m.id)).not.toContain(added.body.id);
      await as(payer, 'delete', `${methods(mine.orgId)}/${added.body.id}`).expect(404);

      await scheduled(mine, 1_500);
      const inUse = await as(payer, 'delete', `${methods(mine.orgId)}/${mine.methodId}`).expect(
        409,
      );
      expectProblem(inUse.body, 409, 'conflict');
    });

    it("is a 404 for another organization's method, which stays as it was", async () => {
      const before = await staffMethods(theirs.orgId);
      await as(payer, 'patch', `${methods(mine.orgId)}/${theirs.methodId}`)
        .send({ friendlyName: 'Mine now', isDefault: true })
        .expect(404);
      await as(payer, 'delete', `${methods(mine.orgId)}/${theirs.methodId}`).expect(404);
      await as(payer, 'post', methods(theirs.orgId))
        .set('idempotency-key', randomUUID())
        .send({ token: 'pm_card_visa' })
        .expect(404);
      expect(await staffMethods(theirs.orgId)).toEqual(before);
    });

    it('is a 403 for a profile that may not manage methods, which changes nothing', async () => {
      const before = await staffMethods(mine.orgId);
      const added = await as(viewer, 'post', methods(mine.orgId))
        .set('idempotency-key', randomUUID())
        .send({ token: 'pm_card_visa' })
        .expect(403);
      expectProblem(added.body, 403, 'forbidden');
      await as(viewer, 'patch', `${methods(mine.orgId)}/${mine.methodId}`)
        .send({ friendlyName: 'Renamed' })
        .expect(403);
      await as(viewer, 'delete', `${methods(mine.orgId)}/${mine.methodId}`).expect(403);
      expect(await staffMethods(mine.orgId)).toEqual(before);
    });
  });

  /** The body as bytes, whatever its type. */
  function binary(request: ReturnType<typeof as>) {
    return request.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  }

  describe('statement PDF', () => {
    it('is the statement of its open invoices, as the account summary attaches it', async () => {
      const response = await binary(as(viewer, 'get', `${base(mine.orgId)}/statement.pdf`)).expect(
        200,
      );
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="statement-${daysFromToday(0)}.pdf"`,
      );
      const pdf = response.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = await pdfText(pdf);
      const [org]: { name: string }[] = await t.dataSource.query(
        'SELECT name FROM organizations WHERE id = $1',
        [mine.orgId],
      );
      expect(text).toContain(org.name);
      const numbers: { number: string }[] = await t.dataSource.query(
        'SELECT number FROM invoices WHERE organization_id = ANY($1) ORDER BY number',
        [[mine.orgId, theirs.orgId]],
      );
      const own = await as(viewer, 'get', `${base(mine.orgId)}/invoices`).expect(200);
      const ownNumbers = own.body.data.map((i: { number: string }) => i.number);
      for (const { number } of numbers)
        if (ownNumbers.includes(number)) expect(text).toContain(number);
        else expect(text).not.toContain(number);
    });

    it('comes in the currency asked for, empty when nothing is open in it', async () => {
      const response = await binary(
        as(payer, 'get', `${base(mine.orgId)}/statement.pdf?currency=EUR`),
      ).expect(200);
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="statement-${daysFromToday(0)}-EUR.pdf"`,
      );
      const bad = await as(payer, 'get', `${base(mine.orgId)}/statement.pdf?currency=eur`).expect(
        400,
      );
      expect(bad.body.errors[0].field).toBe('currency');
    });

    it("is a 404 for another organization's id", async () => {
      const response = await as(payer, 'get', `${base(theirs.orgId)}/statement.pdf`).expect(404);
      expectProblem(response.body, 404, 'not-found');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('invoice PDF', () => {
    let pdfCounter = 0;
    async function invoiceWithPdf(of: typeof mine, pdfUrl: string | null): Promise<string> {
      pdfCounter += 1;
      const created = await upsertInvoice(
        t,
        bearer,
        `pdf-${pdfCounter}-${randomUUID()}`,
        invoiceBody(of.orgId, {
          number: `PDF/${pdfCounter} A`,
          pdfUrl,
          sourceBalance: 900,
          total: 900,
        }),
      );
      return created.id;
    }

    it("says whether each invoice has one, never the source's link", async () => {
      const withPdf = await invoiceWithPdf(mine, source.url('/invoice.pdf'));
      const without = await invoiceWithPdf(mine, null);
      const one = await as(viewer, 'get', `${base(mine.orgId)}/invoices/${withPdf}`).expect(200);
      expect(one.body.hasPdf).toBe(true);
      expect(one.body).not.toHaveProperty('pdfUrl');
      const listed = await as(viewer, 'get', `${base(mine.orgId)}/invoices?pageSize=100`).expect(
        200,
      );
      const hasPdf = Object.fromEntries(
        listed.body.data.map((i: { id: string; hasPdf: boolean }) => [i.id, i.hasPdf]),
      );
      expect(hasPdf).toMatchObject({ [withPdf]: true, [without]: false });
      expect(JSON.stringify(listed.body)).not.toContain(source.url(''));
    });

    it("streams the source's PDF, named by the invoice number, following a redirect", async () => {
      for (const path of ['/invoice.pdf', '/moved']) {
        const id = await invoiceWithPdf(mine, source.url(path));
        const response = await binary(
          as(viewer, 'get', `${base(mine.orgId)}/invoices/${id}/pdf`),
        ).expect(200);
        expect(response.headers['content-type']).toBe('application/pdf');
        expect(response.headers['content-disposition']).toMatch(
          /^attachment; filename="PDF_\d+_A\.pdf"$/,
        );
        expect(Buffer.compare(response.body as Buffer, SOURCE_PDF)).toBe(0);
      }
    });

    it('is a 404 for an invoice without one', async () => {
      const id = await invoiceWithPdf(mine, null);
      const response = await as(viewer, 'get', `${base(mine.orgId)}/invoices/${id}/pdf`).expect(
        404,
      );
      expectProblem(response.body, 404, 'not-found');
    });

    it('is a 502 when the source answers with an error or a page that is not a PDF', async () => {
      for (const path of ['/broken', '/sign-in']) {
        const id = await invoiceWithPdf(mine, source.url(path));
        const response = await as(viewer, 'get', `${base(mine.orgId)}/invoices/${id}/pdf`).expect(
          502,
        );
        expectProblem(response.body, 502, 'bad-gateway');
        expect(response.body.detail).not.toContain('127.0.0.1');
      }
    });

    it("is a 404 for another organization's invoice, without fetching it", async () => {
      const id = await invoiceWithPdf(theirs, source.url('/invoice.pdf?theirs'));
      const response = await as(payer, 'get', `${base(mine.orgId)}/invoices/${id}/pdf`).expect(404);
      expectProblem(response.body, 404, 'not-found');
      await as(payer, 'get', `${base(theirs.orgId)}/invoices/${id}/pdf`).expect(404);
      expect(source.hits['/invoice.pdf?theirs']).toBeUndefined();
    });
  });
});
