import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { eventually } from '../eventually';
import { confirmSetupIntentAsBrowser, startFakeStripe, type FakeStripe } from './index';

/** Drives the fake through the real stripe SDK, configured exactly as the product configures it. */

let fake: FakeStripe;
let stripe: Stripe;

beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = sdk(fake.apiKey);
});

afterAll(async () => {
  await fake.close();
});

function sdk(apiKey: string, timeout?: number): Stripe {
  return new Stripe(apiKey, {
    host: '127.0.0.1',
    port: fake.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
    ...(timeout ? { timeout } : {}),
  });
}

async function failure(
  promise: Promise<unknown>,
): Promise<InstanceType<typeof Stripe.errors.StripeError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error('expected the Stripe call to fail');
}

/** A customer with the given well-known test PaymentMethod attached (as a fresh pm_…). */
async function customerWith(testPm: string): Promise<{ customer: string; pm: string }> {
  const customer = await stripe.customers.create({ name: 'Acme MSP', email: 'ap@acme.test' });
  const pm = await stripe.paymentMethods.attach(testPm, { customer: customer.id });
  return { customer: customer.id, pm: pm.id };
}

function charge(
  payer: { customer: string; pm: string },
  options: {
    amount?: number;
    type?: 'card' | 'us_bank_account';
    key?: string;
    invoice?: string;
  } = {},
) {
  return stripe.paymentIntents.create(
    {
      amount: options.amount ?? 12_500,
      currency: 'usd',
      customer: payer.customer,
      payment_method: payer.pm,
      allowed_payment_method_types: [options.type ?? 'card'],
      off_session: true,
      confirm: true,
      metadata: { invoice_id: options.invoice ?? 'inv_1' },
    },
    options.key ? { idempotencyKey: options.key } : undefined,
  );
}

let keyCounter = 0;
const freshKey = () => `test-key-${Date.now()}-${(keyCounter += 1)}`;

describe('auth and customers', () => {
  it('rejects an unknown API key with a 401 the SDK maps to StripeAuthenticationError', async () => {
    const error = await failure(sdk('sk_test_someone_else_1234').customers.create({ name: 'x' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.message).toMatch(/^Invalid API Key provided: sk_test_\*+1234$/);
  });

  it('creates, retrieves and updates a customer', async () => {
    const created = await stripe.customers.create({
      name: 'Acme MSP',
      email: 'ap@acme.test',
      metadata: { settle_customer_id: '42' },
    });
    expect(created.id).toMatch(/^cus_/);
    expect(created).toMatchObject({ object: 'customer', livemode: false, name: 'Acme MSP' });
    expect(created.metadata).toEqual({ settle_customer_id: '42' });
    expect(created.lastResponse.requestId).toMatch(/^req_/);

    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: created.id });
    const updated = await stripe.customers.update(created.id, {
      email: 'billing@acme.test',
      metadata: { region: 'us' },
      invoice_settings: { default_payment_method: pm.id },
    });
    expect(updated.email).toBe('billing@acme.test');
    expect(updated.metadata).toEqual({ settle_customer_id: '42', region: 'us' });
    expect(updated.invoice_settings.default_payment_method).toBe(pm.id);

    const fetched = await stripe.customers.retrieve(created.id, {
      expand: ['invoice_settings.default_payment_method'],
    });
    expect(fetched).toMatchObject({
      invoice_settings: { default_payment_method: { id: pm.id, object: 'payment_method' } },
    });
  });

  it('answers 404 resource_missing for an unknown customer', async () => {
    const error = await failure(stripe.customers.retrieve('cus_missing'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id' });
  });
});

describe('payment methods', () => {
  it('attaching a well-known test id yields a fresh PaymentMethod with the card details', async () => {
    const customer = await stripe.customers.create({ name: 'Cards Inc' });
    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    expect(pm.id).toMatch(/^pm_/);
    expect(pm.id).not.toBe('pm_card_visa');
    expect(pm.customer).toBe(customer.id);
    expect(pm.card).toMatchObject({
      brand: 'visa',
      last4: '4242',
      exp_month: 12,
      exp_year: new Date().getUTCFullYear() + 2,
      funding: 'credit',
      country: 'US',
    });
    expect((await stripe.paymentMethods.retrieve(pm.id)).card?.last4).toBe('4242');
    expect((await stripe.paymentMethods.retrieve('pm_card_visa')).customer).toBeNull();

    const bank = await stripe.paymentMethods.attach('pm_usBankAccount_insufficientFunds', {
      customer: customer.id,
    });
    expect(bank.us_bank_account).toMatchObject({
      bank_name: 'STRIPE TEST BANK',
      last4: '2227',
      routing_number: '110000000',
      account_holder_type: 'company',
      account_type: 'checking',
    });

    const cards = await stripe.customers.listPaymentMethods(customer.id, { type: 'card' });
    expect(cards).toMatchObject({ object: 'list', has_more: false });
    expect(cards.data.map((method) => method.id)).toEqual([pm.id]);

    const detached = await stripe.paymentMethods.detach(pm.id);
    expect(detached.customer).toBeNull();
    const all = await stripe.paymentMethods.list({ customer: customer.id });
    expect(all.data.map((method) => method.id)).toEqual([bank.id]);
  });
});

describe('off-session card payments', () => {
  it('charges a saved visa: 200 succeeded with a succeeded charge', async () => {
    const payer = await customerWith('pm_card_visa');
    const key = freshKey();
    const pi = await charge(payer, { key, invoice: 'inv_100' });
    expect(pi).toMatchObject({
      object: 'payment_intent',
      status: 'succeeded',
      amount: 12_500,
      amount_received: 12_500,
      currency: 'usd',
      customer: payer.customer,
      payment_method: payer.pm,
      metadata: { invoice_id: 'inv_100' },
    });
    expect(pi.latest_charge).toMatch(/^ch_/);

    const expanded = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
    expect(expanded.latest_charge).toMatchObject({
      id: pi.latest_charge,
      object: 'charge',
      status: 'succeeded',
      paid: true,
      amount_refunded: 0,
    });
    const sent = fake.requests.find((r) => r.headers['idempotency-key'] === key);
    expect(sent).toMatchObject({
      method: 'POST',
      path: '/v1/payment_intents',
      body: { metadata: { invoice_id: 'inv_100' }, allowed_payment_method_types: ['card'] },
    });
    expect(sent?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  });

  it.each([
    ['pm_card_chargeDeclined', 'card_declined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds'],
    ['pm_card_chargeDeclinedLostCard', 'card_declined', 'lost_card'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card'],
    ['pm_card_chargeDeclinedProcessingError', 'processing_error', 'processing_error'],
    ['pm_card_authenticationRequired', 'authentication_required', 'authentication_required'],
  ])('%s → 402 StripeCardError %s/%s, one PI stored', async (testPm, code, declineCode) => {
    const payer = await customerWith(testPm);
    const before = fake.paymentIntentsCreated();
    const error = await failure(charge(payer));
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, code, decline_code: declineCode });
    expect(error.charge).toMatch(/^ch_/);
    expect(error.payment_intent).toMatchObject({
      status: 'requires_payment_method',
      last_payment_error: { type: 'card_error', code, decline_code: declineCode },
    });
    expect(fake.paymentIntentsCreated()).toBe(before + 1);

    const stored = await stripe.paymentIntents.retrieve(error.payment_intent!.id);
    expect(stored.status).toBe('requires_payment_method');
    const failedCharge = await stripe.charges.retrieve(error.charge!);
    expect(failedCharge).toMatchObject({ status: 'failed', failure_code: code });
  });

  it('rejects invalid params with 400 and a param, creating nothing', async () => {
    const payer = await customerWith('pm_card_visa');
    const before = fake.paymentIntentsCreated();
    const zero = await failure(charge(payer, { amount: 0 }));
    expect(zero).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(zero.param).toBe('amount');
    const missingPm = await failure(
      stripe.paymentIntents.create({
        amount: 100,
        currency: 'usd',
        customer: payer.customer,
        confirm: true,
        off_session: true,
      }),
    );
    expect(missingPm).toMatchObject({ type: 'StripeInvalidRequestError', param: 'payment_method' });
    expect(fake.paymentIntentsCreated()).toBe(before);
  });

  it('creates an unconfirmed PI and cancels it', async () => {
    const payer = await customerWith('pm_card_visa');
    const pi = await stripe.paymentIntents.create({
      amount: 500,
      currency: 'usd',
      customer: payer.customer,
      payment_method: payer.pm,
    });
    expect(pi.status).toBe('requires_confirmation');
    const canceled = await stripe.paymentIntents.cancel(pi.id);
    expect(canceled.status).toBe('canceled');
  });
});

describe('idempotency', () => {
  it('replays the first result for the same key and params, creating one PI', async () => {
    const payer = await customerWith('pm_card_visa');
    const key = freshKey();
    const first = await charge(payer, { key });
    const count = fake.paymentIntentsCreated();
    const second = await charge(payer, { key });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(fake.paymentIntentsCreated()).toBe(count);
  });

  it('replays a 402 decline too', async () => {
    const payer = await customerWith('pm_card_chargeDeclined');
    const key = freshKey();
    const first = await failure(charge(payer, { key }));
    const count = fake.paymentIntentsCreated();
    const second = await failure(charge(payer, { key }));
    expect(second).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(second.payment_intent?.id).toBe(first.payment_intent?.id);
    expect(fake.paymentIntentsCreated()).toBe(count);
  });

  it('rejects the same key with different params: StripeIdempotencyError', async () => {
    const payer = await customerWith('pm_card_visa');
    const key = freshKey();
    await charge(payer, { key, amount: 1000 });
    const error = await failure(charge(payer, { key, amount: 2000 }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error.message).toBe(
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    );
  });

  it('answers 409 idempotency_error while the first request with the key is in flight', async () => {
    const payer = await customerWith('pm_card_visa');
    const key = freshKey();
    fake.injectFault({ method: 'POST', path: /^\/v1\/payment_intents$/ }, { hangMs: 300 });
    const first = charge(payer, { key });
    await eventually(() => {
      expect(fake.requests.some((r) => r.headers['idempotency-key'] === key)).toBe(true);
    });
    const conflict = await failure(charge(payer, { key }));
    expect(conflict).toMatchObject({ statusCode: 409, rawType: 'idempotency_error' });
    expect((await first).status).toBe('succeeded');
  });
});

describe('faults', () => {
  it('injects a 500 that answers before executing, so the same key can be retried', async () => {
    const payer = await customerWith('pm_card_visa');
    const key = freshKey();
    const count = fake.paymentIntentsCreated();
    fake.injectFault(
      { method: 'POST', path: /^\/v1\/payment_intents$/ },
      {
        status: 500,
        body: { error: { type: 'api_error', message: 'Something went wrong' } },
        headers: { 'stripe-should-retry': 'false' },
      },
    );
    const error = await failure(charge(payer, { key }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error.headers?.['stripe-should-retry']).toBe('false');
    expect(fake.paymentIntentsCreated()).toBe(count);
    expect((await charge(payer, { key })).status).toBe('succeeded');
    expect(fake.paymentIntentsCreated()).toBe(count + 1);
  });

  it('hangMs outlasts the SDK timeout; the charge still happens and the key returns it', async () => {
    const payer = await customerWith('pm_card_visa');
    const key = freshKey();
    const count = fake.paymentIntentsCreated();
    fake.injectFault({ method: 'POST', path: /^\/v1\/payment_intents$/ }, { hangMs: 400 });
    const error = await failure(
      sdk(fake.apiKey, 100).paymentIntents.create(
        {
          amount: 700,
          currency: 'usd',
          customer: payer.customer,
          payment_method: payer.pm,
          confirm: true,
          off_session: true,
        },
        { idempotencyKey: key },
      ),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(error.message).toMatch(/timeout/);
    await eventually(() => expect(fake.paymentIntentsCreated()).toBe(count + 1));
    const retried = await stripe.paymentIntents.create(
      {
        amount: 700,
        currency: 'usd',
        customer: payer.customer,
        payment_method: payer.pm,
        confirm: true,
        off_session: true,
      },
      { idempotencyKey: key },
    );
    expect(retried.status).toBe('succeeded');
    expect(fake.paymentIntentsCreated()).toBe(count + 1);
  });

  it('afterCommit once: the SDK retries the reset connection itself and gets the stored PI', async () => {
    // stripe-node retries ECONNRESET once even with maxNetworkRetries: 0, with the same key.
    const payer = await customerWith('pm_card_visa');
    const key = freshKey();
    const count = fake.paymentIntentsCreated();
    fake.injectFault({ method: 'POST', path: /^\/v1\/payment_intents$/ }, { afterCommit: true });
    const pi = await charge(payer, { key });
    expect(pi.status).toBe('succeeded');
    expect(fake.paymentIntentsCreated()).toBe(count + 1);
    expect(fake.requests.filter((r) => r.headers['idempotency-key'] === key)).toHaveLength(2);
  });

  it('afterCommit twice: connection error, and resending the key returns the original PI', async () => {
    const payer = await customerWith('pm_card_visa');
    const key = freshKey();
    const count = fake.paymentIntentsCreated();
    fake.injectFault({ method: 'POST', path: /^\/v1\/payment_intents$/ }, { afterCommit: true }, 2);
    const error = await failure(charge(payer, { key }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(fake.paymentIntentsCreated()).toBe(count + 1);

    const pi = await charge(payer, { key });
    expect(pi.status).toBe('succeeded');
    expect(fake.paymentIntentsCreated()).toBe(count + 1);
    const created = fake.events.filter(
      (event) => event.type === 'payment_intent.created' && event.data.object.id === pi.id,
    );
    expect(created).toHaveLength(1);
  });
});

describe('bank debits', () => {
  it('stays processing until settled, then succeeds', async () => {
    const payer = await customerWith('pm_usBankAccount_success');
    const pi = await charge(payer, { type: 'us_bank_account' });
    expect(pi.status).toBe('processing');
    expect((await stripe.charges.retrieve(pi.latest_charge as string)).status).toBe('pending');

    const events = await fake.settleBankDebits();
    const mine = events.filter((event) => relatesTo(event.data.object, pi.id));
    expect(mine.map((event) => event.type)).toEqual([
      'payment_intent.succeeded',
      'charge.succeeded',
    ]);
    expect(mine.every((event) => event.request.id === null)).toBe(true);
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
    expect((await stripe.charges.retrieve(pi.latest_charge as string)).status).toBe('succeeded');
  });

  it.each([
    ['pm_usBankAccount_insufficientFunds', 'insufficient_funds'],
    ['pm_usBankAccount_accountClosed', 'account_closed'],
    ['pm_usBankAccount_noAccount', 'no_account'],
    ['pm_usBankAccount_debitNotAuthorized', 'debit_not_authorized'],
  ])('%s settles as failed with %s', async (testPm, failureCode) => {
    const payer = await customerWith(testPm);
    const pi = await charge(payer, { type: 'us_bank_account' });
    expect(pi.status).toBe('processing');
    const events = await fake.settleBankDebits();
    expect(
      events.filter((event) => relatesTo(event.data.object, pi.id)).map((event) => event.type),
    ).toEqual(['payment_intent.payment_failed', 'charge.failed']);
    const settled = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
    expect(settled.status).toBe('requires_payment_method');
    expect(settled.last_payment_error?.code).toBe(failureCode);
    expect(settled.latest_charge).toMatchObject({ status: 'failed', failure_code: failureCode });
  });

  it('pm_usBankAccount_processing stays processing', async () => {
    const payer = await customerWith('pm_usBankAccount_processing');
    const pi = await charge(payer, { type: 'us_bank_account' });
    await fake.settleBankDebits();
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('processing');
  });

  it('pm_usBankAccount_dispute succeeds, then a lost dispute is created', async () => {
    const payer = await customerWith('pm_usBankAccount_dispute');
    const pi = await charge(payer, { type: 'us_bank_account' });
    const events = await fake.settleBankDebits();
    const mine = events.filter((event) => relatesTo(event.data.object, pi.id));
    expect(mine.map((event) => event.type)).toEqual([
      'payment_intent.succeeded',
      'charge.succeeded',
      'charge.dispute.created',
    ]);
    expect(mine[2].data.object).toMatchObject({
      object: 'dispute',
      charge: pi.latest_charge,
      reason: 'insufficient_funds',
      status: 'lost',
    });
    expect(mine[2].data.object.id).toMatch(/^dp_/);
    expect((await stripe.charges.retrieve(pi.latest_charge as string)).disputed).toBe(true);
  });

  it('also accepts payment_method_types[], the param name before stripe@23', async () => {
    const payer = await customerWith('pm_usBankAccount_success');
    const params = {
      amount: 900,
      currency: 'usd',
      customer: payer.customer,
      payment_method: payer.pm,
      payment_method_types: ['us_bank_account'],
      confirm: true,
      off_session: true,
    } as Stripe.PaymentIntentCreateParams;
    const pi = await stripe.paymentIntents.create(params);
    expect(pi).toMatchObject({
      status: 'processing',
      allowed_payment_method_types: ['us_bank_account'],
      payment_method_types: ['us_bank_account'],
    });
  });

  it('rejects a bank PaymentMethod on a card-only PaymentIntent', async () => {
    const payer = await customerWith('pm_usBankAccount_success');
    const error = await failure(charge(payer, { type: 'card' }));
    expect(error).toMatchObject({ statusCode: 400, param: 'payment_method' });
  });
});

describe('refunds', () => {
  it('refunds partially, rejects an over-refund, then refunds the rest', async () => {
    const payer = await customerWith('pm_card_visa');
    const pi = await charge(payer, { amount: 10_000 });
    const partial = await stripe.refunds.create({ payment_intent: pi.id, amount: 4_000 });
    expect(partial).toMatchObject({ object: 'refund', status: 'succeeded', amount: 4_000 });
    expect(partial.id).toMatch(/^re_/);
    expect(await stripe.charges.retrieve(pi.latest_charge as string)).toMatchObject({
      amount_refunded: 4_000,
      refunded: false,
    });

    const tooMuch = await failure(stripe.refunds.create({ payment_intent: pi.id, amount: 6_001 }));
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch).toMatchObject({ code: 'amount_too_large', param: 'amount' });

    await stripe.refunds.create({ charge: pi.latest_charge as string });
    expect(await stripe.charges.retrieve(pi.latest_charge as string)).toMatchObject({
      amount_refunded: 10_000,
      refunded: true,
    });
    const refundedEvents = fake.events.filter(
      (event) => event.type === 'charge.refunded' && event.data.object.id === pi.latest_charge,
    );
    expect(refundedEvents).toHaveLength(2);
    expect(refundedEvents[0].data.previous_attributes).toEqual({
      amount_refunded: 0,
      refunded: false,
    });
  });
});

describe('charges list', () => {
  it('pages newest first with starting_after, filters on created, and auto-paginates like Stripe', async () => {
    // A fake of its own, so that only these charges are listed.
    const own = await startFakeStripe();
    try {
      const api = new Stripe(own.apiKey, {
        host: '127.0.0.1',
        maxNetworkRetries: 0,
        port: own.port,
        protocol: 'http',
        telemetry: false,
      });
      const customer = await api.customers.create({ name: 'Lister' });
      const pm = await api.paymentMethods.attach('pm_card_visa', { customer: customer.id });
      const made: string[] = [];
      for (const amount of [1_000, 2_000, 3_000, 4_000, 5_000]) {
        const pi = await api.paymentIntents.create({
          amount,
          confirm: true,
          currency: 'usd',
          customer: customer.id,
          off_session: true,
          payment_method: pm.id,
        });
        made.push(pi.latest_charge as string);
      }
      await api.refunds.create({ amount: 500, charge: made[1] });
      const newestFirst = [...made].reverse();
      const now = Math.floor(Date.now() / 1000);

      const first = await api.charges.list({ created: { gte: now - 60 }, limit: 2 });
      expect(first).toMatchObject({ has_more: true, object: 'list', url: '/v1/charges' });
      expect(first.data.map((c) => c.id)).toEqual(newestFirst.slice(0, 2));
      expect(first.data[0]).toMatchObject({ amount: 5_000, object: 'charge', status: 'succeeded' });
      const second = await api.charges.list({
        created: { gte: now - 60 },
        limit: 2,
        starting_after: first.data[1].id,
      });
      expect(second.data.map((c) => c.id)).toEqual(newestFirst.slice(2, 4));
      expect(second.has_more).toBe(true);
      const last = await api.charges.list({
        created: { gte: now - 60 },
        limit: 2,
        starting_after: second.data[1].id,
      });
      expect(last.data.map((c) => c.id)).toEqual(newestFirst.slice(4));
      expect(last.has_more).toBe(false);
      expect(last.data[0]).toMatchObject({ amount: 1_000 });
      expect(second.data[1]).toMatchObject({ amount: 2_000, amount_refunded: 500, id: made[1] });

      const all: string[] = [];
      for await (const c of api.charges.list({
        created: { gte: now - 60, lte: now + 60 },
        limit: 2,
      }))
        all.push(c.id);
      expect(all).toEqual(newestFirst);
      expect((await api.charges.list({ created: { gte: now + 3_600 } })).data).toEqual([]);
      expect((await api.charges.list({ created: { lte: now - 3_600 } })).data).toEqual([]);
      const listed = own.requests.filter((r) => r.method === 'GET' && r.path === '/v1/charges');
      expect(listed.at(-1)?.query).toMatchObject({ created: { lte: String(now - 3_600) } });
      await expect(api.charges.list({ limit: 101 })).rejects.toMatchObject({
        param: 'limit',
        type: 'StripeInvalidRequestError',
      });
    } finally {
      await own.close();
    }
  });
});

describe('setup intents', () => {
  it('creates one for a customer; Stripe.js confirms it with the client secret and the card is attached', async () => {
    const customer = await stripe.customers.create({ name: 'Setup Co' });
    const created = await stripe.setupIntents.create({
      allowed_payment_method_types: ['card'],
      customer: customer.id,
      metadata: { settle_organization_id: 'org-1' },
      usage: 'off_session',
    });
    expect(created).toMatchObject({
      customer: customer.id,
      object: 'setup_intent',
      payment_method: null,
      payment_method_types: ['card'],
      status: 'requires_payment_method',
      usage: 'off_session',
    });
    expect(created.id).toMatch(/^seti_/);
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_`));

    const confirmed = await confirmSetupIntentAsBrowser(
      fake,
      created.client_secret!,
      'pm_card_visa',
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: created.id, status: 'succeeded' });
    const pmId = confirmed.body.payment_method as string;
    expect(pmId).toMatch(/^pm_/);
    expect(pmId).not.toBe('pm_card_visa');

    const retrieved = await stripe.setupIntents.retrieve(created.id, {
      expand: ['payment_method'],
    });
    expect(retrieved.status).toBe('succeeded');
    expect(retrieved.payment_method).toMatchObject({
      card: { brand: 'visa', last4: '4242' },
      customer: customer.id,
      id: pmId,
    });
    const types = fake.events.filter((e) => (e.data.object as { id: string }).id === created.id);
    expect(types.map((e) => e.type)).toEqual(['setup_intent.created', 'setup_intent.succeeded']);
  });

  it('with the publishable key, needs the client secret and reaches nothing but its SetupIntent', async () => {
    const customer = await stripe.customers.create({ name: 'Browser Co' });
    const si = await stripe.setupIntents.create({ customer: customer.id });
    const wrong = await confirmSetupIntentAsBrowser(fake, `${si.id}_secret_nope`, 'pm_card_visa');
    expect(wrong.status).toBe(404);
    expect(wrong.body.error).toMatchObject({
      code: 'resource_missing',
      type: 'invalid_request_error',
    });
    expect((await stripe.setupIntents.retrieve(si.id)).status).toBe('requires_payment_method');
    const browser = sdk(fake.publishableKey);
    const error = await failure(browser.customers.retrieve(customer.id));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.message).toMatch(/publishable API key/);
  });

  it('a declined card fails the setup with a 402 and leaves it to retry; the card is not attached', async () => {
    const customer = await stripe.customers.create({ name: 'Declined Co' });
    const si = await stripe.setupIntents.create({ customer: customer.id });
    const declined = await confirmSetupIntentAsBrowser(
      fake,
      si.client_secret!,
      'pm_card_chargeDeclined',
    );
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({
      code: 'card_declined',
      decline_code: 'generic_decline',
      setup_intent: { id: si.id, status: 'requires_payment_method' },
      type: 'card_error',
    });
    const after = await stripe.setupIntents.retrieve(si.id);
    expect(after.last_setup_error).toMatchObject({ code: 'card_declined' });
    expect((await stripe.paymentMethods.list({ customer: customer.id })).data).toEqual([]);
    const retried = await confirmSetupIntentAsBrowser(
      fake,
      si.client_secret!,
      'pm_card_mastercard',
    );
    expect(retried.body).toMatchObject({ last_setup_error: null, status: 'succeeded' });
  });

  it('a 3-D Secure card needs action; a bank account waits for microdeposits, then verifies', async () => {
    const customer = await stripe.customers.create({ name: 'Action Co' });
    const card = await stripe.setupIntents.create({ customer: customer.id });
    const challenged = await confirmSetupIntentAsBrowser(
      fake,
      card.client_secret!,
      'pm_card_authenticationRequired',
    );
    expect(challenged.body).toMatchObject({
      next_action: { type: 'use_stripe_sdk' },
      status: 'requires_action',
    });

    const bank = await stripe.setupIntents.create({
      allowed_payment_method_types: ['us_bank_account'],
      customer: customer.id,
    });
    const pending = await stripe.setupIntents.confirm(bank.id, {
      payment_method: 'pm_usBankAccount_success',
    });
    expect(pending).toMatchObject({
      next_action: { type: 'verify_with_microdeposits' },
      status: 'requires_action',
    });
    const mismatch = await failure(
      stripe.setupIntents.verifyMicrodeposits(bank.id, { amounts: [10, 11] }),
    );
    expect(mismatch).toMatchObject({
      code: 'payment_method_microdeposit_verification_amounts_mismatch',
      statusCode: 400,
    });
    const verified = await stripe.setupIntents.verifyMicrodeposits(bank.id, { amounts: [32, 45] });
    expect(verified.status).toBe('succeeded');
    expect(verified.mandate).toMatch(/^mandate_/);
    const pm = await stripe.paymentMethods.retrieve(verified.payment_method as string);
    expect(pm).toMatchObject({ customer: customer.id, type: 'us_bank_account' });
  });

  it('refuses a succeeded one to be confirmed again, an unknown customer, and a method of another customer', async () => {
    const customer = await stripe.customers.create({ name: 'Strict Co' });
    const si = await stripe.setupIntents.create({
      confirm: true,
      customer: customer.id,
      payment_method: 'pm_card_visa',
    });
    expect(si.status).toBe('succeeded');
    const again = await failure(
      stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa' }),
    );
    expect(again).toMatchObject({ code: 'setup_intent_unexpected_state', statusCode: 400 });
    const unknown = await failure(stripe.setupIntents.create({ customer: 'cus_missing' }));
    expect(unknown).toMatchObject({ code: 'resource_missing', param: 'customer', statusCode: 404 });
    const other = await stripe.customers.create({ name: 'Other Co' });
    const foreign = await failure(
      stripe.setupIntents.create({
        customer: other.id,
        payment_method: si.payment_method as string,
      }),
    );
    expect(foreign).toMatchObject({ param: 'payment_method', statusCode: 400 });
    const missing = await failure(stripe.setupIntents.retrieve('seti_missing'));
    expect(missing).toMatchObject({ code: 'resource_missing', statusCode: 404 });
  });
});

describe('events and webhooks', () => {
  let receiver: Server;
  let received: { event: Stripe.Event | null; status: number }[];

  beforeAll(async () => {
    received = [];
    // The product's handler in miniature: verify the raw body's signature, 400 when it fails.
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        let event: Stripe.Event | null = null;
        try {
          event = stripe.webhooks.constructEvent(
            Buffer.concat(chunks),
            String(req.headers['stripe-signature']),
            fake.webhookSecret,
          );
        } catch {
          // Rejected below.
        }
        const status = event ? 200 : 400;
        received.push({ event, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    fake.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/stripe`);
  });

  afterEach(async () => {
    await fake.flushWebhooks();
  });

  afterAll(async () => {
    fake.setWebhookUrl(null);
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('delivers signed events in order that constructEvent accepts', async () => {
    received.length = 0;
    const payer = await customerWith('pm_card_visa');
    const pi = await charge(payer);
    await fake.flushWebhooks();
    expect(received.every((delivery) => delivery.status === 200)).toBe(true);
    expect(received.map((delivery) => delivery.event?.type)).toEqual([
      'customer.created',
      'payment_method.attached',
      'payment_intent.created',
      'payment_intent.succeeded',
      'charge.succeeded',
    ]);
    const succeeded = received[3].event!;
    expect(succeeded).toMatchObject({
      object: 'event',
      api_version: '2026-10-28.endive',
      livemode: false,
      pending_webhooks: 1,
      data: { object: { id: pi.id, status: 'succeeded' } },
    });
    expect(succeeded.request?.id).toMatch(/^req_/);
    expect(fake.deliveries.slice(-5).map((delivery) => delivery.status)).toEqual([
      200, 200, 200, 200, 200,
    ]);

    const listed = await stripe.events.list({ type: 'payment_intent.succeeded', limit: 1 });
    expect(listed.data[0].id).toBe(succeeded.id);
    expect((await stripe.events.retrieve(succeeded.id)).type).toBe('payment_intent.succeeded');
  });

  it('settlement events are delivered before settleBankDebits resolves', async () => {
    const payer = await customerWith('pm_usBankAccount_success');
    await charge(payer, { type: 'us_bank_account' });
    await fake.flushWebhooks();
    received.length = 0;
    const events = await fake.settleBankDebits();
    expect(received.map((delivery) => delivery.event?.id)).toEqual(events.map((e) => e.id));
  });

  it('bad signatures and stale timestamps are rejected; redelivery duplicates the event', async () => {
    const event = fake.events[fake.events.length - 1];
    expect(await fake.deliverWithBadSignature(event.id)).toBe(400);
    expect(await fake.deliverWithOldTimestamp(event.id)).toBe(400);
    received.length = 0;
    expect(await fake.redeliver(event.id)).toBe(200);
    expect(await fake.redeliver(event.id)).toBe(200);
    expect(received.map((delivery) => delivery.event?.id)).toEqual([event.id, event.id]);
  });
});

describe('control API over HTTP', () => {
  it('injects faults, settles bank debits and lists requests', async () => {
    const armed = await controlCall('POST', '/__fake/faults', {
      method: 'GET',
      path: '^/v1/customers/',
      fault: {
        status: 429,
        body: {
          error: {
            type: 'invalid_request_error',
            code: 'rate_limit',
            message: 'Too many requests',
          },
        },
      },
    });
    expect(armed.status).toBe(200);
    const limited = await failure(stripe.customers.retrieve('cus_whatever'));
    expect(limited).toBeInstanceOf(Stripe.errors.StripeRateLimitError);

    const payer = await customerWith('pm_usBankAccount_success');
    const pi = await charge(payer, { type: 'us_bank_account' });
    const settled = await controlCall('POST', '/__fake/settle-bank-debits');
    expect(settled.status).toBe(200);
    const { events } = settled.body as {
      events: { type: string; data: { object: { id: string } } }[];
    };
    expect(
      events.some((e) => e.type === 'payment_intent.succeeded' && e.data.object.id === pi.id),
    ).toBe(true);

    const requests = await controlCall('GET', '/__fake/requests');
    const { data } = requests.body as { data: { path: string }[] };
    expect(data.some((r) => r.path === '/v1/payment_intents')).toBe(true);
    expect(data.some((r) => r.path.startsWith('/__fake'))).toBe(false);
  });
});

function relatesTo(object: { id: string }, piId: string): boolean {
  const record = object as unknown as Record<string, unknown>;
  return object.id === piId || record.payment_intent === piId;
}

function controlCall(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const payload = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${fake.url}${path}`,
      { method, headers: { 'Content-Type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
