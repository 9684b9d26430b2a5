'use server';

import { headers } from 'next/headers';
import { db } from '@/db';
import { safeAction } from '@/lib/actions/safe-action';
import { createUser } from '@/lib/auth/create-user';
import { signUpSchema } from '@/lib/auth/sign-up-schema';
import { getKv } from '@/lib/kv';
import { clientIp } from '@/lib/rate-limit/client-ip';
import { enforceRateLimit } from '@/lib/rate-limit/enforce';

// Creates the account only. The browser then signs in through next-auth with the same
// credentials, so there is one way a session cookie is ever issued.
export const signUp = safeAction({ schema: signUpSchema }, async (input) => {
  await enforceRateLimit(getKv(), 'sign-up', { fan: input.email, ip: clientIp(await headers()) });
  const user = await createUser(db, input);
  return { ok: true as const, email: user.email };
});
