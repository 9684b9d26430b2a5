import { getSessionUser } from '@/lib/auth/session';
import { route } from '@/lib/http/route';
import { privateJson } from '@/lib/http/private-json';

// Who is signed in, for the header's account links: the one thing the shared, cacheable pages
// leave out. Never stored by anyone but this fan's browser.
export const GET = route(async () => {
  const user = await getSessionUser();
  return privateJson({ user: user ? { name: user.name, email: user.email } : null });
});
