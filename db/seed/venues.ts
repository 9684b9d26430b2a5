import type { VenueKind } from '@/lib/venues/seat-map';

// Real cities, invented venues and street numbers. Each city carries its currency and time zone
// so that prices are in local money and an 8 pm show is 8 pm where the venue is.
export type City = { name: string; currency: 'USD' | 'GBP' | 'EUR' | 'CAD' | 'MXN'; timeZone: string };

const city = (name: string, currency: City['currency'], timeZone: string): City => ({ name, currency, timeZone });

export const cities = {
  newYork: city('New York', 'USD', 'America/New_York'),
  losAngeles: city('Los Angeles', 'USD', 'America/Los_Angeles'),
  chicago: city('Chicago', 'USD', 'America/Chicago'),
  austin: city('Austin', 'USD', 'America/Chicago'),
  nashville: city('Nashville', 'USD', 'America/Chicago'),
  seattle: city('Seattle', 'USD', 'America/Los_Angeles'),
  sanFrancisco: city('San Francisco', 'USD', 'America/Los_Angeles'),
  boston: city('Boston', 'USD', 'America/New_York'),
  atlanta: city('Atlanta', 'USD', 'America/New_York'),
  denver: city('Denver', 'USD', 'America/Denver'),
  miami: city('Miami', 'USD', 'America/New_York'),
  lasVegas: city('Las Vegas', 'USD', 'America/Los_Angeles'),
  newOrleans: city('New Orleans', 'USD', 'America/Chicago'),
  philadelphia: city('Philadelphia', 'USD', 'America/New_York'),
  london: city('London', 'GBP', 'Europe/London'),
  manchester: city('Manchester', 'GBP', 'Europe/London'),
  dublin: city('Dublin', 'EUR', 'Europe/Dublin'),
  toronto: city('Toronto', 'CAD', 'America/Toronto'),
  montreal: city('Montréal', 'CAD', 'America/Toronto'),
  mexicoCity: city('Mexico City', 'MXN', 'America/Mexico_City'),
} satisfies Record<string, City>;

export type VenueSpec = { name: string; kind: VenueKind; city: City; address: string };

const c = cities;

export const venueSpecs: VenueSpec[] = [
  { kind: 'stadium', city: c.newYork, name: 'Empire Meadows Stadium', address: '4 Pier Meadow Drive, Queens, NY 11368' },
  { kind: 'stadium', city: c.losAngeles, name: 'Sunset Canyon Stadium', address: '1000 Arroyo Vista Boulevard, Los Angeles, CA 90012' },
  {
    kind: 'stadium',
    city: c.mexicoCity,
    name: 'Estadio Volcán Azul',
    address: 'Calzada de Tlalpan 2950, Coyoacán, 04220 Ciudad de México',
  },

  { kind: 'arena', city: c.newYork, name: 'Bowery Garden Arena', address: '410 West 33rd Street, New York, NY 10001' },
  { kind: 'arena', city: c.losAngeles, name: 'Pacific Crest Arena', address: '1250 South Figueroa Terrace, Los Angeles, CA 90015' },
  { kind: 'arena', city: c.chicago, name: 'Lakefront Union Arena', address: '1850 West Madison Avenue, Chicago, IL 60612' },
  { kind: 'arena', city: c.atlanta, name: 'Peachtree Pavilion Arena', address: '75 Centennial Park Drive NW, Atlanta, GA 30313' },
  { kind: 'arena', city: c.seattle, name: 'Emerald Sound Arena', address: '305 Harrison Street, Seattle, WA 98109' },
  { kind: 'arena', city: c.nashville, name: 'Cumberland Riverfront Arena', address: '720 Demonbreun Street, Nashville, TN 37203' },
  { kind: 'arena', city: c.boston, name: 'Back Bay Garden', address: '88 Causeway Street, Boston, MA 02114' },
  { kind: 'arena', city: c.toronto, name: 'Harbour Commons Arena', address: '1 Harbour Commons Way, Toronto, ON M5J 2X2' },
  { kind: 'arena', city: c.london, name: 'Thames Gateway Arena', address: '12 Royal Victoria Dock Road, London E16 1XL' },
  { kind: 'arena', city: c.lasVegas, name: 'Desert Star Arena', address: '3951 Paradise Road, Las Vegas, NV 89169' },
  {
    kind: 'arena',
    city: c.mexicoCity,
    name: 'Arena Ciudad Jardín',
    address: 'Avenida Río Churubusco 1450, Iztacalco, 08400 Ciudad de México',
  },

  { kind: 'theatre', city: c.newYork, name: 'The Marigold Theatre', address: '233 West 46th Street, New York, NY 10036' },
  { kind: 'theatre', city: c.newYork, name: 'Halloway Playhouse', address: '151 West 48th Street, New York, NY 10036' },
  { kind: 'theatre', city: c.newYork, name: 'Lenox Music Hall', address: '2089 Lenox Avenue, New York, NY 10027' },
  { kind: 'theatre', city: c.losAngeles, name: 'Cahuenga Theatre', address: '6344 Cahuenga Boulevard, Los Angeles, CA 90028' },
  { kind: 'theatre', city: c.losAngeles, name: 'Silver Lake Music Hall', address: '3017 Sunset Boulevard, Los Angeles, CA 90026' },
  { kind: 'theatre', city: c.chicago, name: 'The Lantern Theatre', address: '128 North Dearborn Street, Chicago, IL 60602' },
  { kind: 'theatre', city: c.chicago, name: 'Wabash Auditorium', address: '540 South Wabash Avenue, Chicago, IL 60605' },
  { kind: 'theatre', city: c.austin, name: 'Congress Avenue Theatre', address: '812 Congress Avenue, Austin, TX 78701' },
  { kind: 'theatre', city: c.austin, name: 'The Bluebonnet Hall', address: '1403 East 6th Street, Austin, TX 78702' },
  { kind: 'theatre', city: c.nashville, name: 'Music Row Playhouse', address: '46 Music Square East, Nashville, TN 37203' },
  { kind: 'theatre', city: c.seattle, name: 'Pike Street Theatre', address: '1519 Pike Street, Seattle, WA 98122' },
  { kind: 'theatre', city: c.sanFrancisco, name: 'Market Street Opera House', address: '1182 Market Street, San Francisco, CA 94102' },
  { kind: 'theatre', city: c.boston, name: 'Tremont Street Playhouse', address: '262 Tremont Street, Boston, MA 02116' },
  { kind: 'theatre', city: c.atlanta, name: 'The Magnolia Theatre', address: '665 Peachtree Street NE, Atlanta, GA 30308' },
  { kind: 'theatre', city: c.denver, name: 'Larimer Square Theatre', address: '1430 Larimer Street, Denver, CO 80202' },
  { kind: 'theatre', city: c.miami, name: 'Teatro Brisa', address: '1700 Biscayne Boulevard, Miami, FL 33132' },
  { kind: 'theatre', city: c.lasVegas, name: 'Neon Palms Showroom', address: '3355 Las Vegas Boulevard South, Las Vegas, NV 89109' },
  { kind: 'theatre', city: c.newOrleans, name: 'Théâtre du Marigny', address: '622 Frenchmen Street, New Orleans, LA 70116' },
  { kind: 'theatre', city: c.philadelphia, name: 'Chestnut Hall Theatre', address: '1714 Chestnut Street, Philadelphia, PA 19103' },
  { kind: 'theatre', city: c.london, name: 'Covent Row Theatre', address: '27 Wellington Street, London WC2E 7DB' },
  { kind: 'theatre', city: c.london, name: 'The Sovereign Playhouse', address: '140 Shaftesbury Avenue, London W1D 5EU' },
  { kind: 'theatre', city: c.manchester, name: 'Deansgate Playhouse', address: '301 Deansgate, Manchester M3 4LQ' },
  { kind: 'theatre', city: c.dublin, name: 'The Liffey Theatre', address: '18 Eden Quay, Dublin 1, D01 P5W2' },
  { kind: 'theatre', city: c.toronto, name: 'King Street Playhouse', address: '306 King Street West, Toronto, ON M5V 1J5' },
  { kind: 'theatre', city: c.montreal, name: 'Théâtre Saint-Laurent', address: '1182 Boulevard Saint-Laurent, Montréal, QC H2X 2S5' },
  {
    kind: 'theatre',
    city: c.mexicoCity,
    name: 'Teatro Jacarandá',
    address: 'Avenida Álvaro Obregón 142, Roma Norte, 06700 Ciudad de México',
  },
];
