// Shared by the publisher and the browser: one public channel per event, one event name. Public
// because seat availability is public anyway (the availability endpoint serves it to anyone).
export const seatChannel = (eventId: string) => `seats-${eventId}`;
export const seatEventName = 'seats';

/** What the browser needs to reach the Pusher-protocol server; no secrets. */
export type PusherClientConfig = { key: string; cluster: string; host: string | null; port: number | null; useTLS: boolean };
