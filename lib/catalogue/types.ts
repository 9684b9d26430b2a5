import type { QueueMode } from '@/db/schema';
import type { SeatMap, VenueKind } from '@/lib/venues/seat-map';

// The write side of the catalogue: what an organiser (or the seed, or a test) puts on.

export type NewVenue = {
  /** Only the seed passes one, to keep its rows reproducible. */
  id?: string;
  name: string;
  kind: VenueKind;
  address: string;
  city: string;
  /** IANA zone: show times are printed in the venue's local time. */
  timezone: string;
  seatMap: SeatMap;
};

export type NewPerformer = { id?: string; name: string; genre: string; homeCity?: string; bio?: string };

export type QueueSettingsInput = {
  mode: QueueMode;
  outflowPerMinute: number;
  admissionWindowSeconds: number;
  autoThresholdPerMinute: number;
};

export type NewEvent = {
  id?: string;
  /** The organiser's own id: a re-import finds the event by it. */
  externalId?: string | null;
  name: string;
  description?: string;
  category: string;
  performerId: string;
  venueId: string;
  /** Where the show is listed; the venue's city when omitted. */
  city?: string;
  date: Date;
  onSaleAt: Date;
  currency: string;
  queue?: QueueSettingsInput;
};

/** Each price tier of the venue's map to its all-in price in minor units of the event's currency. */
export type TierPrices = Record<string, number>;

export type EventChanges = Partial<Pick<NewEvent, 'name' | 'description' | 'category' | 'performerId' | 'date' | 'onSaleAt' | 'queue'>>;
