'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/db';
import { safeAction } from '@/lib/actions/safe-action';
import { AppError } from '@/lib/errors';
import { getKv } from '@/lib/kv';
import { requeueFan } from '@/lib/waiting-room/queue';
import { getQueueSettings } from '@/lib/waiting-room/settings';

// A fan who let the admission window pass may queue again, at the back.
export const rejoinQueue = safeAction({ schema: z.object({ eventId: z.uuid() }), auth: true }, async ({ eventId }, { user }) => {
  const settings = await getQueueSettings(db, eventId);
  if (!settings) throw new AppError('not_found', 'No such event.');
  await requeueFan(getKv(), settings, user.id);
  redirect(`/queue/${settings.eventId}`);
});
