// The two public reads the seat map and the seat list are drawn from. The geometry's URL carries
// its content hash, so a browser or an edge may keep it for good (app/api/events/[eventId]/seats).
export const seatsUrl = (eventId: string, hash: string | null) => `/api/events/${eventId}/seats${hash ? `?v=${hash}` : ''}`;
export const availabilityUrl = (eventId: string) => `/api/events/${eventId}/availability`;
