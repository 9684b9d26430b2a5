import type { TicketStatus } from '@/db/schema';

export type SeatStatus = TicketStatus;
export type SeatChange = { id: string; status: SeatStatus };

/** One committed seat change of one event. `version` is events.seat_version after the change. */
export type SeatDiff = { eventId: string; version: number; changes: SeatChange[] };
