import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const rateLimit = z
  .string()
  .regex(/^\d+\/\d+$/, 'expected "requests/seconds", e.g. "20/60"')
  .transform((v) => {
    const [limit, seconds] = v.split('/').map(Number) as [number, number];
    return { limit, windowMs: seconds * 1000 };
  })
  .refine((r) => r.limit >= 1 && r.windowMs >= 1000, 'needs at least 1 request per at least 1 second');

// The one place that reads process.env. Everything else imports `env`.
// Parsed once at module load; a bad value fails fast with the variable's name.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().url().optional(),
  UPSTASH_REDIS_REST_URL: z.string().url().optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  // "memory" is chosen by the launcher when no Redis answers; it serves one instance only.
  KV_DRIVER: z.enum(['redis', 'upstash', 'memory']).optional(),
  KV_PREFIX: z.string().default('tb:'),
  KV_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(250),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  CRON_SECRET: z.string().min(16).optional(),
  HOLD_MINUTES: z.coerce.number().positive().max(60).default(10),
  // "Need more time?": how often a fan may add another HOLD_MINUTES to a hold (0 turns it off).
  HOLD_EXTENSIONS_MAX: z.coerce.number().int().min(0).max(10).default(3),
  TICKET_LIMIT_PER_EVENT: z.coerce.number().int().min(1).max(50).default(8),
  EVENT_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  // Server-Timing spans on API responses (lib/timing/spans.ts), for benchmarks; off in production.
  SERVER_TIMING: flag.default(false),

  // Payments. STRIPE_API_URL points the real SDK at the local stand-in (scripts/stripe-standin);
  // leave it unset for real Stripe.
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  STRIPE_PUBLISHABLE_KEY: z.string().min(1).optional(),
  STRIPE_API_URL: z.string().url().optional(),

  // Realtime: Pusher Channels, or any Pusher-protocol server via PUSHER_HOST/PORT.
  PUSHER_APP_ID: z.string().min(1).optional(),
  PUSHER_KEY: z.string().min(1).optional(),
  PUSHER_SECRET: z.string().min(1).optional(),
  PUSHER_CLUSTER: z.string().min(1).default('mt1'),
  PUSHER_HOST: z.string().min(1).optional(),
  PUSHER_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  PUSHER_USE_TLS: flag.default(true),

  // Search: Postgres full-text by default; Elasticsearch when a URL is given.
  ELASTICSEARCH_URL: z.string().url().optional(),
  ELASTICSEARCH_API_KEY: z.string().min(1).optional(),
  ELASTICSEARCH_INDEX: z.string().min(1).default('events'),

  // Waiting room: signs admission tokens (falls back to NEXTAUTH_SECRET).
  QUEUE_TOKEN_SECRET: z.string().min(16).optional(),
  // How often each server re-reads which events are queued (the gate never waits on it).
  QUEUE_REFRESH_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),

  // Waitlist (lib/waitlist): how long an offer holds freed seats for the next fan in line.
  WAITLIST_OFFER_MINUTES: z.coerce.number().positive().max(60).default(10),
  RATE_LIMIT_WAITLIST_FAN: rateLimit.prefault('20/60'),

  // Mail (lib/mail): 'dev' keeps messages in the database for /dev/mail; 'smtp' sends through SMTP_URL.
  MAIL_DRIVER: z.enum(['dev', 'smtp']).optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Ticketbooth <tickets@localhost>'),

  // How many reverse proxies of ours stand in front of the app (see lib/rate-limit/client-ip.ts).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),

  // Rate limits, "requests/seconds" per fixed window; per fan (user or email) and per client IP.
  RATE_LIMIT_RESERVE_FAN: rateLimit.prefault('20/60'),
  RATE_LIMIT_RESERVE_IP: rateLimit.prefault('600/60'),
  // Sign-in: per account and address (or known device), per account from unknown devices, per address.
  RATE_LIMIT_SIGN_IN_FAN: rateLimit.prefault('10/600'),
  RATE_LIMIT_SIGN_IN_ACCOUNT: rateLimit.prefault('50/3600'),
  RATE_LIMIT_SIGN_IN_IP: rateLimit.prefault('100/600'),
  RATE_LIMIT_SIGN_UP_FAN: rateLimit.prefault('5/3600'),
  RATE_LIMIT_SIGN_UP_IP: rateLimit.prefault('20/3600'),
});

export type Env = z.infer<typeof schema>;

function parse(): Env {
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

export const env = parse();

export function kvDriverName(e: Env = env): 'redis' | 'upstash' | 'memory' {
  if (e.KV_DRIVER) return e.KV_DRIVER;
  if (e.UPSTASH_REDIS_REST_URL) return 'upstash';
  if (e.REDIS_URL) return 'redis';
  return 'memory';
}

export function mailDriverName(e: Env = env): 'dev' | 'smtp' {
  return e.MAIL_DRIVER ?? (e.SMTP_URL ? 'smtp' : 'dev');
}

export const offerMs = () => Math.round(env.WAITLIST_OFFER_MINUTES * 60_000);
export const holdMs = () => Math.round(env.HOLD_MINUTES * 60_000);
