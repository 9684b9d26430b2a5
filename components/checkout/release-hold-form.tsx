'use client';

import { useActionState } from 'react';
import type { SafeAction } from '@/lib/actions/safe-action';

export function ReleaseHoldForm({ reservationId, eventId, releaseHold }: { reservationId: string; eventId: string; releaseHold: SafeAction<never> }) {
  const [state, formAction, pending] = useActionState(releaseHold, null);
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
