'use client';

import { useActionState } from 'react';
import type { SafeAction } from '@/lib/actions/safe-action';

export function ReleaseHoldForm({
  reservationId,
  eventId,
  releaseAction,
}: {
  reservationId: string;
  eventId: string;
  /** Releases the hold and redirects (passed down: components never import app/). */
  releaseAction: SafeAction<never>;
}) {
  const [state, formAction, pending] = useActionState(releaseAction, null);
  return (
    <form action={formAction} className="actions">
      <input type="hidden" name="reservationId" value={reservationId} />
      <input type="hidden" name="eventId" value={eventId} />
      <button type="submit" className="btn btn-secondary" disabled={pending}>
        {pending ? 'Releasing…' : 'Release seats'}
      </button>
      <div role="alert">
        {state ? (
          <div className="alert alert-error">
            <p className="alert-title">We could not release these seats</p>
            <p>{state.error.message}</p>
          </div>
        ) : null}
      </div>
    </form>
  );
}
