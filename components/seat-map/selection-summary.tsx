'use client';

import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { formatMoney } from '@/lib/money';
import styles from './seat-map.module.css';

export type SelectedSeat = { index: number; label: string; price: number };

type Props = {
  seats: SelectedSeat[];
  currency: string;
  maxSeats: number;
  lostCount: number;
  error: string | null;
  pending: boolean;
  signInUrl: string | null;
  canHold: boolean;
  onHold: () => void;
  onClear: () => void;
};

export function SelectionSummary({ seats, currency, maxSeats, lostCount, error, pending, signInUrl, canHold, onHold, onClear }: Props) {
  const total = seats.reduce((n, s) => n + s.price, 0);
  return (
    <div className={`card ${styles.summary}`}>
      <h3>Your selection</h3>
      {lostCount > 0 ? (
        <div role="alert" className="alert alert-warning">
          <p>
            {lostCount === 1 ? 'One seat you chose was' : `${lostCount} seats you chose were`} just taken by another fan, so we took{' '}
            {lostCount === 1 ? 'it' : 'them'} out of your selection.
          </p>
        </div>
      ) : null}
      {error ? (
        <div role="alert" className="alert alert-error">
          <p>{error}</p>
        </div>
      ) : null}
      <p aria-live="polite">
        {seats.length === 0
          ? 'No seats selected. Pick seats on the map.'
          : `${seats.length} of ${maxSeats} seats selected, total ${formatMoney(total, currency)}`}
      </p>
      {seats.length > 0 ? (
        <ul>
          {seats.map((s) => (
            <li key={s.index}>
              {s.label}: {formatMoney(s.price, currency)}
            </li>
          ))}
        </ul>
      ) : null}
      {canHold ? (
        <div className={styles.toolbar}>
          {signInUrl ? (
            <Link href={signInUrl} className="btn btn-primary">
              Sign in to hold seats
            </Link>
          ) : (
            <Button onClick={onHold} disabled={pending || seats.length === 0}>
              {pending
                ? 'Holding your seats…'
                : seats.length === 0
                  ? 'Hold seats'
                  : `Hold ${seats.length === 1 ? '1 seat' : `${seats.length} seats`}`}
            </Button>
          )}
          {seats.length > 0 ? (
            <Button variant="ghost" onClick={onClear}>
              Clear selection
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
