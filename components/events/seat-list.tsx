'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { RedirectingAction } from '@/lib/actions/safe-action';
import { formatPriceRange } from '@/lib/money';
import type { Catalogue } from '@/components/seat-map/use-seat-data';
import { useAvailability, useCatalogue } from '@/components/seat-map/use-seat-data';
import { SectionSeatsForm } from './section-seats-form';

// The seats as a list, for keyboard and screen-reader fans and anyone who prefers it. It is drawn
// in the browser from the same cached reads as the map (geometry, live statuses), one section at
// a time and only when asked for, so the page's HTML stays small and the same for every fan. The
// chosen section is in the URL (?section=), and a fan who opened the list once this visit gets
// it open on the next event page too.

export type SectionSummary = {
  index: number;
  id: string;
  name: string;
  tierName: string | null;
  total: number;
  available: number;
  /** Price range of the seats still available, or of all seats once none are. */
  minPrice: number;
  maxPrice: number;
};

// The "list view" preference, kept for this tab's visit (sessionStorage), read without a render
// of its own on the server (where there is none) or a flash on the client.
const listViewKey = 'tb-seat-list';
const listeners = new Set<() => void>();
const listView = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: () => sessionStorage.getItem(listViewKey) === '1',
  set(on: boolean) {
    if (on) sessionStorage.setItem(listViewKey, '1');
    else sessionStorage.removeItem(listViewKey);
    listeners.forEach((l) => l());
  },
};

function summarise(catalogue: Catalogue, statuses: Uint8Array): SectionSummary[] {
  return catalogue.layout.sections.map((s) => {
    let available = 0;
    let lo = Infinity;
    let hi = -Infinity;
    let allLo = Infinity;
    let allHi = -Infinity;
    for (let i = s.start; i < s.end; i++) {
      const price = catalogue.prices[i]!;
      allLo = Math.min(allLo, price);
      allHi = Math.max(allHi, price);
      if (statuses[i] !== 0) continue;
      available++;
      lo = Math.min(lo, price);
      hi = Math.max(hi, price);
    }
    const open = available > 0;
    return {
      index: s.index,
      id: s.id,
      name: s.name,
      tierName: s.tierName,
      total: s.end - s.start,
      available,
      minPrice: open ? lo : allLo,
      maxPrice: open ? hi : allHi,
    };
  });
}

type Props = {
  eventId: string;
  seatsUrl: string;
  maxSeats: number;
  canHold: boolean;
  /** Set when nobody is signed in (with where to come back to): holding becomes a link to sign in. */
  signInUrlFor: ((returnTo: string) => string) | null;
  /** Holds `{ eventId, seats }` (passed down: components never import app/). */
  holdAction: RedirectingAction;
  /** Seats (by index) this fan already holds. */
  mine: ReadonlySet<number>;
};

export function SeatList({ eventId, seatsUrl, maxSeats, canHold, signInUrlFor, holdAction, mine }: Props) {
  const params = useSearchParams();
  const requested = params.get('section');
  const remembered = useSyncExternalStore(listView.subscribe, listView.get, () => false);
  const { catalogue, error: catalogueError } = useCatalogue(eventId, seatsUrl);
  const availability = useAvailability(eventId, false);
  const statuses = availability.data?.statuses;
  const sections = useMemo(() => (catalogue && statuses ? summarise(catalogue, statuses) : null), [catalogue, statuses]);
  // The button that opened the list is gone once it is open: focus moves to the section shown,
  // so a keyboard or screen-reader fan lands on what they asked for.
  const sectionHeading = useRef<HTMLHeadingElement>(null);
  const focusOnOpen = useRef(false);
  useEffect(() => {
    if (!focusOnOpen.current || !sectionHeading.current) return;
    focusOnOpen.current = false;
    sectionHeading.current.focus();
  });

  const setSection = (id: string | null) => {
    const next = new URLSearchParams(params.toString());
    if (id) next.set('section', id);
    else next.delete('section');
    next.delete('released');
    const query = next.toString();
    // Replaces the URL in place (Next keeps useSearchParams in step): no request, no new entry.
    window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
  };

  const heading = <h3 id="list-heading">Or choose from a list</h3>;
  if (catalogueError || availability.error) {
    return (
      <section aria-labelledby="list-heading">
        {heading}
        <div role="alert" className="alert alert-error">
          <p>The seat list could not be loaded. Reload the page to try again.</p>
        </div>
      </section>
    );
  }
  if (!catalogue || !statuses || !sections) {
    return (
      <section aria-labelledby="list-heading">
        {heading}
        <p aria-busy="true">Loading the seat list…</p>
      </section>
    );
  }

  const firstOpen = sections.find((s) => s.available > 0) ?? sections[0];
  const selected = sections.find((s) => s.id === requested) ?? (remembered ? firstOpen : undefined);
  if (!selected) {
    return (
      <section aria-labelledby="list-heading">
        {heading}
        <p className="muted">Every seat, section by section, as checkboxes: easier with a keyboard or a screen reader.</p>
        <button
          type="button"
          className="btn btn-secondary"
          aria-expanded="false"
          onClick={() => {
            focusOnOpen.current = true;
            listView.set(true);
            if (firstOpen) setSection(firstOpen.id);
          }}
        >
          Show seats as a list
        </button>
      </section>
    );
  }

  // Back from signing in, the page holds the selection straight away (hold=1, see event-seats.tsx).
  const here = `/events/${eventId}?section=${encodeURIComponent(selected.id)}&hold=1`;
  return (
    <section aria-labelledby="list-heading">
      {heading}
      <p>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-expanded="true"
          onClick={() => {
            listView.set(false);
            setSection(null);
          }}
        >
          Hide the list
        </button>
      </p>
      <div className="seats-layout">
        <nav aria-labelledby="sections-heading">
          <h3 id="sections-heading">Sections</h3>
          <ul className="section-list">
            {sections.map((s) => {
              const current = s.id === selected.id;
              return (
                <li key={s.id}>
                  <a
                    href={`?section=${encodeURIComponent(s.id)}`}
                    className="section-link"
                    aria-current={current ? 'true' : undefined}
                    onClick={(e) => {
                      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                      e.preventDefault();
                      setSection(s.id);
                    }}
                  >
                    <strong>{s.name}</strong>
                    <span>
                      {s.available === 0 ? 'Sold out' : `${s.available} of ${s.total} available`}
                      {current ? <span className="sr-only"> (showing)</span> : null}
                    </span>
                    <small>
                      {s.tierName ? `${s.tierName} · ` : ''}
                      {formatPriceRange(s.minPrice, s.maxPrice, catalogue.currency)}
                    </small>
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <div>
          <h3 ref={sectionHeading} tabIndex={-1}>
            {selected.name}
            {selected.tierName ? <span className="muted"> · {selected.tierName}</span> : null}
          </h3>
          <p className="muted">
            {selected.available === 0
              ? 'Every seat in this section is taken. Try another section.'
              : `${selected.available} of ${selected.total} seats available.`}
          </p>
          <SectionSeatsForm
            key={selected.id}
            eventId={eventId}
            catalogue={catalogue}
            section={catalogue.layout.sections[selected.index]!}
            statuses={statuses}
            maxSeats={maxSeats}
            canHold={canHold}
            signInUrl={signInUrlFor ? signInUrlFor(here) : null}
            holdAction={holdAction}
            mine={mine}
          />
        </div>
      </div>
    </section>
  );
}
