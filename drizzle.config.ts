import { defineConfig } from 'drizzle-kit';
import { env } from './lib/env';

// Only `generate` runs through drizzle-kit; migrations are applied by db/migrate.ts.
export default defineConfig({
  schema: './db/schema.ts',
  out: './db/migrations',
  dialect: 'postgresql',
  dbCredentials: { url: env.DATABASE_URL ?? 'postgres://localhost/ticketbooth' },
});
