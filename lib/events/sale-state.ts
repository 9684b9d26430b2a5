export type SaleState = 'before' | 'on' | 'past';

/** Whether an event's seats can be held at `now`: not yet, now, or no longer. */
export function saleStateAt(now: number, onSaleAt: string, date: string): SaleState {
  if (Date.parse(date) <= now) return 'past';
  return Date.parse(onSaleAt) <= now ? 'on' : 'before';
}
