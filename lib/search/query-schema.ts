import { z } from 'zod';
import { isDay, type SearchQuery } from './types';
import { fold, searchWords } from './words';

// The search parameters of GET /api/events/search and the /search page, validated once. An empty
// field (a GET form submits every input) means "not given".

export const maxLimit = 100;
export const defaultLimit = 20;
// Deep pages cost an ever larger OFFSET and nobody reads page 500; narrowing the search is better.
export const maxPage = 500;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const validDay = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
};

// A calendar day stays a day (matched in the venue's time zone); a timestamp becomes canonical ISO.
const dateBound = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .refine((v) => (isDay(v) ? validDay(v) : z.iso.datetime({ offset: true }).safeParse(v).success), {
      message: 'must be an ISO date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:mm:ssZ)',
    })
    .transform((v) => (isDay(v) ? v : new Date(v).toISOString()))
    .optional(),
);

const text = (max: number) => z.preprocess(blank, z.string().trim().max(max, `must be at most ${max} characters`).optional());

const flag = z.preprocess(
  blank,
  z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
);

const earliest = (v: string) => (isDay(v) ? `${v}T00:00:00.000Z` : v);
const latest = (v: string) => (isDay(v) ? `${v}T23:59:59.999Z` : v);

export const searchParamsSchema = z
  .object({
    keyword: text(200),
    start: dateBound,
    end: dateBound,
    city: text(100),
    category: text(50),
    page: z.preprocess(blank, z.coerce.number().int().min(1).max(maxPage).default(1)),
    limit: z.preprocess(blank, z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit)),
    includePast: flag,
  })
  .refine((q) => !q.start || !q.end || earliest(q.start) <= latest(q.end), {
    message: 'start must not be after end',
    path: ['start'],
  });

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

function firstValues(params: RawParams): Record<string, string | undefined> {
  if (params instanceof URLSearchParams) return Object.fromEntries([...new Set(params.keys())].map((k) => [k, params.get(k) ?? undefined]));
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** Parses URL parameters into a SearchQuery; throws a ZodError on bad input. */
export function parseSearchParams(params: RawParams): SearchQuery {
  return searchParamsSchema.parse(firstValues(params)) as SearchQuery;
}

export function safeParseSearchParams(params: RawParams) {
  return searchParamsSchema.safeParse(firstValues(params));
}

/** Two queries that must give the same result give the same key ("Beyoncé " and "beyonce"). */
export function normalisedQueryKey(q: SearchQuery): string {
  return JSON.stringify([
    searchWords(q.keyword).join(' '),
    q.start ?? '',
    q.end ?? '',
    q.city ? fold(q.city).trim() : '',
    q.category?.toLowerCase() ?? '',
    q.page,
    q.limit,
    q.includePast ? 1 : 0,
  ]);
}
