'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

// While a payment is pending the server page re-renders every 2 s, so the fan sees it turn
// confirmed (or refunded) without reloading. Rendered only while pending; it stops after 10
// minutes, by which time a payment that has not settled needs the fan's attention, not a spinner.
export function BookingStatusPoller({ intervalMs = 2000 }: { intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const started = Date.now();
    const timer = window.setInterval(() => {
      if (Date.now() - started > 10 * 60_000) window.clearInterval(timer);
      else router.refresh();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [router, intervalMs]);
  return null;
}
