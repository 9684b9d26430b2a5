'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/db';
import { safeAction, toList } from '@/lib/actions/safe-action';
import { reserveInputSchema } from '@/lib/booking/reserve-input';
import { reserveSeats } from '@/lib/booking/reserve-seats';
import { AppError } from '@/lib/errors';
import { getKv } from '@/lib/kv';

const holdSeatsSchema = z.object({
  eventId: reserveInputSchema.shape.eventId,
  // Checkboxes: none checked sends nothing, one sends a lone string.
  ticketIds: z.preprocess(toList, reserveInputSchema.shape.ticketIds),
});

export const holdSeats = safeAction({ schema: holdSeatsSchema, auth: true }, async ({ eventId, ticketIds }, { user }) => {
  let reservationId: string;
  try {
    ({ reservationId } = await reserveSeats(db, getKv(), { userId: user.id, eventId, ticketIds }));
  } catch (error) {
    // Someone else got there first: re-render the seat list in the same response so the fan
    // sees those seats as held while reading which ones they lost.
    if (error instanceof AppError && error.code === 'seats_taken') refresh();
    throw error;
  }
  redirect(`/reservations/${reservationId}`);
});
