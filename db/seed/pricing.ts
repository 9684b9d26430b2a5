import type { VenueKind } from '@/lib/venues/seat-map';
import type { City } from './venues';

// All-in ticket prices (fees included) in US dollars: the cheapest and dearest seat a venue of
// this kind ever sells. A popular act pushes both ends of its range up.
const usdBands: Record<VenueKind, [low: number, high: number]> = {
  theatre: [45, 180],
  arena: [39, 350],
  stadium: [55, 450],
};

// Rough exchange rates, enough for local prices that look right.
const perUsd: Record<City['currency'], number> = { USD: 1, CAD: 1.35, GBP: 0.8, EUR: 0.92, MXN: 18 };

// Box-office style amounts: 45, 85, 129, 349, 2,350.
function roundPrice(amount: number): number {
  if (amount < 100) return Math.max(5, Math.round(amount / 5) * 5);
  if (amount < 1000) return Math.round(amount / 10) * 10 - 1;
  return Math.round(amount / 50) * 50;
}

// One price per tier in minor units, for tiers listed dearest first; popularity is 0..1.
// Tiers step down geometrically between the top and bottom price.
export function tierPrices(kind: VenueKind, tierCount: number, popularity: number, currency: City['currency']): number[] {
  const [low, high] = usdBands[kind];
  const top = low + (high - low) * (0.45 + 0.55 * popularity);
  const bottom = low * (1 + 0.5 * popularity);
  return Array.from({ length: tierCount }, (_, i) => {
    const step = tierCount === 1 ? 1 : (tierCount - 1 - i) / (tierCount - 1);
    const usd = bottom * (top / bottom) ** step;
    return roundPrice(usd * perUsd[currency]) * 100;
  });
}
