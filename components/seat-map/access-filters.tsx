'use client';

import { flagBit } from '@/lib/venues/seat-flags';
import styles from './seat-map.module.css';
import { useSeatFilters } from './use-seat-filters';

/**
 * "Wheelchair spaces", "Aisle seats" and "Hide restricted view": seats that do not match are
 * dimmed on the map (and cannot be picked there) and left out of the seat list. Shown only when
 * the venue's map has such seats.
 */
export function AccessFilters({ eventId, flags }: { eventId: string; flags: number }) {
  const [filters, setFilters] = useSeatFilters(eventId);
  const boxes = [
    { key: 'wheelchair', label: 'Wheelchair spaces', show: (flags & (flagBit.wheelchair | flagBit.companion)) !== 0 },
    { key: 'aisle', label: 'Aisle seats', show: (flags & flagBit.aisle) !== 0 },
    { key: 'hideRestricted', label: 'Hide restricted view', show: (flags & flagBit.restricted) !== 0 },
  ] as const;
  if (!boxes.some((b) => b.show)) return null;
  return (
    <fieldset className={styles.accessFilters}>
      <legend>Show only</legend>
      {boxes
        .filter((b) => b.show)
        .map((b) => (
          <label key={b.key}>
            <input type="checkbox" checked={filters[b.key]} onChange={(e) => setFilters({ ...filters, [b.key]: e.target.checked })} />
            {b.label}
          </label>
        ))}
    </fieldset>
  );
}
