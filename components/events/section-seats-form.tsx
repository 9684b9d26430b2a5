'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, useTransition, type ReactNode } from 'react';
import type { SectionGeom } from '@/components/seat-map/geometry';
import { availabilityKey, type Catalogue } from '@/components/seat-map/use-seat-data';
import { flagShort, flagText, flagsIn } from '@/components/seat-map/seat-flags-text';
import { filtering, matchesFilters, useSeatFilters } from '@/components/seat-map/use-seat-filters';
import { useSelection } from '@/components/seat-map/use-selection';
import type { ActionFailure, RedirectingAction } from '@/lib/actions/safe-action';
import type { LiveAvailability } from '@/lib/realtime/apply-seat-diff';
import { formatMoney } from '@/lib/money';

type Failure = ActionFailure & { takenLabels?: string[] };
const statusText = ['available', 'held', 'sold'] as const;

function listSentence(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('; ')} and ${items[items.length - 1]}`;
}

function errorText(failure: Failure): ReactNode {
  const { code, message, fieldErrors } = failure.error;
  if (code === 'seats_taken') {
    const labels = failure.takenLabels ?? [];
    const which = labels.length > 0 ? `${listSentence(labels)} ${labels.length === 1 ? 'was' : 'were'}` : 'some of your seats were';
    return (
      <>
        <p className="alert-title">Those seats just went</p>
        <p>Sorry, {which} just taken by another fan. The seat list is up to date again: pick other seats and try once more.</p>
      </>
    );
  }
  if (code === 'unauthorized') {
    return (
      <>
        <p className="alert-title">Please sign in again</p>
        <p>{message}</p>
      </>
    );
  }
  const detail = fieldErrors?.seats?.[0] ?? message;
  const title =
    code === 'companion_alone'
      ? 'A companion seat needs a wheelchair space'
      : code === 'ticket_limit'
        ? 'Too many seats'
        : code === 'not_on_sale'
          ? 'Not on sale'
          : code === 'validation_failed' || code === 'bad_request'
            ? 'Check your selection'
            : 'We could not hold your seats';
  return (
    <>
      <p className="alert-title">{title}</p>
      <p>{detail}</p>
    </>
  );
}

type Props = {
  eventId: string;
  catalogue: Catalogue;
  section: SectionGeom;
  /** Live statuses by seat index (0 available, 1 held, 2 sold), shared with the map. */
  statuses: Uint8Array;
  maxSeats: number;
  canHold: boolean;
  /** Set when nobody is signed in: the submit button becomes a link to sign in. */
  signInUrl: string | null;
  holdAction: RedirectingAction;
  /** Seats (by index) this fan already holds: not "taken by another fan". */
  mine: ReadonlySet<number>;
};

/**
 * One section's seats as checkboxes, one fieldset per row. Held and sold seats are disabled and
 * say so in text; colour and strike-through only repeat it. The ticks are the page's one
 * selection (use-selection.ts), shared with the map, across sections; the bar holds all of it by
 * index through the same action as the map, and stops at the per-hold maximum.
 */
export function SectionSeatsForm({ eventId, catalogue, section, statuses, maxSeats, canHold, signInUrl, holdAction, mine }: Props) {
  const queryClient = useQueryClient();
  const [selected, setSelected] = useSelection(eventId);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, startTransition] = useTransition();
  const [filters] = useSeatFilters(eventId);
  const { layout, prices, currency } = catalogue;
  let shown = 0;
  for (let i = section.start; i < section.end; i++) if (matchesFilters(layout.seats[i]!.flags, filters)) shown++;
  // Seats someone else took since the fan ticked them drop out of the selection.
  const live = selected.filter((i) => statuses[i] === 0);
  const lost = selected.filter((i) => statuses[i] !== 0 && !mine.has(i)).length;
  const labelOf = (i: number) => {
    const seat = layout.seats[i]!;
    return `${layout.sections[seat.section]!.name}, row ${layout.rows[seat.row]!.label}, seat ${seat.number}`;
  };

  const toggle = (i: number, checked: boolean) => {
    if (checked && !live.includes(i) && live.length >= maxSeats) {
      setNotice(`You can hold up to ${maxSeats} seats at a time. Untick one to choose another.`);
      return;
    }
    setNotice(null);
    setSelected(checked ? [...live.filter((s) => s !== i), i] : live.filter((s) => s !== i));
  };

  const hold = () =>
    startTransition(async () => {
      const seats = [...live].sort((a, b) => a - b);
      // Emptied first, as on the map: success navigates to the hold page. A failure puts it back.
      setSelected([]);
      const result = await holdAction(null, { eventId, seats });
      setSelected(seats);
      if (result.error.code === 'seats_taken') {
        // Fetch the statuses now (the live diffs may still be on their way), then name the seats
        // that went, from what the fan sees.
        await queryClient.refetchQueries({ queryKey: availabilityKey(eventId) });
        const now = queryClient.getQueryData<LiveAvailability>(availabilityKey(eventId))?.statuses;
        setFailure({ ...result, takenLabels: seats.filter((i) => now && now[i] !== 0).map(labelOf) });
        setSelected(seats.filter((i) => now?.[i] === 0));
        return;
      }
      setFailure(result);
    });

  const count = live.length;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (count === 0) {
          setNotice('Pick at least one seat first.');
          return;
        }
        setNotice(null);
        hold();
      }}
      autoComplete="off"
    >
      {filtering(filters) ? (
        <p className="muted" id="seat-filter-note">
          Showing only the seats that match your filters above the map ({shown} of {section.end - section.start} in this section).
        </p>
      ) : null}
      {section.rows.map((row) => {
        const seats = Array.from({ length: row.end - row.start }, (_, k) => row.start + k).filter((i) =>
          matchesFilters(layout.seats[i]!.flags, filters),
        );
        if (seats.length === 0) return null;
        return (
          <fieldset key={row.label} className="seat-row">
            <legend>Row {row.label}</legend>
            <ul className="seat-grid">
              {seats.map((i) => {
                const status = statuses[i] ?? 2;
                const open = status === 0;
                const price = prices[i]!;
                const flags = layout.seats[i]!.flags;
                return (
                  <li key={i}>
                    <label className={open ? 'seat' : 'seat seat-unavailable'}>
                      <input
                        type="checkbox"
                        name="seats"
                        value={i}
                        checked={open && live.includes(i)}
                        disabled={!open || !canHold}
                        onChange={(e) => toggle(i, e.target.checked)}
                        aria-label={`Row ${row.label}, seat ${layout.seats[i]!.number}, ${formatMoney(price, currency)}, ${flags ? `${flagText(flags)}, ` : ''}${statusText[status] ?? 'sold'}`}
                      />
                      <span className="seat-number" aria-hidden="true">
                        {layout.seats[i]!.number}
                      </span>
                      <span className="seat-meta" aria-hidden="true">
                        {open ? formatMoney(price, currency) : status === 2 ? 'Sold' : 'Held'}
                      </span>
                      {flags ? (
                        <span className="seat-flags" aria-hidden="true">
                          {flagsIn(flags)
                            .map((f) => flagShort[f])
                            .join(' · ')}
                        </span>
                      ) : null}
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        );
      })}
      {canHold ? (
        // Sticky, so the message sits beside the button wherever the fan has scrolled.
        <div className="hold-bar">
          {notice ? (
            <div role="alert" className="alert alert-warning">
              <p>{notice}</p>
            </div>
          ) : failure ? (
            <div role="alert" className="alert alert-error">
              {errorText(failure)}
            </div>
          ) : lost > 0 ? (
            <div role="alert" className="alert alert-warning">
              <p>
                {lost === 1 ? 'One seat you ticked was' : `${lost} seats you ticked were`} just taken by another fan, so we took{' '}
                {lost === 1 ? 'it' : 'them'} out of your selection.
              </p>
            </div>
          ) : null}
          <p id="hold-status" aria-live="polite">
            {count === 0 ? 'No seats selected' : `${count} of ${maxSeats} seats selected`}
            {count >= maxSeats ? ' (the most for one hold)' : ''}
          </p>
          {signInUrl ? (
            <Link href={signInUrl} className="btn btn-primary">
              Sign in to hold seats
            </Link>
          ) : (
            <button type="submit" className="btn btn-primary" disabled={pending}>
              {pending ? 'Holding your seats…' : 'Hold selected seats'}
            </button>
          )}
        </div>
      ) : null}
    </form>
  );
}
