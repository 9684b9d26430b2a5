import type { Box } from './geometry';

// viewBox arithmetic for an SVG drawn with preserveAspectRatio="xMidYMid meet": the box is
// centred in the element and scaled by the tighter of the two axes.

export type Rect = { left: number; top: number; width: number; height: number };

const unitsPerPx = (view: Box, rect: Rect) => Math.max(view.w / rect.width, view.h / rect.height);

/** The part of the drawing actually on screen (wider or taller than the viewBox itself). */
export function visibleBox(view: Box, rect: Rect): Box {
  const s = unitsPerPx(view, rect);
  const w = rect.width * s;
  const h = rect.height * s;
  return { x: view.x - (w - view.w) / 2, y: view.y - (h - view.h) / 2, w, h };
}

/** Zooms by `factor` (<1 in, >1 out) keeping the drawing under the client point where it is. */
export function zoomAbout(view: Box, rect: Rect, clientX: number, clientY: number, factor: number): Box {
  const visible = visibleBox(view, rect);
  const s = unitsPerPx(view, rect);
  const px = visible.x + (clientX - rect.left) * s;
  const py = visible.y + (clientY - rect.top) * s;
  const w = view.w * factor;
  const h = view.h * factor;
  const next = visibleBox({ x: 0, y: 0, w, h }, rect);
  return { x: px - (clientX - rect.left) * s * factor - next.x, y: py - (clientY - rect.top) * s * factor - next.y, w, h };
}

export function panBy(view: Box, rect: Rect, dxPx: number, dyPx: number): Box {
  const s = unitsPerPx(view, rect);
  return { ...view, x: view.x - dxPx * s, y: view.y - dyPx * s };
}

/** Keeps the zoom between "a few seats" and "the whole venue" and the venue on screen. */
export function clampView(view: Box, bounds: { width: number; height: number; minW: number }): Box {
  const maxW = bounds.width * 1.25;
  const w = Math.min(maxW, Math.max(bounds.minW, view.w));
  const h = (view.h / view.w) * w;
  const cx = view.x + view.w / 2;
  const cy = view.y + view.h / 2;
  const x = Math.min(bounds.width - w * 0.2, Math.max(-w * 0.8, cx - w / 2));
  const y = Math.min(bounds.height - h * 0.2, Math.max(-h * 0.8, cy - h / 2));
  return { x, y, w, h };
}

export function fitBox(box: Box, aspect: number, padding = 1.3): Box {
  const w = Math.max(box.w, box.h * aspect) * padding;
  const h = w / aspect;
  return { x: box.x + box.w / 2 - w / 2, y: box.y + box.h / 2 - h / 2, w, h };
}

export const viewBoxAttr = (v: Box) => `${v.x} ${v.y} ${v.w} ${v.h}`;
