import { db } from '@/db';
import { createUser } from '@/lib/auth/create-user';
import { readJson, route } from '@/lib/http/route';

// Account creation for API clients; the sign-up page uses the same createUser.
export const POST = route(async (request) => {
  const user = await createUser(db, await readJson(request));
  return Response.json({ user }, { status: 201 });
});
