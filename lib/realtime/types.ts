import type { TicketStatus } from '@/db/schema';

export type SeatStatus = TicketStatus;
/** `seat`, the seat's index, when the operation already knows it (spares a lookup after commit). */
export type SeatChange = { id: string; status: SeatStatus; seat?: number };

/** One committed seat change of one event. `version` is events.seat_version after the change. */
export type SeatDiff = { eventId: string; version: number; changes: SeatChange[] };
