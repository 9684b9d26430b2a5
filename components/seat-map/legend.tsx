import { formatPriceRange } from '@/lib/money';
import { flagBit } from '@/lib/venues/seat-flags';
import type { SeatFlag } from '@/lib/venues/seat-map';
import type { PriceBands } from './price-bands';
import { flagsIn } from './seat-flags-text';
import { SeatMarks } from './section-seats';
import styles from './seat-map.module.css';

const Sample = ({ children }: { children: React.ReactNode }) => (
  <svg width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true">
    {children}
  </svg>
);

const flagLegend: Record<SeatFlag, string> = {
  wheelchair: 'Wheelchair space (wheelchair symbol)',
  companion: 'Companion seat, sold with a wheelchair space (inner ring)',
  aisle: 'Aisle seat (upright bar)',
  restricted: 'Restricted view (slash)',
};

/**
 * Every state has a shape as well as a colour, and the legend names both; so does every seat
 * flag the venue's map uses (`flags`: the bits of all its seats together).
 */
export function Legend({ bands, currency, flags = 0 }: { bands: PriceBands; currency: string; flags?: number }) {
  return (
    <div>
      <h3 className="sr-only">Legend</h3>
      <ul className={styles.legend}>
        {bands.bands.map((b) => (
          <li key={b.colour}>
            <Sample>
              <circle r="7" fill={b.colour} />
            </Sample>
            Available, {formatPriceRange(b.min, b.max, currency)}
          </li>
        ))}
        <li>
          <Sample>
            <circle r="7" fill="#0072B2" stroke="#111" strokeWidth="3.5" />
          </Sample>
          Selected (bigger, dark ring)
        </li>
        <li>
          <Sample>
            <rect x="-6" y="-6" width="12" height="12" fill="#0072B2" stroke="#111" strokeWidth="2" />
          </Sample>
          Held by you (square)
        </li>
        <li>
          <Sample>
            <circle r="5" fill="#fff" stroke="#55566a" strokeWidth="1.5" />
          </Sample>
          Held by another fan (ring)
        </li>
        <li>
          <Sample>
            <circle r="3" fill="#8b8c9c" />
          </Sample>
          Sold (small dot)
        </li>
        {flagsIn(flags).map((flag) => (
          <li key={flag}>
            <Sample>
              <circle r="7" fill="#0072B2" />
              <SeatMarks x={0} y={0} r={7} flags={flagBit[flag]} />
            </Sample>
            {flagLegend[flag]}
          </li>
        ))}
      </ul>
    </div>
  );
}
