import { db } from '@/db';
import { getSessionUser } from '@/lib/auth/session';
import { privateJson } from '@/lib/http/private-json';
import { route } from '@/lib/http/route';
import { fanChannel } from '@/lib/realtime/fan-channel';
import { listMyWaitlist } from '@/lib/waitlist/list-my-waitlist';

// The offer banner's read on every page (components/waitlist/offer-banner.tsx): the signed-in
// fan's open waitlist offers. Signed out: nothing, rather than a 401 on every page view.
export const GET = route(async () => {
  const user = await getSessionUser();
  if (!user) return privateJson({ offers: [], waiting: 0, channel: null });
  // The fan's private channel, so the banner hears of a new offer at once (lib/realtime/fan-channel.ts).
  return privateJson({ ...(await listMyWaitlist(db, user.id)), channel: fanChannel(user.id) });
});
