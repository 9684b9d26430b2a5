'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/db';
import { safeAction } from '@/lib/actions/safe-action';
import { releaseHold as releaseHoldInDb } from '@/lib/booking/release-hold';
import { startPayment } from '@/lib/booking/start-payment';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { getKv } from '@/lib/kv';

const uuid = z.string().refine(isUuid, 'Not a valid id');

// eventId only chooses where to send the fan afterwards; the hold itself is checked against
// the session inside releaseHold.
const schema = z.object({ reservationId: uuid, eventId: uuid });

export const releaseHold = safeAction({ schema, auth: true }, async ({ reservationId, eventId }, { user }) => {
  try {
    await releaseHoldInDb(db, getKv(), { userId: user.id, reservationId });
  } catch (error) {
    // The hold ended some other way meanwhile: re-render the page so it shows how.
    if (error instanceof AppError && (error.code === 'hold_expired' || error.code === 'hold_not_active')) refresh();
    throw error;
  }
  redirect(`/events/${eventId.toLowerCase()}?released=1`);
});

// Off to Stripe's hosted checkout. A hold that ended meanwhile re-renders the page to show how.
export const payForHold = safeAction({ schema: z.object({ reservationId: uuid }), auth: true }, async ({ reservationId }, { user }) => {
  let checkoutUrl: string;
  try {
    ({ checkoutUrl } = await startPayment(db, getKv(), { userId: user.id, reservationId }));
  } catch (error) {
    if (error instanceof AppError && (error.code === 'hold_expired' || error.code === 'hold_not_active')) refresh();
    throw error;
  }
  redirect(checkoutUrl);
});
