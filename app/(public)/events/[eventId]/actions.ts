'use server';

import { refresh } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/db';
import { safeAction, toList } from '@/lib/actions/safe-action';
import { bestAvailableSchema, reserveBestAvailable } from '@/lib/booking/reserve-best-available';
import { maxTicketsPerHold, reserveInputSchema } from '@/lib/booking/reserve-input';
import { reserveSeats } from '@/lib/booking/reserve-seats';
import { AppError } from '@/lib/errors';
import { ticketIdsForSeats } from '@/lib/events/ticket-ids-for-seats';
import { getKv } from '@/lib/kv';
import { guardReserve } from '@/lib/waiting-room/reserve-guard';

const holdSeatsSchema = z.object({
  eventId: reserveInputSchema.shape.eventId,
  // Checkboxes: none checked sends nothing, one sends a lone string.
  ticketIds: z.preprocess(toList, reserveInputSchema.shape.ticketIds),
});

export const holdSeats = safeAction({ schema: holdSeatsSchema, auth: true }, async ({ eventId, ticketIds }, { user }) => {
  await guardReserve(eventId, user.id, await headers());
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

const holdMapSeatsSchema = z.object({
  eventId: reserveInputSchema.shape.eventId,
  seats: z
    .array(z.number().int().min(0))
    .min(1, 'Choose at least one seat')
    .max(maxTicketsPerHold, `Hold at most ${maxTicketsPerHold} seats at once`)
    .refine((s) => new Set(s).size === s.length, 'Each seat may appear only once'),
});

// The seat map names seats by their index in the event's seat order (it never downloads ticket ids).
export const holdMapSeats = safeAction({ schema: holdMapSeatsSchema, auth: true }, async ({ eventId, seats }, { user }) => {
  const ticketIds = await ticketIdsForSeats(db, eventId, seats);
  const { reservationId } = await reserveSeats(db, getKv(), { userId: user.id, eventId, ticketIds });
  redirect(`/reservations/${reservationId}`);
});

// "Best available": the server picks the seats and holds them in the same call.
export const holdBestSeats = safeAction({ schema: bestAvailableSchema, auth: true }, async (input, { user }) => {
  await guardReserve(input.eventId, user.id, await headers());
  const { reservationId } = await reserveBestAvailable(db, getKv(), { ...input, userId: user.id });
  redirect(`/reservations/${reservationId}`);
});
