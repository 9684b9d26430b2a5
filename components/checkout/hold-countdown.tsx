'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

function mmss(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

// Only these moments are announced; a screen reader reading every second would be unusable.
function announcement(ms: number): string {
  if (ms <= 0) return 'Your hold has expired. The seats have been released.';
  if (ms <= 60_000) return 'One minute left on your hold.';
  if (ms <= 5 * 60_000) return 'Five minutes left on your hold.';
  return '';
}

/**
 * Time left on a hold, ticking every second. The first render uses the server's clock so the
 * markup matches after hydration; from then on the device clock drives it. At zero the page is
 * refreshed so the server renders the expired hold.
 */
export function HoldCountdown({ expiresAt, serverNow, eventHref }: { expiresAt: string; serverNow: number; eventHref: string }) {
  const router = useRouter();
  const deadline = Date.parse(expiresAt);
  const [now, setNow] = useState(serverNow);

  useEffect(() => {
    let done = false;
    const tick = () => {
      const t = Date.now();
      setNow(t);
      if (t >= deadline && !done) {
        done = true;
        window.clearInterval(timer);
        router.refresh();
      }
    };
    const timer = window.setInterval(tick, 1000);
    const first = window.setTimeout(tick, 0);
    return () => {
      window.clearInterval(timer);
      window.clearTimeout(first);
    };
  }, [deadline, router]);

  const left = deadline - now;
  const expired = left <= 0;
  const urgent = !expired && left <= 60_000;

  return (
    <div className={`countdown${urgent ? ' countdown-urgent' : ''}${expired ? ' countdown-expired' : ''}`}>
      {expired ? (
        <>
          <p className="alert-title">Your hold has expired</p>
          <p>
            The seats have been released so other fans can buy them. <Link href={eventHref}>Pick seats again</Link>
          </p>
        </>
      ) : (
        <>
          <span id="countdown-label">Your seats are held for</span>
          <span className="countdown-time" role="timer" aria-labelledby="countdown-label">
            {mmss(left)}
          </span>
          <span className="muted">minutes:seconds</span>
        </>
      )}
      <p className="sr-only" aria-live="polite">
        {announcement(left)}
      </p>
    </div>
  );
}
