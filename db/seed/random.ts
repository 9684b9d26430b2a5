// A seeded PRNG so two seeds produce identical rows (ids included): mulberry32, 32 bits of state,
// fast and plenty random for fake data. Never use it for anything secret.
import type { Rng } from '@/lib/venues/layouts/vary';

export { intBetween, type Rng } from '@/lib/venues/layouts/vary';

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Independent streams per concern ("performers", "events", ...) so that changing how many of one
// thing is drawn never shifts the values drawn for another.
export function stream(name: string, seed = 1): Rng {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return mulberry32(h);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// A version-4-shaped uuid from the PRNG: random bits with the version and variant bits set.
export function uuid(rng: Rng): string {
  const b = new Array<number>(16);
  for (let i = 0; i < 16; i += 4) {
    const word = Math.floor(rng() * 4294967296);
    b[i] = word >>> 24;
    b[i + 1] = (word >>> 16) & 0xff;
    b[i + 2] = (word >>> 8) & 0xff;
    b[i + 3] = word & 0xff;
  }
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.map((x) => hex[x]);
  return `${h[0]}${h[1]}${h[2]}${h[3]}-${h[4]}${h[5]}-${h[6]}${h[7]}-${h[8]}${h[9]}-${h[10]}${h[11]}${h[12]}${h[13]}${h[14]}${h[15]}`;
}
