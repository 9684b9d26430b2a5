import { generateSeatMap } from '@/lib/venues/generate-seat-map';
import { seatCount, type SeatMap, type VenueKind } from '@/lib/venues/seat-map';
import { tourTitle } from './event-copy';
import { categoryOf, genres, rosters, type Category, type Genre } from './performers';
import { pick, stream, uuid } from './random';
import { venueSpecs, type City } from './venues';

export type SeedPerformer = {
  id: string;
  name: string;
  genre: Genre;
  category: Category;
  label: string; // "country artist", "musical"
  homeCity: string;
  bio: string;
  popularity: number; // 0..1, drives venue size and prices
  tour: string;
};

export type SeedVenue = {
  id: string;
  name: string;
  kind: VenueKind;
  address: string;
  city: City;
  capacity: number;
  seatMap: SeatMap;
};

export function buildPerformers(): SeedPerformer[] {
  const rng = stream('performers');
  return genres.flatMap((genre) => {
    const { names, homes, label } = rosters[genre];
    return names.map((name) => {
      const category = categoryOf[genre];
      const homeCity = pick(rng, homes);
      return {
        id: uuid(rng),
        name,
        genre,
        category,
        label,
        homeCity,
        bio: category === 'theatre' ? `${name} is a musical first produced in ${homeCity}.` : `${name} is a ${label} from ${homeCity}.`,
        popularity: rng(),
        tour: tourTitle(rng, category),
      };
    });
  });
}

export function buildVenues(): SeedVenue[] {
  const rng = stream('venues');
  return venueSpecs.map((spec, i) => {
    // Each map has its own stream so editing one venue leaves every other map unchanged.
    const seatMap = generateSeatMap(spec.kind, stream(`seat-map:${i}`));
    return { id: uuid(rng), ...spec, capacity: seatCount(seatMap), seatMap };
  });
}
