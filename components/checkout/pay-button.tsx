'use client';

// The /pure entry injects Stripe.js only when loadStripe() is called; the plain entry would add
// the script tag on import, even with no key (and fail offline).
import { loadStripe } from '@stripe/stripe-js/pure';
import { useActionState, useEffect } from 'react';
import type { SafeAction } from '@/lib/actions/safe-action';

/**
 * Sends the fan to Stripe Checkout. With a publishable key, Stripe.js is loaded on this page
 * too: Stripe recommends it on every page of the purchase for its fraud signals. Without one
 * (development, tests) nothing is loaded from the network.
 */
export function PayButton({
  reservationId,
  total,
  publishableKey,
  payAction,
}: {
  reservationId: string;
  total: string;
  publishableKey?: string;
  /** Starts Checkout and redirects to it (passed down: components never import app/). */
  payAction: SafeAction<never>;
}) {
  const [state, formAction, pending] = useActionState(payAction, null);

  useEffect(() => {
    if (publishableKey) void loadStripe(publishableKey).catch(() => {});
  }, [publishableKey]);

  return (
    <form action={formAction} className="actions">
      <input type="hidden" name="reservationId" value={reservationId} />
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? 'Opening checkout…' : `Pay ${total}`}
      </button>
      <div role="alert">
        {state ? (
          <div className="alert alert-error">
            <p className="alert-title">We could not start the payment</p>
            <p>{state.error.message}</p>
          </div>
        ) : null}
      </div>
    </form>
  );
}
