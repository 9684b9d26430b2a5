'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { unpackStatuses } from '@/lib/events/availability-codec';
import { availabilityUrl } from '@/lib/events/read-urls';
import type { SeatCatalogue } from '@/lib/events/seat-catalogue';
import { decodeSeatMap } from '@/lib/events/seat-map-codec';
import type { LiveAvailability } from '@/lib/realtime/apply-seat-diff';
import { buildLayout, type Layout } from './geometry';
import { priceBands, type PriceBands } from './price-bands';
import { withRecentDiffs } from './recent-diffs';

/** `flags`: every seat's flag bits together, so the page offers only the filters that find something. */
export type Catalogue = { currency: string; layout: Layout; prices: number[]; bands: PriceBands; flags: number };

export const availabilityKey = (eventId: string) => ['availability', eventId] as const;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}

/**
 * Geometry and prices: fetched once, cached by the browser and the CDN, rows expanded to seats
 * here. The map and the seat list share it (same query key).
 */
export function useCatalogue(eventId: string, url: string) {
  const query = useQuery({
    queryKey: ['seats', eventId],
    queryFn: () => getJson<SeatCatalogue>(url),
    staleTime: Infinity,
  });
  const catalogue = useMemo<Catalogue | null>(() => {
    if (!query.data) return null;
    const { currency, map } = query.data;
    const prices = query.data.prices.flatMap(([price, count]) => new Array<number>(count).fill(price));
    const layout = buildLayout(decodeSeatMap(map));
    const flags = layout.seats.reduce((bits, seat) => bits | seat.flags, 0);
    return { currency, layout, prices, bands: priceBands(prices), flags };
  }, [query.data]);
  return { catalogue, error: query.error };
}

/**
 * Compact statuses with their version; `pollMs` is set while the live connection is down. Diffs
 * keep them fresh while a map is open; a refetch happens on a gap, a reconnect, a failed
 * connection, and whenever a map or a list mounts (the cache outlives a visit to another page,
 * and no diff reaches a page that is not open). A snapshot never moves the statuses back to an
 * older version than the ones held.
 */
export function useAvailability(eventId: string, pollMs: number | false) {
  const client = useQueryClient();
  return useQuery({
    queryKey: availabilityKey(eventId),
    queryFn: async (): Promise<LiveAvailability> => {
      const a = await getJson<{ version: number; count: number; statuses: string }>(availabilityUrl(eventId));
      const fetched = withRecentDiffs(eventId, { version: a.version, statuses: unpackStatuses(a.statuses, a.count), pending: null });
      const held = client.getQueryData<LiveAvailability>(availabilityKey(eventId));
      return held && held.version > fetched.version ? held : fetched;
    },
    refetchInterval: pollMs,
    refetchOnMount: 'always',
    staleTime: 30_000,
  });
}
