// A fan's own private channel (Pusher's private-* channels: the server signs each subscription
// at /api/realtime/auth, for the signed-in fan's own channel only). Carries waitlist offers.
export const fanChannel = (userId: string) => `private-fan-${userId}`;
export const waitlistOfferEvent = 'waitlist-offer';

export type WaitlistOfferMessage = { eventId: string; reservationId: string; expiresAt: string };
