// Seats are coloured by price. At most six colours, readable on white and distinct for the
// common colour-vision deficiencies (Okabe-Ito, with Tol's wine for Okabe-Ito's sky blue, which
// sat too close to its blue); more prices than that share bands.
const palette = ['#0072B2', '#009E73', '#CC79A7', '#D55E00', '#882255', '#E69F00'];

export type PriceBands = {
  prices: number[];
  colourOf: (price: number) => string;
  bands: Array<{ min: number; max: number; colour: string }>;
};

export function priceBands(allPrices: readonly number[]): PriceBands {
  const prices = [...new Set(allPrices)].sort((a, b) => a - b);
  const perBand = Math.ceil(prices.length / palette.length) || 1;
  const bands = palette
    .map((colour, b) => {
      const slice = prices.slice(b * perBand, (b + 1) * perBand);
      return slice.length ? { min: slice[0]!, max: slice[slice.length - 1]!, colour } : null;
    })
    .filter((b): b is NonNullable<typeof b> => b !== null);
  const colourByPrice = new Map(prices.map((p, i) => [p, palette[Math.floor(i / perBand)]!]));
  return { prices, bands, colourOf: (price) => colourByPrice.get(price) ?? '#777' };
}
