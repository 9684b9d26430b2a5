'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';

// WCAG 2.2.1 (Timing Adjustable): warn before the time runs out and let the fan extend it with
// one simple action. Two warnings, since the first may be missed while typing elsewhere.
const firstWarningMs = 2 * 60_000;
const lastWarningMs = 20_000;

const minutesText = (minutes: number) => {
  const rounded = Math.round(minutes * 10) / 10;
  return `${rounded} minute${rounded === 1 ? '' : 's'}`;
};

/**
 * "Need more time?" on the hold page: from two minutes before the hold lapses (and again at 20
 * seconds) a warning with a button that adds another hold length, through
 * POST /api/reservations/{id}/extend. The server decides (cap, queue, ownership) and its reason
 * is shown as it is; on success the page is refreshed so the countdown shows the new time.
 */
export function MoreTime({
  reservationId,
  expiresAt,
  serverNow,
  holdMinutes,
  extensionsUsed,
  extensionsMax,
}: {
  reservationId: string;
  expiresAt: string;
  serverNow: number;
  holdMinutes: number;
  extensionsUsed: number;
  extensionsMax: number;
}) {
  const router = useRouter();
  const deadline = Date.parse(expiresAt);
  const [now, setNow] = useState(serverNow);
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [added, setAdded] = useState<{ expiresAt: string; left: number } | null>(null);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, []);

  const left = deadline - now;
  const warning = left > 0 && left <= firstWarningMs;
  const last = left > 0 && left <= lastWarningMs;
  const remaining = Math.max(0, extensionsMax - extensionsUsed);

  async function extend() {
    setPending(true);
    setRefusal(null);
    try {
      const response = await fetch(`/api/reservations/${reservationId}/extend`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        cache: 'no-store',
      });
      const body = (await response.json().catch(() => null)) as
        { expiresAt: string; extensionsUsed: number; extensionsMax: number; error?: undefined } | { error: { message: string } } | null;
      if (!response.ok || !body || body.error) {
        setRefusal(body?.error?.message ?? 'We could not add time just now. Please try again.');
        return;
      }
      setAdded({ expiresAt: body.expiresAt, left: body.extensionsMax - body.extensionsUsed });
      router.refresh();
    } catch {
      setRefusal('We could not reach the site. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

  const seconds = Math.max(0, Math.ceil(left / 1000));
  return (
    // One live region that is always there, so what appears in it is announced.
    <div aria-live="polite" data-testid="more-time">
      {warning ? (
        <div className={`alert ${last ? 'alert-error' : 'alert-warning'}`}>
          <p className="alert-title">
            {last ? `Only ${seconds} seconds left on your hold` : 'Need more time? Your hold ends in under two minutes'}
          </p>
          {remaining > 0 ? (
            <>
              <p>
                You can add {minutesText(holdMinutes)} to your hold{' '}
                {remaining === 1 ? '(this is the last time you can).' : `(up to ${remaining} more times).`}
              </p>
              <Button onClick={extend} disabled={pending}>
                {pending ? 'Adding time…' : `Add ${minutesText(holdMinutes)}`}
              </Button>
            </>
          ) : (
            <p>You have already added as much time as we allow, so other fans get a fair chance at these seats.</p>
          )}
        </div>
      ) : null}
      {refusal ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">We could not add time</p>
          <p>{refusal}</p>
        </div>
      ) : null}
      {added && !warning ? (
        <p className="alert alert-success">
          Time added: your seats are held until{' '}
          {new Date(added.expiresAt).toLocaleTimeString('en', { hour: 'numeric', minute: '2-digit', second: '2-digit' })}.
          {added.left > 0
            ? ` You can add time ${added.left === 1 ? 'once more' : `${added.left} more times`}.`
            : ' That was the last extension.'}
        </p>
      ) : null}
    </div>
  );
}
