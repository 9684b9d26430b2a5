import type { Category } from './performers';
import { pick, type Rng } from './random';

// The words on an event page: tour titles and short descriptions, filled from templates.

const adjectives = [
  'Golden',
  'Midnight',
  'Electric',
  'Wild',
  'Silver',
  'Endless',
  'Neon',
  'Velvet',
  'Crimson',
  'Northern',
  'Restless',
  'Brave',
  'Quiet',
  'Wandering',
  'Radiant',
  'Paper',
];
const nouns = [
  'Hour',
  'Skies',
  'Roads',
  'Hearts',
  'Horizon',
  'Echoes',
  'Summer',
  'Dreams',
  'Fire',
  'Tides',
  'Lights',
  'Frontier',
  'Bloom',
  'Signals',
  'Rivers',
];
const comedyTitles = [
  'Overthinking It',
  'No Notes',
  'Deeply Unserious',
  'Dad Jokes & Deadlines',
  'Small Talk, Big Feelings',
  'Against Medical Advice',
  'Still Figuring It Out',
  'Unfiltered',
  'Low Battery',
  'Plus One',
];
const familyTitles = ['Live!', 'The Great Adventure', 'Into the Deep', 'Dream Big', 'Lights, Camera, Wonder', 'The World Tour'];
const sportsTitles = ['Showdown Tour', 'Championship Series', 'Fan Fest Tour', 'Clash Night', 'Road to Glory Tour'];

// The title an act tours under this season; a musical's title is its own name.
export function tourTitle(rng: Rng, category: Category): string {
  const adjective = pick(rng, adjectives);
  const noun = pick(rng, nouns);
  const form = pick(rng, [0, 1, 2, 3]);
  switch (category) {
    case 'comedy':
      return `${pick(rng, comedyTitles)} Tour`;
    case 'family':
      return pick(rng, familyTitles);
    case 'sports':
      return pick(rng, sportsTitles);
    case 'theatre':
      return '';
    default:
      return [
        `The ${adjective} ${noun} Tour`,
        `${adjective} ${noun} World Tour`,
        `${noun} & ${pick(rng, nouns)} Tour`,
        `${adjective} ${noun} Tour`,
      ][form]!;
  }
}

export function eventName(performer: string, tour: string): string {
  return tour ? `${performer}: ${tour}` : performer;
}

type Facts = { performer: string; tour: string; label: string; home: string; venue: string; city: string };

const templates: Record<Category, ((f: Facts) => string)[]> = {
  concert: [
    (f) =>
      `${f.performer} brings ${f.tour} to ${f.venue} in ${f.city}. The ${f.label} from ${f.home} plays songs from the new record alongside long-time favorites. Expect a full production and a set of about two hours.`,
    (f) => `${f.tour} comes to ${f.city}! ${f.performer}, the ${f.label} from ${f.home}, takes the stage at ${f.venue} for one night only.`,
    (f) =>
      `After a sold-out run last year, ${f.performer} returns to ${f.city} with ${f.tour}. Doors open an hour before the show. All ages welcome.`,
  ],
  comedy: [
    (f) => `${f.performer} is back on the road with the ${f.tour}, an evening of brand-new stand-up. Recommended for ages 16 and up.`,
    (f) =>
      `${f.home} comedian ${f.performer} brings the ${f.tour} to ${f.venue}. Phones are locked away during the show, so the jokes stay in the room.`,
    (f) =>
      `${f.performer} takes the ${f.tour} to ${f.city} for a night of sharp, personal and very silly stand-up. The bar opens 45 minutes before showtime.`,
  ],
  theatre: [
    (f) =>
      `${f.performer} comes to ${f.venue} in ${f.city}. The acclaimed musical, first staged in ${f.home}, features a live orchestra and a cast of thirty. Running time is about two and a half hours with one intermission.`,
    (f) => `The hit musical ${f.performer} arrives in ${f.city} for a limited engagement. Recommended for ages 10 and up.`,
    (f) =>
      `Don't miss ${f.performer} at ${f.venue}, the new production audiences in ${f.home} could not stop talking about. Latecomers are seated at a suitable break.`,
  ],
  family: [
    (f) =>
      `${f.performer} brings ${f.tour} to ${f.venue}, fun for the whole family. The show runs about 90 minutes with a short intermission.`,
    (f) =>
      `Bring the kids to ${f.venue} for ${f.performer}: ${f.tour}. Suitable for all ages; every guest over the age of two needs a ticket.`,
    (f) => `${f.performer} from ${f.home} lands in ${f.city} with ${f.tour}, a high-energy show for fans from 3 to 93.`,
  ],
  sports: [
    (f) =>
      `${f.performer} comes to ${f.venue} for the ${f.tour}. Watch the action live in ${f.city}, with warm-ups starting an hour before the main event.`,
    (f) =>
      `The ${f.tour} hits ${f.city}: ${f.performer} takes over ${f.venue} for one night. Food and drink are available throughout the venue.`,
  ],
};

export function describe(rng: Rng, category: Category, facts: Facts): string {
  return pick(rng, templates[category])(facts);
}
