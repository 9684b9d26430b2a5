'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, useTransition } from 'react';
import type { RedirectingAction } from '@/lib/actions/safe-action';
import type { PusherClientConfig } from '@/lib/realtime/channels';
import { formatMoney } from '@/lib/money';
import { AccessFilters } from './access-filters';
import { Legend } from './legend';
import { MapCanvas } from './map-canvas';
import styles from './seat-map.module.css';
import { seatLabel, selectable, type SeatState } from './seat-state';
import { SelectionSummary } from './selection-summary';
import type { SectionStats } from './section-shapes';
import { availabilityKey, useAvailability, useCatalogue } from './use-seat-data';
import { useLiveSeats } from './use-live-seats';
import { matchesFilters, useSeatFilters } from './use-seat-filters';
import { useSelection } from './use-selection';

type Props = {
  eventId: string;
  /** The geometry's URL, with its content hash (see use-seat-data.ts). */
  seatsUrl: string;
  maxSeats: number;
  /** Set when nobody is signed in: holding becomes a link to sign in. */
  signInUrl: string | null;
  canHold: boolean;
  pusher: PusherClientConfig | null;
  /** Seats (by index) in this fan's live holds for the event, drawn as theirs. */
  mySeats: number[];
  /** Holds `{ eventId, seats }` (passed down: components never import app/). */
  holdAction: RedirectingAction;
  /** Known to be signed in (GET /api/me said so): a ?hold=1 arrival may hold the selection. */
  signedIn: boolean;
};

const pollMs = 3_000;

export function SeatMap({ eventId, seatsUrl, maxSeats, signInUrl, canHold, pusher, mySeats, holdAction, signedIn }: Props) {
  const { catalogue, error: catalogueError } = useCatalogue(eventId, seatsUrl);
  const live = useLiveSeats(eventId, pusher);
  const availability = useAvailability(eventId, live === 'polling' ? pollMs : false);
  const queryClient = useQueryClient();
  const [selected, setSelected] = useSelection(eventId);
  const [maxPrice, setMaxPrice] = useState<number | null>(null);
  const [filters] = useSeatFilters(eventId);
  const [activeSeat, setActiveSeat] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [fullScreen, setFullScreen] = useState(false);

  // Full screen is the map, its buttons and the selection over the whole window: the page behind
  // does not scroll, and Escape leaves.
  useEffect(() => {
    if (!fullScreen) return;
    const before = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setFullScreen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      document.body.style.overflow = before;
      window.removeEventListener('keydown', onKey);
    };
  }, [fullScreen]);

  const statuses = availability.data?.statuses;
  const mine = useMemo(() => new Set(mySeats), [mySeats]);
  // Seats taken by someone else since the fan picked them drop out of the selection (and seats
  // this fan now holds are no longer a choice to make).
  const liveSelected = useMemo(() => selected.filter((i) => statuses?.[i] === 0), [selected, statuses]);
  const lostCount = statuses ? selected.filter((i) => statuses[i] !== 0 && !mine.has(i)).length : 0;

  const { states, stats } = useMemo(() => {
    if (!catalogue || !statuses) return { states: '', stats: [] as SectionStats[] };
    const picked = new Set(liveSelected);
    const chars: SeatState[] = new Array(statuses.length);
    for (let i = 0; i < statuses.length; i++) {
      const code = statuses[i];
      chars[i] =
        code === 2
          ? 'x'
          : code === 1
            ? mine.has(i)
              ? 'm'
              : 'h'
            : picked.has(i)
              ? 's'
              : (maxPrice !== null && catalogue.prices[i]! > maxPrice) || !matchesFilters(catalogue.layout.seats[i]!.flags, filters)
                ? 'f'
                : 'a';
    }
    const stats = catalogue.layout.sections.map((s): SectionStats => {
      let available = 0;
      let minPrice: number | null = null;
      for (let i = s.start; i < s.end; i++) {
        if (!selectable(chars[i]!)) continue;
        available++;
        const p = catalogue.prices[i]!;
        if (minPrice === null || p < minPrice) minPrice = p;
      }
      return { available, total: s.end - s.start, minPrice };
    });
    return { states: chars.join(''), stats };
  }, [catalogue, statuses, liveSelected, mine, maxPrice, filters]);

  const hold = (seats: number[]) =>
    startTransition(async () => {
      // Emptied first: success navigates to the hold page, and coming back to the event must not
      // offer the held seats again. Anything that returns is a failure: the selection comes back.
      setSelected([]);
      const result = await holdAction(null, { eventId, seats });
      setSelected(seats);
      setNotice(result.error.message);
      if (result.error.code === 'seats_taken') await queryClient.invalidateQueries({ queryKey: availabilityKey(eventId) });
    });

  // "Sign in to hold seats" comes back here with ?hold=1: once the fan is signed in and the seats
  // are known, the selection made before leaving (use-selection.ts) is held, as they asked. The
  // flag leaves the URL first, so a reload or the back button does not hold again. Read from the
  // URL here, after the commit, because a client navigation updates it only as it commits.
  const ready = Boolean(catalogue && statuses);
  useEffect(() => {
    if (!signedIn || !ready || signInUrl || !canHold) return;
    const params = new URLSearchParams(window.location.search);
    if (params.get('hold') !== '1') return;
    params.delete('hold');
    const query = params.toString();
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
    if (liveSelected.length > 0) hold(liveSelected);
  });

  if (catalogueError || availability.error) {
    return (
      <div role="alert" className="alert alert-error">
        <p>The seat map could not be loaded. The list of seats below still works.</p>
      </div>
    );
  }
  if (!catalogue || !statuses) return <p aria-busy="true">Loading the seat map…</p>;

  const { layout, prices, currency, bands } = catalogue;
  const labelOf = (i: number) => {
    const seat = layout.seats[i]!;
    return seatLabel(layout.sections[seat.section]!.name, layout.rows[seat.row]!.label, seat.number, prices[i]!, currency, 'a')
      .split(', ')
      .slice(0, 3)
      .join(', ');
  };

  const toggle = (i: number) => {
    if (!canHold) return;
    const isSelected = liveSelected.includes(i);
    if (!isSelected && !selectable(states[i] ?? '')) return;
    if (!isSelected && liveSelected.length >= maxSeats) {
      setNotice(`You can hold up to ${maxSeats} seats at a time. Deselect one to choose another.`);
      return;
    }
    setNotice(null);
    setSelected(isSelected ? liveSelected.filter((s) => s !== i) : [...liveSelected, i]);
  };

  return (
    <div
      className={`${styles.map} ${fullScreen ? styles.fullScreen : ''}`}
      role={fullScreen ? 'dialog' : undefined}
      aria-modal={fullScreen || undefined}
      aria-label={fullScreen ? 'Seat map, full screen' : undefined}
    >
      <MapCanvas
        layout={layout}
        prices={prices}
        bands={bands}
        currency={currency}
        states={states}
        stats={stats}
        activeSeat={activeSeat}
        onActiveSeat={setActiveSeat}
        onToggle={toggle}
        fullScreen={fullScreen}
        onFullScreen={setFullScreen}
      />
      <SelectionSummary
        seats={liveSelected.map((i) => ({ index: i, label: labelOf(i), price: prices[i]! }))}
        currency={currency}
        maxSeats={maxSeats}
        lostCount={lostCount}
        error={notice}
        pending={pending}
        signInUrl={signInUrl}
        canHold={canHold}
        onHold={() => hold(liveSelected)}
        onClear={() => setSelected([])}
      />
      <div className={styles.filters}>
        <div>
          <label htmlFor={`price-filter-${eventId}`}>Show prices up to</label>
          <select
            id={`price-filter-${eventId}`}
            value={maxPrice ?? ''}
            onChange={(e) => setMaxPrice(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">Any price</option>
            {bands.prices.map((p) => (
              <option key={p} value={p}>
                {formatMoney(p, currency)}
              </option>
            ))}
          </select>
        </div>
        <AccessFilters eventId={eventId} flags={catalogue.flags} />
        <p className={styles.status}>
          {live === 'live' ? 'Live: changes appear as they happen' : live === 'polling' ? 'Refreshing every few seconds' : 'Connecting…'}
        </p>
      </div>
      <Legend bands={bands} currency={currency} flags={catalogue.flags} />
    </div>
  );
}
