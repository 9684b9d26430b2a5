import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Holds have one guarded door (lib/booking/hold-seats.ts: rate limit, strict input, waiting-room
// admission). Outside lib/booking nothing may reach the operations behind it directly.
const holdOperations = {
  paths: ['@/lib/booking/reserve-seats', '@/lib/booking/reserve-best-available'].map((name) => ({
    name,
    message: 'Hold seats through holdSeats (lib/booking/hold-seats.ts), the one guarded door.',
  })),
  patterns: [
    {
      group: ['**/booking/reserve-seats', '**/booking/reserve-best-available'],
      message: 'Hold seats through holdSeats (lib/booking/hold-seats.ts).',
    },
  ],
};
// The other way to a hold is not a fan's request: the waitlist's offer pass holds freed seats for
// the next fan in line (lib/booking/hold-offer.ts). Only that pass may.
const offerHold = { name: '@/lib/booking/hold-offer', message: 'Only lib/waitlist/offer-freed-seats.ts makes offer holds.' };
const holdDoors = { ...holdOperations, paths: [...holdOperations.paths, offerHold] };
// components/ never imports from app/: server actions are passed down as props.
const appFromComponents = { group: ['@/app/*', '**/app/*'], message: 'Pass server actions down as props.' };

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', '.data/**', 'node_modules/**', 'db/migrations/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['lib/booking/**'],
    rules: { 'no-restricted-imports': ['error', holdDoors] },
  },
  {
    files: ['lib/waitlist/offer-freed-seats.ts'],
    rules: { 'no-restricted-imports': ['error', holdOperations] },
  },
  {
    files: ['components/**'],
    rules: { 'no-restricted-imports': ['error', { ...holdDoors, patterns: [...holdDoors.patterns, appFromComponents] }] },
  },
];

export default config;
