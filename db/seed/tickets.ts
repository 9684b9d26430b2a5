import type { SeedVenue } from './catalogue';
import { copyText } from './copy';
import type { SeedEvent } from './events';
import { tierPrices } from './pricing';
import { stream, uuid } from './random';

export const ticketColumns = ['id', 'event_id', 'seat_index', 'section', 'row', 'number', 'tier', 'price_minor', 'currency'];

// A venue's seats as the fixed part of a COPY line ("section\trow\tnumber\ttier"), in seat-map
// order, with each seat's tier position for the price lookup.
type VenueSeats = { lines: string[]; tiers: Uint8Array };

function venueSeats(venue: SeedVenue): VenueSeats {
  const tierIndex = new Map(venue.seatMap.tiers.map((t, i) => [t.id, i]));
  const lines: string[] = [];
  const tiers: number[] = [];
  for (const section of venue.seatMap.sections) {
    const tier = tierIndex.get(section.tier);
    if (tier === undefined) throw new Error(`${venue.name}: section ${section.id} has unknown tier ${section.tier}`);
    const prefix = `${copyText(section.id)}\t`;
    for (const row of section.rows) {
      for (const seat of row.seats) {
        lines.push(`${prefix}${copyText(row.label)}\t${seat.number}\t${copyText(section.tier)}`);
        tiers.push(tier);
      }
    }
  }
  return { lines, tiers: Uint8Array.from(tiers) };
}

const chunkChars = 1 << 16;

// COPY text for one ticket per seat of each event, every one 'available' (the column default).
// Ids come from their own stream, so tickets never shift the draws for anything else.
export function* ticketChunks(events: SeedEvent[], done: (eventsDone: number) => void): Generator<string> {
  const rng = stream('tickets');
  const seatsOf = new Map<string, VenueSeats>();
  let chunk = '';
  for (const [n, event] of events.entries()) {
    const { venue } = event;
    const seats = seatsOf.get(venue.id) ?? venueSeats(venue);
    seatsOf.set(venue.id, seats);
    const currency = venue.city.currency;
    const prices = tierPrices(venue.kind, venue.seatMap.tiers.length, event.popularity, currency).map(
      (p) => `\t${p}\t${currency}\n`,
    );
    for (let k = 0; k < seats.lines.length; k++) {
      chunk += `${uuid(rng)}\t${event.id}\t${k}\t${seats.lines[k]}${prices[seats.tiers[k]!]}`;
      if (chunk.length >= chunkChars) {
        yield chunk;
        chunk = '';
      }
    }
    done(n + 1);
  }
  if (chunk) yield chunk;
}
