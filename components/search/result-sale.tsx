import type { CardFacts } from '@/lib/events/card-facts';
import { saleStateAt } from '@/lib/events/sale-state';
import { formatMoment } from '@/lib/dates';
import { formatMoney } from '@/lib/money';

/** A result card's price and on-sale state: on sale, on sale at …, sold out, or queue active. */
export function ResultSale({ card, date, timezone, now }: { card: CardFacts; date: string; timezone: string; now: number }) {
  const state = saleStateAt(now, card.onSaleAt, date);
  if (state === 'past') return null;
  const price = card.fromPrice === null ? null : `From ${formatMoney(card.fromPrice, card.currency)}`;
  if (state === 'before') {
    return (
      <p>
        <span className="tag">On sale {formatMoment(card.onSaleAt, timezone)}</span>
      </p>
    );
  }
  if (price === null) return <p className="price-from">Sold out</p>;
  return (
    <p>
      <span className="price-from">{price}</span> <span className="tag">{card.queued ? 'Queue active' : 'On sale'}</span>
    </p>
  );
}
