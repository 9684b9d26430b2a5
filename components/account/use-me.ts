'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';

// The fan's own data, fetched by the browser from small private endpoints, so that every page
// the edge caches can be the same for everyone (DESIGN, invariant 8).

export type Me = { user: { name: string; email: string } | null };
export type MyEventState = { seats: number[]; queueRequired: boolean };

// Everything private sits under one key, so a sign-in or sign-out drops all of it at once.
const privateKey = ['me'] as const;
const meKey = [...privateKey, 'session'] as const;
export const myEventKey = (eventId: string) => [...privateKey, 'event', eventId] as const;

async function getPrivate<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}

/** Who is signed in; `undefined` while the answer is on its way. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: () => getPrivate<Me>('/api/me'), staleTime: 60_000 });
}

/** The seats this fan holds at the event and whether the waiting room wants them first. */
export function useMyEventState(eventId: string) {
  return useQuery({
    queryKey: myEventKey(eventId),
    queryFn: () => getPrivate<MyEventState>(`/api/me/holds?eventId=${encodeURIComponent(eventId)}`),
  });
}

/** For the forms that change who is signed in: forget every private answer. */
export function useForgetMe(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: privateKey, refetchType: 'all' });
}
