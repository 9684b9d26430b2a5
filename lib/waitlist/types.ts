import type { WaitlistStatus } from '@/db/schema';

/** What a fan sees of their place on an event's waitlist. */
export type WaitlistView = {
  id: string;
  eventId: string;
  quantity: number;
  maxPrice: number;
  section: string | null;
  status: WaitlistStatus;
  /** Fans still waiting ahead of this one (0 when first or no longer waiting). */
  ahead: number;
  joinedAt: string;
  /** An open offer: seats held for this fan until expiresAt. */
  offer: { reservationId: string; expiresAt: string } | null;
};

/** The banner's answer: this fan's open offers across events and whether anything is waiting. */
export type MyWaitlist = {
  offers: Array<{ eventId: string; eventName: string; reservationId: string; expiresAt: string; seats: number }>;
  waiting: number;
};
