'use client';

import Link from 'next/link';
import { startTransition, useActionState, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ActionFailure, RedirectingAction } from '@/lib/actions/safe-action';

type HoldState = (ActionFailure & { takenLabels?: string[] }) | null;

function listSentence(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('; ')} and ${items[items.length - 1]}`;
}

function errorText(state: HoldState): ReactNode {
  if (!state) return null;
  const { code, message, fieldErrors } = state.error;
  if (code === 'seats_taken') {
    const labels = state.takenLabels ?? [];
    const which = labels.length > 0 ? `${listSentence(labels)} ${labels.length === 1 ? 'was' : 'were'}` : message;
    return (
      <>
        <p className="alert-title">Those seats just went</p>
        <p>
          Sorry, {labels.length > 0 ? which : 'some of your seats were'} just taken by another fan. The seat list is
          up to date again: pick other seats and try once more.
        </p>
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
  const detail = fieldErrors?.ticketIds?.[0] ?? message;
  const title =
    code === 'ticket_limit'
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

/**
 * The interactive shell around the server-rendered seat list: counts the ticked seats, stops at
 * the per-hold maximum, submits through the hold action it is given and shows its error. The checkboxes
 * themselves stay server-rendered children.
 */
export function SeatPickerForm({
  eventId,
  sectionName,
  maxSeats,
  signInUrl,
  holdAction,
  children,
}: {
  eventId: string;
  /** The server action that holds the ticked seats (passed down: components never import app/). */
  holdAction: RedirectingAction;
  sectionName: string;
  maxSeats: number;
  /** Set when nobody is signed in: the submit button becomes a link to sign in. */
  signInUrl: string | null;
  children: ReactNode;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  // Bumped after a conflict so the refreshed list mounts with nothing ticked.
  const [listVersion, setListVersion] = useState(0);

  const [state, dispatch, pending] = useActionState(async (_prev: HoldState, formData: FormData): Promise<HoldState> => {
    const ids = formData.getAll('ticketIds').filter((v): v is string => typeof v === 'string');
    // Labels in seat order, read before the list is refreshed underneath us.
    const labels = new Map<string, string>();
    for (const input of formRef.current?.querySelectorAll<HTMLInputElement>('input[name="ticketIds"]') ?? []) {
      // "Row F, seat 12, $85.00, available" -> "Section 104, row F, seat 12"
      const [row, seat] = (input.getAttribute('aria-label') ?? '').split(', ');
      const label = row && seat ? `${sectionName}, ${row.replace(/^Row/, 'row')}, ${seat}` : 'a seat';
      if (ids.includes(input.value)) labels.set(input.value.toLowerCase(), label);
    }
    const result = await holdAction(null, formData);
    if (result.error.code === 'seats_taken') {
      const details = result.error.details as { ticketIds?: unknown } | undefined;
      const taken = new Set(Array.isArray(details?.ticketIds) ? details.ticketIds.map((id) => String(id).toLowerCase()) : []);
      const takenLabels = [...labels].filter(([id]) => taken.has(id)).map(([, label]) => label);
      setSelected([]);
      setListVersion((v) => v + 1);
      return { ...result, takenLabels };
    }
    return result;
  }, null);

  function onChange(event: FormEvent<HTMLFormElement>) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.name !== 'ticketIds') return;
    if (input.checked && !selected.includes(input.value) && selected.length >= maxSeats) {
      input.checked = false;
      setNotice(`You can hold up to ${maxSeats} seats at a time. Untick one to choose another.`);
      return;
    }
    setNotice(null);
    setSelected((prev) =>
      input.checked ? [...prev.filter((id) => id !== input.value), input.value] : prev.filter((id) => id !== input.value),
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Submitting by hand keeps the ticked seats when the action answers with an error; a form
    // action would reset the form.
    event.preventDefault();
    if (selected.length === 0) {
      setNotice('Pick at least one seat first.');
      return;
    }
    setNotice(null);
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  const count = selected.length;
  return (
    <form ref={formRef} action={dispatch} onSubmit={onSubmit} onChange={onChange} autoComplete="off">
      <input type="hidden" name="eventId" value={eventId} />
      <div key={listVersion}>{children}</div>
      {/* Inside the sticky bar so the message sits beside the button, wherever the fan has scrolled. */}
      <div className="hold-bar">
        {notice ? (
          <div role="alert" className="alert alert-warning">
            <p>{notice}</p>
          </div>
        ) : state ? (
          <div role="alert" className="alert alert-error">
            {errorText(state)}
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
    </form>
  );
}
