'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/db';
import { actionFanRequest } from '@/lib/actions/fan-request';
import { safeAction } from '@/lib/actions/safe-action';
import { holdSeats } from '@/lib/booking/hold-seats';
import type { HoldVia } from '@/lib/booking/hold-input';
import { AppError } from '@/lib/errors';
import { getKv } from '@/lib/kv';

// Each action here is a public endpoint that holds seats, so each is only sign-in plus the one
// guarded door (lib/booking/hold-seats.ts), which rate-limits, parses the input strictly and
// checks waiting-room admission before the hold.
const anyInput = z.record(z.string(), z.unknown());

async function hold(via: HoldVia, input: unknown, user: Parameters<typeof actionFanRequest>[0]): Promise<never> {
  const { reservationId } = await holdSeats(db, getKv(), await actionFanRequest(user), via, input);
  redirect(`/reservations/${reservationId}`);
}

export const holdListedSeats = safeAction({ schema: anyInput, auth: true }, async (input, { user }) => {
  try {
    return await hold('form-tickets', input, user);
  } catch (error) {
    // Someone else got there first: re-render the seat list in the same response so the fan
    // sees those seats as held while reading which ones they lost.
    if (error instanceof AppError && error.code === 'seats_taken') refresh();
    throw error;
  }
});

export const holdMapSeats = safeAction({ schema: anyInput, auth: true }, (input, { user }) => hold('seats', input, user));

// "Best available": the server picks the seats and holds them in the same call.
export const holdBestSeats = safeAction({ schema: anyInput, auth: true }, (input, { user }) => hold('form-best', input, user));
