'use client';

import { useQueryClient } from '@tanstack/react-query';
import PusherClient from 'pusher-js';
import { useEffect, useState } from 'react';
import { applySeatDiff, type LiveAvailability } from '@/lib/realtime/apply-seat-diff';
import type { SeatDiffMessage } from '@/lib/realtime/batch-seat-diff';
import { seatChannel, seatEventName, type PusherClientConfig } from '@/lib/realtime/channels';
import { rememberDiff } from './recent-diffs';
import { availabilityKey } from './use-seat-data';

export type LiveState = 'connecting' | 'live' | 'polling';

/**
 * Applies seat diffs from Pusher to the cached availability. A gap in versions, or a reconnect
 * (messages may have been missed while away), refetches the snapshot; while the connection is
 * unavailable or failed, the caller polls.
 */
export function useLiveSeats(eventId: string, config: PusherClientConfig | null): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>(config ? 'connecting' : 'polling');
  // The config arrives as props from a server component; a refresh hands over an equal object
  // that must not reconnect.
  const configKey = config ? JSON.stringify(config) : null;

  useEffect(() => {
    if (!configKey) return;
    const config = JSON.parse(configKey) as PusherClientConfig;
    const key = availabilityKey(eventId);
    const refetch = () => void queryClient.invalidateQueries({ queryKey: key });
    const client = new PusherClient(config.key, {
      cluster: config.cluster,
      forceTLS: config.useTLS,
      ...(config.host ? { wsHost: config.host, wssPort: config.port ?? 443, wsPort: config.port ?? 80 } : {}),
      enabledTransports: ['ws', 'wss'],
    });
    let connectedBefore = false;
    client.connection.bind('state_change', ({ current }: { current: string }) => {
      if (current === 'connected') {
        if (connectedBefore) refetch();
        connectedBefore = true;
        setState('live');
      } else if (current === 'unavailable' || current === 'failed') {
        setState('polling');
      }
    });
    const channel = client.subscribe(seatChannel(eventId));
    channel.bind(seatEventName, (message: SeatDiffMessage) => {
      rememberDiff(eventId, message);
      const current = queryClient.getQueryData<LiveAvailability>(key);
      // Before the first snapshot there is nothing to patch; the snapshot gets this applied.
      if (!current) return;
      const result = applySeatDiff(current, message);
      if (result.kind === 'applied') queryClient.setQueryData(key, result.state);
      else if (result.kind === 'gap') refetch();
    });
    return () => {
      client.unsubscribe(seatChannel(eventId));
      client.disconnect();
    };
  }, [configKey, eventId, queryClient]);

  return state;
}
