import Link from 'next/link';
import type { EventView } from '@/lib/events/get-event-view';
import { formatMoney, formatPriceRange } from '@/lib/money';

type Ticket = EventView['tickets'][number];

export type SectionSummary = {
  id: string;
  name: string;
  tierName: string | null;
  total: number;
  available: number;
  /** Price range of the seats still available, or of all seats once none are. */
  minPrice: number;
  maxPrice: number;
  rows: Array<{ label: string; seats: Ticket[] }>;
};

const statusText: Record<Ticket['status'], string> = { available: 'available', reserved: 'held', sold: 'sold' };

// The event view is one object per cached build (lib/events/get-event-view.ts), so its summary is
// computed once per seat version rather than on every page request.
const summaries = new WeakMap<EventView, readonly SectionSummary[]>();

/**
 * Groups the tickets by section (in the venue's order) and row (in seat order). One pass, so a
 * 40,000-seat stadium costs a few milliseconds; only the chosen section is then rendered.
 */
export function summariseSections(event: EventView): readonly SectionSummary[] {
  let summary = summaries.get(event);
  if (!summary) {
    summary = groupSections(event);
    summaries.set(event, summary);
  }
  return summary;
}

function groupSections(event: EventView): SectionSummary[] {
  const map = event.venue.seatMap;
  const tierNames = new Map(map.tiers.map((t) => [t.id, t.name]));
  type Acc = { summary: SectionSummary; rows: Map<string, Ticket[]>; lowest: number; highest: number };
  const acc = new Map<string, Acc>();
  const start = (id: string, name: string, tier: string): Acc => {
    const summary: SectionSummary = {
      id,
      name,
      tierName: tierNames.get(tier) ?? null,
      total: 0,
      available: 0,
      minPrice: Infinity,
      maxPrice: -Infinity,
      rows: [],
    };
    const entry = { summary, rows: new Map<string, Ticket[]>(), lowest: Infinity, highest: -Infinity };
    acc.set(id, entry);
    return entry;
  };
  for (const s of map.sections) start(s.id, s.name, s.tier);

  for (const t of event.tickets) {
    const entry = acc.get(t.seat.section) ?? start(t.seat.section, `Section ${t.seat.section}`, t.tier);
    const section = entry.summary;
    let row = entry.rows.get(t.seat.row);
    if (!row) {
      row = [];
      entry.rows.set(t.seat.row, row);
      section.rows.push({ label: t.seat.row, seats: row });
    }
    row.push(t);
    section.total++;
    entry.lowest = Math.min(entry.lowest, t.price);
    entry.highest = Math.max(entry.highest, t.price);
    if (t.status === 'available') {
      section.available++;
      section.minPrice = Math.min(section.minPrice, t.price);
      section.maxPrice = Math.max(section.maxPrice, t.price);
    }
  }

  const out: SectionSummary[] = [];
  for (const { summary, lowest, highest } of acc.values()) {
    if (summary.total === 0) continue;
    if (summary.available === 0) {
      summary.minPrice = lowest;
      summary.maxPrice = highest;
    }
    out.push(summary);
  }
  return out;
}

export function seatDescription(row: string, ticket: Ticket, currency: string): string {
  return `Row ${row}, seat ${ticket.seat.number}, ${formatMoney(ticket.price, currency)}, ${statusText[ticket.status]}`;
}

export function SectionPicker({
  sections,
  selectedId,
  currency,
  hrefFor,
}: {
  sections: readonly SectionSummary[];
  selectedId: string | undefined;
  currency: string;
  hrefFor: (sectionId: string) => string;
}) {
  return (
    <nav aria-labelledby="sections-heading">
      <h3 id="sections-heading">Sections</h3>
      <ul className="section-list">
        {sections.map((s) => {
          const current = s.id === selectedId;
          return (
            <li key={s.id}>
              <Link
                href={hrefFor(s.id)}
                className="section-link"
                aria-current={current ? 'true' : undefined}
                scroll={false}
              >
                <strong>{s.name}</strong>
                <span>
                  {s.available === 0 ? 'Sold out' : `${s.available} of ${s.total} available`}
                  {current ? <span className="sr-only"> (showing)</span> : null}
                </span>
                <small>
                  {s.tierName ? `${s.tierName} · ` : ''}
                  {formatPriceRange(s.minPrice, s.maxPrice, currency)}
                </small>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * The seats of one section as checkboxes named `ticketIds`, one fieldset per row. Held and sold
 * seats are disabled and say so in text; colour and strike-through only repeat it.
 */
export function SeatRows({
  section,
  currency,
  interactive,
}: {
  section: SectionSummary;
  currency: string;
  interactive: boolean;
}) {
  return (
    <div>
      {section.rows.map((row) => (
        <fieldset key={row.label} className="seat-row">
          <legend>Row {row.label}</legend>
          <ul className="seat-grid">
            {row.seats.map((t) => {
              const open = t.status === 'available';
              return (
                <li key={t.id}>
                  <label className={open ? 'seat' : 'seat seat-unavailable'}>
                    <input
                      type="checkbox"
                      name="ticketIds"
                      value={t.id}
                      disabled={!open || !interactive}
                      aria-label={seatDescription(row.label, t, currency)}
                    />
                    <span className="seat-number" aria-hidden="true">
                      {t.seat.number}
                    </span>
                    <span className="seat-meta" aria-hidden="true">
                      {open ? formatMoney(t.price, currency) : t.status === 'sold' ? 'Sold' : 'Held'}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}
