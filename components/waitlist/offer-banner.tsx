'use client';

import { useQueryClient } from '@tanstack/react-query';
import PusherClient from 'pusher-js';
import Link from 'next/link';
import { useEffect } from 'react';
import { useMe } from '@/components/account/use-me';
import type { PusherClientConfig } from '@/lib/realtime/channels';
import { waitlistOfferEvent } from '@/lib/realtime/fan-channel';
import { myWaitlistKey, useMyWaitlist } from './use-waitlist';

/**
 * On every page of a signed-in fan: "seats are held for you" for each open waitlist offer, with
 * the way to the hold. It hears of a new offer at once on the fan's private channel (signed by
 * /api/realtime/auth), and polls /api/me/waitlist slowly while the fan waits, in case it did not.
 */
export function OfferBanner({ pusher }: { pusher: PusherClientConfig | null }) {
  const me = useMe();
  const signedIn = Boolean(me.data?.user);
  const waitlist = useMyWaitlist(signedIn);
  const channel = waitlist.data?.channel ?? null;
  const queryClient = useQueryClient();
  const configKey = pusher ? JSON.stringify(pusher) : null;

  useEffect(() => {
    if (!configKey || !channel) return;
    const config = JSON.parse(configKey) as PusherClientConfig;
    const client = new PusherClient(config.key, {
      cluster: config.cluster,
      forceTLS: config.useTLS,
      ...(config.host ? { wsHost: config.host, wssPort: config.port ?? 443, wsPort: config.port ?? 80 } : {}),
      enabledTransports: ['ws', 'wss'],
      channelAuthorization: { endpoint: '/api/realtime/auth', transport: 'ajax' },
    });
    // The banner's list and any event page's own entry (same key prefix).
    const refetch = () => void queryClient.invalidateQueries({ queryKey: myWaitlistKey });
    client.subscribe(channel).bind(waitlistOfferEvent, refetch);
    return () => {
      client.unsubscribe(channel);
      client.disconnect();
    };
  }, [configKey, channel, queryClient]);

  const offers = waitlist.data?.offers ?? [];
  if (offers.length === 0) return null;
  return (
    <div className="container" role="alert" aria-live="assertive" data-testid="waitlist-offer-banner">
      {offers.map((o) => (
        <div key={o.reservationId} className="alert alert-success">
          <p className="alert-title">Seats are held for you: {o.eventName}</p>
          <p>
            {o.seats === 1 ? 'A seat' : `${o.seats} seats`} came free and you were next on the waitlist. They are yours alone until{' '}
            <time dateTime={o.expiresAt}>{new Date(o.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</time>.{' '}
            <Link href={`/reservations/${o.reservationId}`}>Go to your hold and pay</Link>
          </p>
        </div>
      ))}
    </div>
  );
}
