'use client';

import { memo } from 'react';
import { formatMoney } from '@/lib/money';
import type { SectionGeom } from './geometry';
import styles from './seat-map.module.css';

export type SectionStats = { available: number; total: number; minPrice: number | null };

type Props = {
  sections: SectionGeom[];
  stats: SectionStats[];
  colourOf: (price: number) => string;
  currency: string;
  /** Sections whose seats are drawn: their shape fades to a backdrop. */
  drawn: ReadonlySet<number>;
};

/**
 * The overview: one shape per section, filled with the colour of its cheapest available price and
 * more opaque the more seats are left; a sold-out section is hatched and says so in its label.
 * Each shape is a button that zooms in to its seats.
 */
export const SectionShapes = memo(function SectionShapes({ sections, stats, colourOf, currency, drawn }: Props) {
  return (
    <g>
      {sections.map((section) => {
        const s = stats[section.index]!;
        const soldOut = s.available === 0;
        const label = soldOut
          ? `${section.name}: no seats available`
          : `${section.name}: ${s.available} of ${s.total} seats available, from ${formatMoney(s.minPrice ?? 0, currency)}. Show seats`;
        // The section's one display name (as on the hold, the booking and the checkout), as big as fits.
        const fontSize = Math.min(section.box.h / 3, section.box.w / (0.62 * Math.max(3, section.name.length)));
        return (
          <g key={section.id}>
            <path
              data-section={section.index}
              role="button"
              tabIndex={0}
              aria-label={label}
              className={styles.section}
              d={section.path}
              fill={soldOut ? 'url(#seat-map-hatch)' : colourOf(s.minPrice ?? 0)}
              fillOpacity={drawn.has(section.index) ? 0.08 : soldOut ? 1 : 0.3 + (0.6 * s.available) / Math.max(1, s.total)}
            />
            {drawn.has(section.index) ? null : (
              <text x={section.centre.x} y={section.centre.y} fontSize={fontSize} className={styles.sectionLabel} aria-hidden="true">
                {section.name}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
});
