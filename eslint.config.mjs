import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Holds have one guarded door (lib/booking/hold-seats.ts: rate limit, strict input, waiting-room
// admission). Outside lib/booking nothing may reach the operations behind it directly.
const holdOperations = {
  paths: ['@/lib/booking/reserve-seats', '@/lib/booking/reserve-best-available'].map((name) => ({
    name,
    message: 'Hold seats through holdSeats (lib/booking/hold-seats.ts), the one guarded door.',
  })),
  patterns: [{ group: ['**/booking/reserve-seats', '**/booking/reserve-best-available'], message: 'Hold seats through holdSeats (lib/booking/hold-seats.ts).' }],
};
// components/ never imports from app/: server actions are passed down as props.
const appFromComponents = { group: ['@/app/*', '**/app/*'], message: 'Pass server actions down as props.' };

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', '.data/**', 'node_modules/**', 'db/migrations/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['lib/booking/**'],
    rules: { 'no-restricted-imports': ['error', holdOperations] },
  },
  {
    files: ['components/**'],
    rules: { 'no-restricted-imports': ['error', { ...holdOperations, patterns: [...holdOperations.patterns, appFromComponents] }] },
  },
];

export default config;
