'use client';

import { useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { formatMoney } from '@/lib/money';
import { Button } from '@/components/ui/button';
import { intersects, neighbourSeat, type Box, type Layout } from './geometry';
import type { PriceBands } from './price-bands';
import styles from './seat-map.module.css';
import { SectionSeats } from './section-seats';
import { SectionShapes, type SectionStats } from './section-shapes';
import { flagShort, flagsIn } from './seat-flags-text';
import { stateText, type SeatState } from './seat-state';
import { isZoomedOut, usePanZoom } from './use-pan-zoom';
import { fitBox, visibleBox, viewBoxAttr, type Rect } from './view-box';

// At most this many individual seats are drawn (the sections nearest the middle of the screen);
// the overview of a 40,000-seat stadium draws section shapes, which keeps every frame cheap.
const seatBudget = 3_000;
// A seat a finger picks is at least this wide on screen (WCAG 2.5.8 asks for 24 CSS px): opening
// a section zooms in at least this far, and a touch on a smaller seat zooms to it first.
const minSeatPx = 24;
// Zooming for a finger goes a little past the minimum, so rounding never leaves a seat just short.
const pickZoom = 1.25;

type Props = {
  layout: Layout;
  prices: number[];
  bands: PriceBands;
  currency: string;
  states: string;
  stats: SectionStats[];
  activeSeat: number;
  onActiveSeat: (index: number) => void;
  onToggle: (index: number) => void;
  fullScreen: boolean;
  onFullScreen: (on: boolean) => void;
};

export function MapCanvas({
  layout,
  prices,
  bands,
  currency,
  states,
  stats,
  activeSeat,
  onActiveSeat,
  onToggle,
  fullScreen,
  onFullScreen,
}: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const whole = useMemo(() => ({ x: 0, y: 0, w: layout.width, h: layout.height }), [layout]);
  // Zoomed all the way in, a few seats span the screen.
  const bounds = useMemo(() => ({ width: layout.width, height: layout.height, minW: layout.seatRadius * 15 }), [layout]);
  const { view, size, setView, zoomBy, suppressClick, lastPointer, handlers } = usePanZoom(svgRef, whole, bounds);
  const zoomedOut = isZoomedOut(view, bounds);
  const focusAfterRender = useRef<number | null>(null);
  // The seat whose tooltip shows: the one under the mouse, focused, or last tapped.
  const [tip, setTip] = useState<number | null>(null);

  const drawn = useMemo(() => {
    const rect = size && size.width > 0 ? { left: 0, top: 0, ...size } : null;
    const visible = rect ? visibleBox(view, rect) : view;
    // Seats smaller than a pixel or two are noise: the overview of a stadium shows sections.
    const seatPx = rect ? layout.seatRadius / Math.max(view.w / rect.width, view.h / rect.height) : 0;
    if (seatPx < 1.5) return new Set<number>();
    const cx = visible.x + visible.w / 2;
    const cy = visible.y + visible.h / 2;
    const onScreen = layout.sections
      .filter((s) => intersects(s.box, visible))
      .sort((a, b) => Math.hypot(a.centre.x - cx, a.centre.y - cy) - Math.hypot(b.centre.x - cx, b.centre.y - cy));
    // Nearest the middle of the screen first, as many as the budget allows.
    const out = new Set<number>();
    let count = 0;
    for (const s of onScreen) {
      count += s.end - s.start;
      if (count > seatBudget && out.size > 0) break;
      out.add(s.index);
    }
    return out;
  }, [layout, view, size]);

  useEffect(() => {
    const target = focusAfterRender.current;
    if (target === null) return;
    focusAfterRender.current = null;
    svgRef.current?.querySelector<SVGElement>(`[data-seat="${target}"]`)?.focus();
  });

  const rect: Rect | null = size && size.width > 0 ? { left: 0, top: 0, ...size } : null;
  // The widest view (in drawing units) at which a seat is minSeatPx across on this screen.
  const pickableWidth = rect ? (2 * layout.seatRadius * rect.width) / (minSeatPx * pickZoom) : Infinity;
  const seatPx = rect ? (2 * layout.seatRadius) / Math.max(view.w / rect.width, view.h / rect.height) : 0;
  const aspect = rect ? rect.width / rect.height : layout.width / layout.height;

  /** The view centred on a point, as wide as `w` at most, in the element's own proportions. */
  const around = (x: number, y: number, w: number) => ({ x: x - w / 2, y: y - w / aspect / 2, w, h: w / aspect });

  const openSection = (index: number) => {
    const section = layout.sections[index]!;
    const fitted = fitBox(section.box, aspect);
    // A mouse or the keyboard picks precisely: the whole section. A finger gets seats it can hit.
    const forFinger = lastPointer.current === 'touch' && fitted.w > pickableWidth;
    setView(forFinger ? around(section.centre.x, section.centre.y, pickableWidth) : fitted);
    // The first seat a fan could pick, so Enter then Space holds something useful.
    let first = section.start;
    for (let i = section.start; i < section.end; i++) {
      if (states[i] === 'a') {
        first = i;
        break;
      }
    }
    onActiveSeat(first);
    focusAfterRender.current = first;
  };

  const targetOf = (e: { target: EventTarget }): { kind: 'seat' | 'section'; index: number } | null => {
    const el = (e.target as Element).closest?.('[data-seat],[data-section]');
    if (!el) return null;
    const seat = el.getAttribute('data-seat');
    return seat !== null ? { kind: 'seat', index: Number(seat) } : { kind: 'section', index: Number(el.getAttribute('data-section')) };
  };

  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    if (suppressClick.current) return;
    const t = targetOf(e);
    if (t?.kind === 'seat') {
      onActiveSeat(t.index);
      setTip(t.index);
      // Too small for a finger to be sure which seat it hit: zoom to it first.
      if (lastPointer.current === 'touch' && seatPx < minSeatPx) {
        const seat = layout.seats[t.index]!;
        setView(around(seat.x, seat.y, pickableWidth));
        return;
      }
      onToggle(t.index);
    } else if (t) openSection(t.index);
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const t = targetOf(e);
    if (!t) return;
    if (t.kind === 'section') {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      openSection(t.index);
      return;
    }
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onToggle(t.index);
      return;
    }
    const next = neighbourSeat(layout, t.index, e.key);
    if (next === null) return;
    e.preventDefault();
    onActiveSeat(next);
    focusAfterRender.current = next;
  };

  const seatUnder = (e: { target: EventTarget }) => {
    const t = targetOf(e);
    return t?.kind === 'seat' ? t.index : null;
  };
  const onPointerOver = (e: PointerEvent<SVGSVGElement>) => {
    if (e.pointerType === 'mouse') setTip(seatUnder(e));
  };
  const onPointerLeave = (e: PointerEvent<SVGSVGElement>) => {
    if (e.pointerType === 'mouse') setTip(null);
  };
  const onFocus = (e: FocusEvent<SVGSVGElement>) => setTip(seatUnder(e));
  const onBlur = () => setTip(null);

  const fontSize = Math.min(layout.width, layout.height) / 30;
  // The section the fan is looking at once zoomed in: its name stays on screen.
  const current = useMemo(() => {
    if (drawn.size === 0) return null;
    const cx = view.x + view.w / 2;
    const cy = view.y + view.h / 2;
    let best: (typeof layout.sections)[number] | null = null;
    for (const i of drawn) {
      const s = layout.sections[i]!;
      if (!best || Math.hypot(s.centre.x - cx, s.centre.y - cy) < Math.hypot(best.centre.x - cx, best.centre.y - cy)) best = s;
    }
    return best;
  }, [drawn, view, layout]);

  return (
    <div className={styles.canvasWrap}>
      <div className={styles.mapTools}>
        <Button variant="secondary" className="btn-small" aria-label="Zoom in" onClick={() => zoomBy(0.6)}>
          <span aria-hidden="true">+</span>
        </Button>
        <Button variant="secondary" className="btn-small" aria-label="Zoom out" onClick={() => zoomBy(1 / 0.6)}>
          <span aria-hidden="true">−</span>
        </Button>
        <Button variant="secondary" className="btn-small" onClick={() => setView(whole)}>
          Whole venue
        </Button>
        <Button variant="secondary" className="btn-small" aria-pressed={fullScreen} onClick={() => onFullScreen(!fullScreen)}>
          {fullScreen ? 'Exit full screen' : 'Full screen'}
        </Button>
      </div>
      <svg
        ref={svgRef}
        className={`${styles.canvas} ${zoomedOut ? styles.scrollsPage : ''}`}
        viewBox={viewBoxAttr(view)}
        preserveAspectRatio="xMidYMid meet"
        role="group"
        aria-label="Seat map. Choose a section to see its seats; use the arrow keys to move between seats and Space to select."
        onClick={onClick}
        onKeyDown={onKeyDown}
        onPointerOver={onPointerOver}
        onPointerLeave={onPointerLeave}
        onFocus={onFocus}
        onBlur={onBlur}
        {...handlers}
      >
        <defs>
          <pattern id="seat-map-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="#e4e4ec" />
            <line x1="0" y1="0" x2="0" y2="8" stroke="#8b8c9c" strokeWidth="3" />
          </pattern>
        </defs>
        <path d={layout.stagePath} className={styles.stage} />
        <text x={layout.stageCentre.x} y={layout.stageCentre.y} fontSize={fontSize} className={styles.stageLabel} aria-hidden="true">
          {layout.stageLabel}
        </text>
        <SectionShapes sections={layout.sections} stats={stats} colourOf={bands.colourOf} currency={currency} drawn={drawn} />
        {layout.sections
          .filter((s) => drawn.has(s.index))
          .map((s) => (
            <SectionSeats
              key={s.id}
              section={s}
              seats={layout.seats}
              prices={prices}
              colourOf={bands.colourOf}
              currency={currency}
              radius={layout.seatRadius}
              states={states.slice(s.start, s.end)}
              tabSeat={activeSeat >= s.start && activeSeat < s.end ? activeSeat : s.start}
            />
          ))}
      </svg>
      {current && !zoomedOut ? (
        <p className={styles.sectionBadge} aria-hidden="true">
          {current.name}
          {current.tierName ? ` · ${current.tierName}` : ''}
        </p>
      ) : null}
      {tip !== null && rect ? (
        <SeatTip
          layout={layout}
          view={view}
          rect={rect}
          index={tip}
          price={prices[tip] ?? 0}
          currency={currency}
          state={states[tip] as SeatState}
        />
      ) : null}
    </div>
  );
}

/**
 * The seat's name, price and state beside it, for the mouse, the keyboard and the finger. Screen
 * readers hear the same words from the seat's own label, so this box is for the eyes.
 */
function SeatTip({
  layout,
  view,
  rect,
  index,
  price,
  currency,
  state,
}: {
  layout: Layout;
  view: Box;
  rect: Rect;
  index: number;
  price: number;
  currency: string;
  state: SeatState | undefined;
}) {
  const seat = layout.seats[index];
  if (!seat || !state) return null;
  const visible = visibleBox(view, rect);
  const scale = Math.max(view.w / rect.width, view.h / rect.height);
  const left = (seat.x - visible.x) / scale;
  const top = (seat.y - layout.seatRadius - visible.y) / scale;
  if (left < 0 || top < 0 || left > rect.width || top > rect.height) return null;
  const words = stateText[state];
  const flags = flagsIn(seat.flags).map((f) => flagShort[f]);
  return (
    <div role="tooltip" className={styles.tip} style={{ left, top }}>
      <strong>{layout.sections[seat.section]!.name}</strong> · Row {layout.rows[seat.row]!.label} · Seat {seat.number}
      <br />
      {formatMoney(price, currency)} · {words.charAt(0).toUpperCase() + words.slice(1)}
      {flags.length > 0 ? (
        <>
          <br />
          {flags.join(' · ')}
        </>
      ) : null}
    </div>
  );
}
