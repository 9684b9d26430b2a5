'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/db';
import { actionFanRequest } from '@/lib/actions/fan-request';
import { safeAction } from '@/lib/actions/safe-action';
import { holdSeats } from '@/lib/booking/hold-seats';
import type { HoldVia } from '@/lib/booking/hold-input';
import { getKv } from '@/lib/kv';

// Each action here is a public endpoint that holds seats, so each is only sign-in plus the one
// guarded door (lib/booking/hold-seats.ts), which rate-limits, parses the input strictly and
// checks waiting-room admission before the hold.
const anyInput = z.record(z.string(), z.unknown());

async function hold(via: HoldVia, input: unknown, user: Parameters<typeof actionFanRequest>[0]): Promise<never> {
  const { reservationId } = await holdSeats(db, getKv(), await actionFanRequest(user), via, input);
  redirect(`/reservations/${reservationId}`);
}

// Seats by their index in the event's seat order: the map and the seat list both pick this way.
export const holdMapSeats = safeAction({ schema: anyInput, auth: true }, (input, { user }) => hold('seats', input, user));

// "Best available": the server picks the seats and holds them in the same call.
export const holdBestSeats = safeAction({ schema: anyInput, auth: true }, (input, { user }) => hold('form-best', input, user));
