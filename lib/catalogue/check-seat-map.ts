import type { SeatMap, SeatMapRow, SeatMapSeat } from '@/lib/venues/seat-map';
import type { TierPrices } from './types';
import { seatsInOrder } from './seat-order';

/** What is wrong with a seat map, in words an organiser can act on; empty when it is usable. */
export function seatMapProblems(map: SeatMap): string[] {
  const problems: string[] = [];
  const tiers = new Set(map.tiers.map((t) => t.id));
  if (tiers.size !== map.tiers.length) problems.push('tier ids must be unique');
  const sections = new Set<string>();
  for (const section of map.sections) {
    if (sections.has(section.id)) problems.push(`section id "${section.id}" appears twice`);
    sections.add(section.id);
    if (!tiers.has(section.tier)) problems.push(`section "${section.id}" has tier "${section.tier}", which is not in tiers`);
  }
  const seats = new Set<string>();
  let count = 0;
  for (const { section, row, seat } of seatsInOrder(map)) {
    count++;
    if (seat.flags?.includes('companion') && !besideWheelchair(row, seat)) {
      problems.push(
        `section "${section.id}", row "${row.label}", seat ${seat.number} is a companion seat with no wheelchair space beside it`,
      );
    }
    if (seat.flags?.includes('companion') && seat.flags.includes('wheelchair')) {
      problems.push(
        `section "${section.id}", row "${row.label}", seat ${seat.number} cannot be both a wheelchair space and a companion seat`,
      );
    }
    const key = `${section.id}\u0000${row.label}\u0000${seat.number}`;
    if (seats.has(key)) problems.push(`section "${section.id}", row "${row.label}" has seat ${seat.number} twice`);
    seats.add(key);
  }
  if (count === 0) problems.push('the map has no seats');
  return problems.slice(0, 20);
}

// A companion seat is sold only with a wheelchair space (hold_seats()), so one with none next to
// it in its row could never be sold.
function besideWheelchair(row: SeatMapRow, seat: SeatMapSeat): boolean {
  const i = row.seats.indexOf(seat);
  return [row.seats[i - 1], row.seats[i + 1]].some((s) => s?.flags?.includes('wheelchair'));
}

/** Every tier of the map priced, and no price for a tier the map lacks. */
export function tierPriceProblems(map: SeatMap, prices: TierPrices): string[] {
  const tiers = new Set(map.tiers.map((t) => t.id));
  const missing = [...tiers].filter((t) => prices[t] === undefined);
  const unknown = Object.keys(prices).filter((t) => !tiers.has(t));
  const invalid = Object.entries(prices).filter(([, p]) => !Number.isSafeInteger(p) || p < 0 || p > 100_000_000);
  return [
    ...invalid.map(([t, p]) => `the price of tier "${t}" must be a whole number of minor units from 0 to 100,000,000, not ${p}`),
    ...(missing.length ? [`no price for tier${missing.length > 1 ? 's' : ''} ${missing.map((t) => `"${t}"`).join(', ')}`] : []),
    ...(unknown.length
      ? [`the venue's map has no tier ${unknown.map((t) => `"${t}"`).join(', ')} (it has ${[...tiers].map((t) => `"${t}"`).join(', ')})`]
      : []),
  ];
}
