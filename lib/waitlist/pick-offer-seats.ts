// Which freed seats to offer a waiting fan: pure, so the rules are tested without a database.

export type FreeSeat = { id: string; section: string; row: string; number: number; priceMinor: number };
export type Want = { quantity: number; maxPriceMinor: number; section: string | null };

/**
 * `quantity` seats within the fan's price and section, or null when too few fit. Seats side by
 * side in one row come first (the first such run in seat order); otherwise the first seats in
 * seat order, in as few sections as that gives. Seats arrive in seat order.
 */
export function pickOfferSeats(seats: FreeSeat[], want: Want): string[] | null {
  const fit = seats.filter((s) => s.priceMinor <= want.maxPriceMinor && (want.section === null || s.section === want.section));
  if (fit.length < want.quantity) return null;

  let run: FreeSeat[] = [];
  for (const seat of fit) {
    const last = run.at(-1);
    const adjacent = last && last.section === seat.section && last.row === seat.row && last.number + 1 === seat.number;
    run = adjacent ? [...run, seat] : [seat];
    if (run.length === want.quantity) return run.map((s) => s.id);
  }
  return fit.slice(0, want.quantity).map((s) => s.id);
}
