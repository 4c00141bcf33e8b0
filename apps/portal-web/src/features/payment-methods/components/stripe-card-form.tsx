import { Button, Dialog, TextField } from '@settle/ui';
import type { Stripe, StripeCardElement } from '@stripe/stripe-js';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

import { problemMessage } from '@/lib/problem';

import type { CardSetup } from '../api/card-setup';
import { useAddPaymentMethod } from '../api/manage-methods';
import { loadStripeJs } from '../stripe/load-stripe';

/** The SetupIntent Stripe confirmed and the PaymentMethod it saved: what the API stores. */
interface ConfirmedCard {
  setupIntentId: string;
  paymentMethod: string;
}

/**
 * A card typed into Stripe's own fields (the Card Element, in Stripe's frame): on submit Stripe.js
 * confirms the SetupIntent with the card, then the API stores the method it saved. The card
 * number goes to Stripe only. A declined card can be corrected and confirmed again; once Stripe
 * has confirmed, a failed save is retried without confirming twice.
 */
export function StripeCardForm({
  title,
  organizationId,
  setup,
  idempotencyKey,
  onAdded,
  onClose,
}: {
  title: string;
  organizationId: string;
  setup: CardSetup;
  idempotencyKey: string;
  onAdded: () => void;
  onClose: () => void;
}) {
  const add = useAddPaymentMethod(organizationId);
  const labelId = useId();
  const mountRef = useRef<HTMLDivElement>(null);
  const [stripe, setStripe] = useState<{ stripe: Stripe; card: StripeCardElement } | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [cardError, setCardError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [confirmed, setConfirmed] = useState<ConfirmedCard | null>(null);
  const [friendlyName, setFriendlyName] = useState('');

  useEffect(() => {
    let cancelled = false;
    let card: StripeCardElement | null = null;
    loadStripeJs(setup.publishableKey).then(
      (loaded) => {
        if (cancelled || !mountRef.current) return;
        card = loaded.elements().create('card');
        card.on('change', (event) => setCardError(event.error?.message ?? null));
        card.mount(mountRef.current);
        setStripe({ stripe: loaded, card });
      },
      () => {
        if (!cancelled) setLoadFailed(true);
      },
    );
    return () => {
      cancelled = true;
      card?.destroy();
    };
  }, [setup.publishableKey]);

  const save = (card: ConfirmedCard) => {
    const name = friendlyName.trim();
    add.mutate(
      {
        idempotencyKey,
        body: {
          token: card.paymentMethod,
          setupIntentId: card.setupIntentId,
          ...(name ? { friendlyName: name } : {}),
        },
      },
      { onSuccess: onAdded },
    );
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (confirmed) return save(confirmed);
    if (!stripe) return;
    setCardError(null);
    setConfirming(true);
    const result = await stripe.stripe.confirmCardSetup(setup.clientSecret, {
      payment_method: { card: stripe.card },
    });
    setConfirming(false);
    if (result.error) {
      setCardError(result.error.message ?? 'The card was not accepted. Check it and try again.');
      return;
    }
    const method = result.setupIntent.payment_method;
    if (!method) {
      setCardError('Stripe did not save the card. Try again.');
      return;
    }
    const card = {
      paymentMethod: typeof method === 'string' ? method : method.id,
      setupIntentId: result.setupIntent.id,
    };
    setConfirmed(card);
    save(card);
  };

  const busy = confirming || add.isPending;
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            variant="primary"
            type="submit"
            form="add-payment-method"
            loading={busy}
            disabled={!stripe && !confirmed}
          >
            Add card
          </Button>
        </>
      }
    >
      <form id="add-payment-method" onSubmit={submit} className="portal-form">
        <p className="ui-muted">
          Your card details go straight to Stripe, our payment processor: we never see or store the
          card number.
        </p>
        <div role="group" aria-labelledby={labelId} className="portal-card-field">
          <span id={labelId} className="portal-card-field__label">
            Card details
          </span>
          <div ref={mountRef} className="portal-card-field__input" data-testid="stripe-card" />
          {!stripe && !loadFailed && <p className="ui-muted">Loading the secure card form…</p>}
          {loadFailed && (
            <p role="alert" className="portal-text-danger">
              The secure card form could not be loaded. Check your connection, then close this and
              try again.
            </p>
          )}
        </div>
        <TextField
          label="Name (optional)"
          hint="What you call it, such as “Office card”."
          maxLength={80}
          value={friendlyName}
          onChange={(e) => setFriendlyName(e.target.value)}
        />
        {cardError && (
          <p role="alert" className="portal-text-danger">
            {cardError}
          </p>
        )}
        {add.isError && (
          <p role="alert" className="portal-text-danger">
            Could not add the card: {problemMessage(add.error)}
          </p>
        )}
      </form>
    </Dialog>
  );
}
