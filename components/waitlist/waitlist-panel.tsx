'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useMe } from '@/components/account/use-me';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { signInHref } from '@/lib/callback-url';
import { formatMoney } from '@/lib/money';
import { myWaitlistKey, useWaitlistEntry, waitlistEntryKey } from './use-waitlist';

type Props = { eventId: string; currency: string; prices: number[]; maxQuantity: number };

/**
 * The event page's waitlist: for a sold-out event (or price band), a fan names how many seats
 * and the most they will pay each, and is offered freed seats in order of joining. Private, so
 * a client island over GET/POST/DELETE /api/events/{id}/waitlist.
 */
export function WaitlistPanel({ eventId, currency, prices, maxQuantity }: Props) {
  const me = useMe();
  const signedIn = Boolean(me.data?.user);
  const entry = useWaitlistEntry(eventId, signedIn);
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bands = [...new Set(prices)].sort((a, b) => a - b);

  async function send(method: 'POST' | 'DELETE', body?: unknown) {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/events/${eventId}/waitlist`, {
        method,
        credentials: 'same-origin',
        ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
      });
      if (!res.ok) {
        const answer = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(answer?.error?.message ?? 'That did not work. Please try again.');
      }
      await queryClient.invalidateQueries({ queryKey: waitlistEntryKey(eventId) });
      await queryClient.invalidateQueries({ queryKey: myWaitlistKey, exact: true });
    } finally {
      setBusy(false);
    }
  }

  function join(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    void send('POST', { quantity: Number(form.get('quantity')), maxPrice: Number(form.get('maxPrice')) });
  }

  if (me.data?.user === null) {
    return (
      <p>
        Sold out? <Link href={signInHref(`/events/${eventId}`)}>Sign in</Link> to join the waitlist and be offered seats that come free.
      </p>
    );
  }
  if (!signedIn || entry.isPending) return null;
  const current = entry.data?.entry ?? null;
  const open = current && (current.status === 'waiting' || current.status === 'offered');

  return (
    <div className="stack" data-testid="waitlist-panel">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {current?.offer ? (
        <Alert tone="success" title="Seats are held for you">
          Your turn came: <Link href={`/reservations/${current.offer.reservationId}`}>go to your hold and pay</Link> before{' '}
          {new Date(current.offer.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.
        </Alert>
      ) : null}
      {open && current.status === 'waiting' ? (
        <p role="status">
          You are on the waitlist for {current.quantity} {current.quantity === 1 ? 'seat' : 'seats'} at up to{' '}
          {formatMoney(current.maxPrice, currency)} each
          {current.ahead > 0 ? `, with ${current.ahead} ${current.ahead === 1 ? 'fan' : 'fans'} ahead of you` : ', first in line'}. We will
          hold seats for you and tell you here and by email when some come free.
        </p>
      ) : null}
      {current && current.status === 'lapsed' ? (
        <p className="muted">Your last offer ran out and went to the next fan. You may join again.</p>
      ) : null}
      {open ? (
        <Button variant="secondary" disabled={busy} onClick={() => void send('DELETE')}>
          Leave the waitlist
        </Button>
      ) : (
        <form className="form" onSubmit={join} aria-label="Join the waitlist">
          <p>
            Sold out, or nothing in your price? Join the waitlist: when seats come free, the next fans in line get them held for a few
            minutes.
          </p>
          <div className="field">
            <label htmlFor="waitlist-quantity">Seats to wait for</label>
            <select id="waitlist-quantity" name="quantity" defaultValue="2">
              {Array.from({ length: maxQuantity }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="waitlist-price">Most I will pay per seat</label>
            <select id="waitlist-price" name="maxPrice" defaultValue={bands.at(-1) ?? 0}>
              {bands.map((p) => (
                <option key={p} value={p}>
                  {formatMoney(p, currency)}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" disabled={busy || bands.length === 0}>
            Join the waitlist
          </Button>
        </form>
      )}
    </div>
  );
}
