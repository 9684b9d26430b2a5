import { formatPriceRange } from '@/lib/money';
import type { PriceBands } from './price-bands';
import styles from './seat-map.module.css';

const Sample = ({ children }: { children: React.ReactNode }) => (
  <svg width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true">
    {children}
  </svg>
);

/** Every state has a shape as well as a colour, and the legend names both. */
export function Legend({ bands, currency }: { bands: PriceBands; currency: string }) {
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
      </ul>
    </div>
  );
}
