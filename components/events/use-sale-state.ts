'use client';

import { useEffect, useState } from 'react';
import { saleStateAt, type SaleState } from '@/lib/events/sale-state';

/**
 * Whether seats can be held, by this browser's clock: it flips at the on-sale moment without a
 * reload, while the page itself (a cached copy, re-rendered every few seconds) still says what
 * it said when it was rendered. The server checks the time again on every hold.
 */
export function useSaleState(onSaleAt: string, date: string, rendered: SaleState): SaleState {
  const [state, setState] = useState(rendered);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      const now = Date.now();
      const next = saleStateAt(now, onSaleAt, date);
      setState(next);
      const change = next === 'before' ? Date.parse(onSaleAt) : next === 'on' ? Date.parse(date) : null;
      // setTimeout takes at most 2^31-1 ms (about 24 days); a longer wait just ticks again.
      if (change !== null) timer = setTimeout(tick, Math.min(change - now + 50, 2 ** 31 - 1));
    };
    tick();
    return () => clearTimeout(timer);
  }, [onSaleAt, date]);
  return state;
}
