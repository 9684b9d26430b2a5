// Small deterministic variations so no two venues of a kind are identical.
export type Rng = () => number;

export const between = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();

export const intBetween = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
