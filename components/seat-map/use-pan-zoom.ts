'use client';

import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type { Box } from './geometry';
import { clampView, panBy, viewBoxAttr, zoomAbout } from './view-box';

type Point = { x: number; y: number };
type Gesture = { view: Box; pointers: Map<number, Point>; moved: boolean };

// Past this many pixels a press is a drag, not a tap on a seat.
const dragThreshold = 6;

/** Showing (about) the whole venue: one finger then scrolls the page, not the map. */
export const isZoomedOut = (view: Box, bounds: { width: number }) => view.w >= bounds.width * 0.95;

/**
 * Drag to pan, pinch and wheel to zoom. While a gesture runs the viewBox attribute is written
 * straight to the element once per frame, so React renders nothing mid-gesture; the new view is
 * committed to state (which decides the sections whose seats are drawn) when the gesture ends.
 *
 * On a touch screen the map must not trap the page: while it shows the whole venue, one finger
 * scrolls the page (the element's touch-action is pan-y, see map-canvas.tsx) and only two
 * fingers pinch or pan the map; once zoomed in, one finger pans it too. The wheel zooms only with
 * Ctrl or Cmd held (a trackpad pinch sends that too) or once the map has the focus, so a fan
 * scrolling down the page with a mouse is not caught by it.
 */
export function usePanZoom(svgRef: RefObject<SVGSVGElement | null>, initial: Box, bounds: { width: number; height: number; minW: number }) {
  const [view, setViewState] = useState(initial);
  /** The kind of pointer that last pressed the map: a touch picks seats only when they are big enough. */
  const lastPointer = useRef<string>('mouse');
  const live = useRef(initial);
  const gesture = useRef<Gesture | null>(null);
  const latest = useRef(new Map<number, Point>());
  const frame = useRef(0);
  const suppressClick = useRef(false);
  // The element's size decides how much of the drawing is on screen (and so which seats to draw).
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, [svgRef]);

  const setView = useCallback(
    (next: Box) => {
      const clamped = clampView(next, bounds);
      live.current = clamped;
      setViewState(clamped);
    },
    [bounds],
  );

  const draw = (next: Box) => {
    live.current = clampView(next, bounds);
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => svgRef.current?.setAttribute('viewBox', viewBoxAttr(live.current)));
  };

  const rect = () => svgRef.current!.getBoundingClientRect();

  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    lastPointer.current = e.pointerType;
    latest.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    // Each change in the number of fingers restarts the gesture from the current view.
    gesture.current = { view: live.current, pointers: new Map(latest.current), moved: gesture.current?.moved ?? false };
    suppressClick.current = false;
  };

  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const g = gesture.current;
    const start = g?.pointers.get(e.pointerId);
    if (!g || !start) return;
    latest.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const current = latest.current;
    if (!g.moved && Math.hypot(e.clientX - start.x, e.clientY - start.y) < dragThreshold) return;
    const r = rect();
    const [a, b] = [...g.pointers.keys()];
    // One finger over the whole venue is the page's (touch-action: pan-y scrolls it vertically).
    if (b === undefined && e.pointerType === 'touch' && isZoomedOut(g.view, bounds)) return;
    if (!g.moved) {
      g.moved = true;
      svgRef.current?.setPointerCapture(e.pointerId);
    }
    if (b === undefined) {
      draw(panBy(g.view, r, e.clientX - start.x, e.clientY - start.y));
      return;
    }
    const [a0, b0, a1, b1] = [g.pointers.get(a!)!, g.pointers.get(b)!, current.get(a!)!, current.get(b)!];
    const factor = Math.hypot(a0.x - b0.x, a0.y - b0.y) / Math.max(1, Math.hypot(a1.x - b1.x, a1.y - b1.y));
    const mid0 = { x: (a0.x + b0.x) / 2, y: (a0.y + b0.y) / 2 };
    const mid1 = { x: (a1.x + b1.x) / 2, y: (a1.y + b1.y) / 2 };
    draw(panBy(zoomAbout(g.view, r, mid0.x, mid0.y, factor), r, mid1.x - mid0.x, mid1.y - mid0.y));
  };

  const onPointerEnd = (e: ReactPointerEvent<SVGSVGElement>) => {
    const g = gesture.current;
    if (!g) return;
    latest.current.delete(e.pointerId);
    if (g.moved) suppressClick.current = true;
    if (latest.current.size === 0) {
      gesture.current = null;
      if (g.moved) setView(live.current);
    } else {
      gesture.current = { view: live.current, pointers: new Map(latest.current), moved: g.moved };
    }
  };

  // A native listener: React's wheel handler is passive and cannot stop the page scrolling.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      const focused = document.activeElement !== null && svg.contains(document.activeElement);
      if (!e.ctrlKey && !e.metaKey && !focused) return;
      e.preventDefault();
      const factor = Math.exp(Math.max(-100, Math.min(100, e.deltaY)) * 0.004);
      setView(zoomAbout(live.current, svg.getBoundingClientRect(), e.clientX, e.clientY, factor));
    };
    // Two fingers are the map's even where one finger scrolls the page: stop the browser from
    // scrolling or zooming the page with them (touch-action alone cannot tell one from two).
    const onTouch = (e: TouchEvent) => {
      if (e.touches.length >= 2 && e.cancelable) e.preventDefault();
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    svg.addEventListener('touchstart', onTouch, { passive: false });
    svg.addEventListener('touchmove', onTouch, { passive: false });
    return () => {
      svg.removeEventListener('wheel', onWheel);
      svg.removeEventListener('touchstart', onTouch);
      svg.removeEventListener('touchmove', onTouch);
    };
  }, [svgRef, setView]);

  const zoomBy = useCallback(
    (factor: number) => {
      const r = svgRef.current?.getBoundingClientRect();
      if (r) setView(zoomAbout(live.current, r, r.left + r.width / 2, r.top + r.height / 2, factor));
    },
    [svgRef, setView],
  );

  return {
    view,
    size,
    setView,
    zoomBy,
    /** True right after a drag: the click that ends it is not a tap on a seat. */
    suppressClick,
    lastPointer,
    handlers: { onPointerDown, onPointerMove, onPointerUp: onPointerEnd, onPointerCancel: onPointerEnd },
  };
}
