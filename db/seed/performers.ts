// Invented acts, 150 in all, across the genres the site sells. Some carry accents (Zoë Márquez,
// Café Relámpago, Théâtre-style titles) so that accent-insensitive search has something to find.
export type Genre =
  | 'rock'
  | 'pop'
  | 'hip-hop'
  | 'country'
  | 'jazz'
  | 'classical'
  | 'comedy'
  | 'musical'
  | 'edm'
  | 'latin'
  | 'k-pop'
  | 'family'
  | 'sports';

export type Category = 'concert' | 'comedy' | 'theatre' | 'family' | 'sports';

export const categoryOf: Record<Genre, Category> = {
  rock: 'concert',
  pop: 'concert',
  'hip-hop': 'concert',
  country: 'concert',
  jazz: 'concert',
  classical: 'concert',
  edm: 'concert',
  latin: 'concert',
  'k-pop': 'concert',
  comedy: 'comedy',
  musical: 'theatre',
  family: 'family',
  sports: 'sports',
};

type Roster = { names: string[]; homes: string[]; label: string };

export const rosters: Record<Genre, Roster> = {
  rock: {
    label: 'rock band',
    homes: ['Seattle', 'Chicago', 'London', 'Manchester', 'Austin', 'Detroit', 'Dublin', 'Toronto'],
    names: [
      'The Velvet Cartographers', 'Rust Belt Lanterns', 'Harbor & Hollow', 'Neon Tide Assembly',
      'Copperhead Saints', 'The Midnight Orchards', 'Glass Meridian', 'Björn Ashgrove & the Drifters',
      'Static Pilgrims', 'The Lonesome Satellites', 'Ironwood Parade', 'Sable Coast',
      'Paper Comet Society', 'The Undertow Choir', 'Hollow Crown Motel', 'Søren Vale',
    ],
  },
  pop: {
    label: 'pop artist',
    homes: ['Los Angeles', 'New York', 'London', 'Toronto', 'Stockholm', 'Atlanta', 'Miami'],
    names: [
      'Zoë Márquez', 'Lila Fontaine', 'Aurora Kestrel', 'Mika Solène', 'Jude Calloway', 'Renée Hartwell',
      'Nova Sinclair', 'Ellis Moreau', 'Cleo Varga', 'The Daydream Motel', 'Saffron Lux', 'Chloé Winters',
      'Tamsin Rae', 'Kit Navarro', 'Odessa Bloom', 'Marlowe June',
    ],
  },
  'hip-hop': {
    label: 'hip-hop artist',
    homes: ['Atlanta', 'New York', 'Los Angeles', 'Houston', 'Chicago', 'Toronto', 'Philadelphia'],
    names: [
      'Lil Quasar', 'Kaydence Cole', 'MC Driftwood', 'Young Meridian', 'Dre Castellanos', 'Big Sol Ortega',
      'Tavi Knox', 'Nia Prophet', 'J. Orbit', 'Solo Kingsley', 'Asha Vanté', 'Rome Delacroix',
      'Cypher Bloom', 'Halcyon & Kase',
    ],
  },
  country: {
    label: 'country artist',
    homes: ['Nashville', 'Austin', 'Tulsa', 'Bakersfield', 'Lubbock', 'Knoxville', 'Denver'],
    names: [
      'Wyatt Calder', 'Josie Tanner', 'The Pine Hollow Ramblers', 'Colt Everly', 'Savannah Reeves',
      'Dusty Marchbanks', 'Hank Delaney', 'June Whitaker', 'Cody Brannigan', 'The Red Mesa Band',
      'Loretta Vance', 'Boone Carraway', 'Maggie Lee Sutton', 'Tucker Holloway',
    ],
  },
  jazz: {
    label: 'jazz act',
    homes: ['New Orleans', 'New York', 'Chicago', 'Kansas City', 'Montréal', 'Paris'],
    names: [
      'Miles Okafor Quartet', 'Inés Delgado Trio', 'The Blue Lantern Orchestra', 'Theo Abernathy',
      'Celeste Nakamura', 'Rafael Montoya Sextet', 'Dorothea Pike', 'The Slow Burn Big Band',
      'Augustin Lévêque', 'Marcus Bellweather',
    ],
  },
  classical: {
    label: 'classical ensemble',
    homes: ['Vienna', 'Boston', 'London', 'Philadelphia', 'Berlin', 'Montréal'],
    names: [
      'Lakeshore Philharmonic', 'Ingrid Halvorsen', 'Mateusz Kowalczyk', 'The Aldercourt String Quartet',
      'Éloïse Brunet', 'Harbourview Chamber Orchestra', 'Yuki Tanabe', 'Cedar Valley Youth Symphony',
      'Leonid Sarkisian', 'Ensemble Clair-Obscur',
    ],
  },
  comedy: {
    label: 'comedian',
    homes: ['New York', 'Chicago', 'Los Angeles', 'Toronto', 'London', 'Dublin', 'Boston'],
    names: [
      'Benny Castellano', 'Priya Raman', 'Dave Oyelaran', 'Maggie Flint', 'Tom Ashby', 'Rosa Quiñones',
      'Nate Bergstrom', 'Keisha Monroe', 'Gus Pellegrino', 'Hollis Grant', 'Fran Donnelly',
      'The Late Shift Players', 'Omar Haddad', 'Lucy Carrow',
    ],
  },
  musical: {
    label: 'musical',
    homes: ['New York', 'London', 'Chicago', 'Toronto'],
    names: [
      'Lanterns of Marrow Street', "The Glassblower's Daughter", 'Copper Crown', 'Starlight Boulevard',
      'The Gilded Mile', 'Riverbend', 'Sweet Ruin', 'The Last Carnival of Coney Bay',
      'Mercy Street Serenade', 'Electric Bloom', 'Les Étoiles Perdues', 'Harborlight',
    ],
  },
  edm: {
    label: 'electronic act',
    homes: ['Las Vegas', 'Berlin', 'Amsterdam', 'Miami', 'Los Angeles', 'Montréal'],
    names: [
      'Kryptide', 'Solenne', 'Voltaire Blue', 'Neon Ashram', 'Mirage Nine', 'Lumen Drift', 'Bassmoth',
      'Aeralis', 'Prism Vandal', 'Echo Arcade',
    ],
  },
  latin: {
    label: 'Latin artist',
    homes: ['Mexico City', 'Guadalajara', 'Bogotá', 'San Juan', 'Miami', 'Madrid', 'Monterrey', 'Buenos Aires'],
    names: [
      'Café Relámpago', 'Joaquín Peralta', 'Los Hermanos Brisa', 'Mariela Ibáñez', 'Banda Sierra Dorada',
      'Luz Aranda', 'Rubén Castañeda', 'La Sonora del Puerto', 'Valentina Ríos', 'Niño Centella',
      'Ximena Solís', 'Grupo Marea Alta',
    ],
  },
  'k-pop': {
    label: 'K-pop act',
    homes: ['Seoul', 'Busan'],
    names: ['STELLA9', 'LUMINARC', 'BLUE HOUR', 'Ae-ri', 'NEON HEARTS', 'ORBIT7', 'DAYBREAK CLUB', 'Han Ji-woo'],
  },
  family: {
    label: 'family show',
    homes: ['Montréal', 'Orlando', 'Las Vegas', 'Toronto'],
    names: [
      'Cirque Lumière', 'Dino Trek Live', 'The Bubble Scientist', 'Frostfire on Ice', 'Marvello the Magnificent',
      'Puppet Parade Theatre', 'Galaxy Explorers Live', "Captain Coral's Undersea Adventure",
    ],
  },
  sports: {
    label: 'sports attraction',
    homes: ['Las Vegas', 'Dallas', 'Denver', 'Phoenix'],
    names: [
      'Titan Wrestling League', 'Skyline Dunkers', 'Iron Gloves Fight Night', 'Thunder Ramp Motocross',
      'Rodeo Royale', 'Rinkside All-Stars',
    ],
  },
};

export const genres = Object.keys(rosters) as Genre[];
