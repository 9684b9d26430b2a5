'use client';

import { useQuery } from '@tanstack/react-query';
import type { MyWaitlist, WaitlistView } from '@/lib/waitlist/types';

// Under the 'me' key like every private answer (components/account/use-me.ts): a sign-in or
// sign-out drops them with the rest.
export const myWaitlistKey = ['me', 'waitlist'] as const;
export const waitlistEntryKey = (eventId: string) => ['me', 'waitlist', eventId] as const;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}

/** The fan's open offers and private channel; polled slowly while something waits, in case a push is missed. */
export function useMyWaitlist(enabled: boolean) {
  return useQuery({
    queryKey: myWaitlistKey,
    queryFn: () => getJson<MyWaitlist & { channel: string | null }>('/api/me/waitlist'),
    enabled,
    // Asked on every page of a signed-in fan: reuse an answer for a few seconds (a push refetches).
    staleTime: 10_000,
    refetchInterval: (query) => (query.state.data && (query.state.data.waiting > 0 || query.state.data.offers.length > 0) ? 15_000 : false),
  });
}

export function useWaitlistEntry(eventId: string, enabled: boolean) {
  return useQuery({
    queryKey: waitlistEntryKey(eventId),
    queryFn: () => getJson<{ entry: WaitlistView | null }>(`/api/events/${eventId}/waitlist`),
    enabled,
  });
}
