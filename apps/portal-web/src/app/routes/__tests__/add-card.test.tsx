import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { card, signedIn } from '@/testing/mocks/portal';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render-app';

/**
 * Stripe.js itself comes from js.stripe.com and cannot run here: its loader is replaced by a
 * stand-in with the calls the dialog makes (elements().create('card'), mount, confirmCardSetup).
 */
const stripeJs = vi.hoisted(() => ({ loadStripe: vi.fn() }));
vi.mock('@stripe/stripe-js/pure', () => ({ loadStripe: stripeJs.loadStripe }));

const BASE = '/api/v1/portal/organizations/:organizationId';

function standInStripe(confirmCardSetup: () => Promise<unknown>) {
  const element = {
    mount: vi.fn((parent: HTMLElement) => {
      const frame = document.createElement('iframe');
      frame.title = 'Secure card payment input frame';
      parent.appendChild(frame);
    }),
    on: vi.fn(),
    destroy: vi.fn(),
  };
  const stripe = {
    elements: vi.fn(() => ({ create: vi.fn(() => element) })),
    confirmCardSetup: vi.fn(confirmCardSetup),
  };
  stripeJs.loadStripe.mockResolvedValue(stripe);
  return { element, stripe };
}

const succeeded = {
  setupIntent: { id: 'seti_123', payment_method: 'pm_saved', status: 'succeeded' },
};

/** The API under Stripe: a SetupIntent for the dialog, and the saves it receives. */
function stripeGateway() {
  const saves: { body: unknown; key: string | null }[] = [];
  server.use(
    http.post(`${BASE}/payment-methods/setup-intents`, () =>
      HttpResponse.json(
        { clientSecret: 'seti_123_secret_abc', publishableKey: 'pk_test_123' },
        { status: 201 },
      ),
    ),
    http.post(`${BASE}/payment-methods`, async ({ request }) => {
      saves.push({ body: await request.json(), key: request.headers.get('Idempotency-Key') });
      return HttpResponse.json(
        { ...card, id: '7a1e9f00-0000-4000-8000-000000000009' },
        {
          status: 201,
        },
      );
    }),
  );
  return saves;
}

beforeEach(() => stripeJs.loadStripe.mockReset());

describe('adding a method: the gateway decides the form', () => {
  it('under the sandbox (the card setup answers 409) offers the test methods, without Stripe.js', async () => {
    const { requests } = signedIn();
    const { user } = renderApp('/portal/payment-methods');
    await user.click(await screen.findByRole('button', { name: 'Add payment method' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a payment method' });
    expect(await within(dialog).findByLabelText('Test method')).toBeInTheDocument();
    expect(within(dialog).queryByRole('group', { name: 'Card details' })).toBeNull();
    expect(stripeJs.loadStripe).not.toHaveBeenCalled();
    expect(
      requests.filter((r) => r.url.pathname.endsWith('/payment-methods/setup-intents')),
    ).toHaveLength(1);
  });

  it("under Stripe mounts Stripe's card field, confirms the card, then saves the method Stripe saved", async () => {
    signedIn();
    const saves = stripeGateway();
    const { element, stripe } = standInStripe(async () => succeeded);
    const { user } = renderApp('/portal/payment-methods');
    await user.click(await screen.findByRole('button', { name: 'Add payment method' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a payment method' });

    const field = await within(dialog).findByRole('group', { name: 'Card details' });
    await waitFor(() => expect(element.mount).toHaveBeenCalledTimes(1));
    expect(stripeJs.loadStripe).toHaveBeenCalledWith('pk_test_123');
    expect(within(field).getByTitle('Secure card payment input frame')).toBeInTheDocument();
    expect(within(dialog).queryByLabelText('Test method')).toBeNull();

    await user.type(within(dialog).getByLabelText('Name (optional)'), 'Office card');
    await user.click(within(dialog).getByRole('button', { name: 'Add card' }));

    expect(await screen.findByText('Payment method added')).toBeInTheDocument();
    expect(stripe.confirmCardSetup).toHaveBeenCalledWith('seti_123_secret_abc', {
      payment_method: { card: element },
    });
    expect(saves).toEqual([
      {
        body: { token: 'pm_saved', setupIntentId: 'seti_123', friendlyName: 'Office card' },
        key: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    ]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(element.destroy).toHaveBeenCalled();
  });

  it("shows Stripe's decline and saves nothing; the corrected card is confirmed and saved", async () => {
    signedIn();
    const saves = stripeGateway();
    const answers = [
      { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } },
      succeeded,
    ];
    const { element, stripe } = standInStripe(async () => answers.shift());
    const { user } = renderApp('/portal/payment-methods');
    await user.click(await screen.findByRole('button', { name: 'Add payment method' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a payment method' });
    await waitFor(() => expect(element.mount).toHaveBeenCalled());

    await user.click(within(dialog).getByRole('button', { name: 'Add card' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Your card was declined.');
    expect(saves).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Add card' }));
    expect(await screen.findByText('Payment method added')).toBeInTheDocument();
    expect(stripe.confirmCardSetup).toHaveBeenCalledTimes(2);
    expect(saves.map((s) => s.body)).toEqual([{ token: 'pm_saved', setupIntentId: 'seti_123' }]);
  });

  it('after Stripe confirmed, a failed save is retried without confirming the card again', async () => {
    signedIn();
    const saves = stripeGateway();
    server.use(http.post(`${BASE}/payment-methods`, () => HttpResponse.error(), { once: true }));
    const { element, stripe } = standInStripe(async () => succeeded);
    const { user } = renderApp('/portal/payment-methods');
    await user.click(await screen.findByRole('button', { name: 'Add payment method' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a payment method' });
    await waitFor(() => expect(element.mount).toHaveBeenCalled());

    await user.click(within(dialog).getByRole('button', { name: 'Add card' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Could not add the card: Could not reach the server.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Add card' }));
    expect(await screen.findByText('Payment method added')).toBeInTheDocument();
    expect(stripe.confirmCardSetup).toHaveBeenCalledTimes(1);
    expect(saves.map((s) => s.body)).toEqual([{ token: 'pm_saved', setupIntentId: 'seti_123' }]);
  });
});
