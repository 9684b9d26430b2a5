'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { RedirectingAction } from '@/lib/actions/safe-action';
import { formatMoney } from '@/lib/money';
import styles from './seat-map.module.css';

type Props = {
  eventId: string;
  currency: string;
  prices: number[];
  maxSeats: number;
  signInUrl: string | null;
  /** The best-available hold action (passed down: components never import app/). */
  holdAction: RedirectingAction;
};

/** "Best available": the fan says how many and what they will pay; the server picks and holds. */
export function BestAvailableForm({ eventId, currency, prices, maxSeats, signInUrl, holdAction }: Props) {
  // Success redirects to the hold page, so the state only ever holds a failure.
  const [state, action, pending] = useActionState(holdAction, null);
  const error = state && 'error' in state ? state.error : null;
  const seatCountOptions = Array.from({ length: maxSeats }, (_, i) => (
    <option key={i + 1} value={i + 1}>
      {i + 1}
    </option>
  ));
  const priceOptions = (emptyLabel: string) => [
    <option key="" value="">
      {emptyLabel}
    </option>,
    ...prices.map((p) => (
      <option key={p} value={p}>
        {formatMoney(p, currency)}
      </option>
    )),
  ];
  return (
    <form action={action} className="card" aria-labelledby="best-heading" aria-describedby={error ? 'best-error' : undefined}>
      <h3 id="best-heading">Best available seats</h3>
      <p className="muted">We find seats together in one row, as close to the stage as your price allows, and hold them for you.</p>
      <input type="hidden" name="eventId" value={eventId} />
      <div className={styles.filters}>
        <div>
          <label htmlFor="best-quantity">Seats</label>
          <select id="best-quantity" name="quantity" defaultValue="2">
            {seatCountOptions}
          </select>
        </div>
        <div>
          <label htmlFor="best-wheelchair">Wheelchair spaces among them</label>
          <select id="best-wheelchair" name="wheelchair" defaultValue="" aria-describedby="best-wheelchair-help">
            <option value="">None</option>
            {seatCountOptions}
          </select>
        </div>
        <div>
          <label htmlFor="best-min-price">Lowest price</label>
          <select id="best-min-price" name="minPrice" defaultValue="">
            {priceOptions('No minimum')}
          </select>
        </div>
        <div>
          <label htmlFor="best-max-price">Highest price</label>
          <select id="best-max-price" name="maxPrice" defaultValue="">
            {priceOptions('No maximum')}
          </select>
        </div>
        {signInUrl ? (
          <Link href={signInUrl} className="btn btn-primary">
            Sign in to find seats
          </Link>
        ) : (
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {pending ? 'Finding seats…' : 'Find best seats'}
          </button>
        )}
      </div>
      <p id="best-wheelchair-help" className="muted">
        The other seats are companion seats beside the wheelchair spaces: 2 seats with 1 wheelchair space is a space and a companion seat.
      </p>
      {error ? (
        <div id="best-error" role="alert" className="alert alert-error">
          <p>{error.fieldErrors?.maxPrice?.[0] ?? error.fieldErrors?.wheelchair?.[0] ?? error.message}</p>
        </div>
      ) : null}
    </form>
  );
}
