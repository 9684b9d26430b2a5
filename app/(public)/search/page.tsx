import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { SearchFilters, type FilterValues } from '@/components/search/search-filters';
import { SearchPagination } from '@/components/search/search-pagination';
import { SearchResultCard } from '@/components/search/search-result-card';
import { Alert } from '@/components/ui/alert';
import { cachedSearch } from '@/lib/search/cached-search';
import { normalisedQueryKey, safeParseSearchParams } from '@/lib/search/query-schema';
import type { SearchQuery } from '@/lib/search/types';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const keyword = first((await searchParams).keyword)?.trim();
  return { title: keyword ? `“${keyword.slice(0, 60)}”: search` : 'Search events' };
}

async function loadResults(query: SearchQuery) {
  return { result: await cachedSearch(query), renderedAt: Date.now() };
}

async function Results({ query, params }: { query: SearchQuery; params: URLSearchParams }) {
  const { result, renderedAt } = await loadResults(query);
  if (result.total === 0) {
    return (
      <section aria-labelledby="results-heading" className="stack">
        <h2 id="results-heading">No events found</h2>
        <p className="muted">Try fewer words, another spelling, or wider dates.</p>
        {result.suggestions?.length ? (
          <p>
            Did you mean{' '}
            {result.suggestions.map((s, i) => (
              <span key={s}>
                {i > 0 ? ', ' : ''}
                <Link href={`/search?keyword=${encodeURIComponent(s)}`}>{s}</Link>
              </span>
            ))}
            ?
          </p>
        ) : null}
      </section>
    );
  }
  const from = (result.page - 1) * result.limit + 1;
  return (
    <section aria-labelledby="results-heading" className="stack">
      <h2 id="results-heading" aria-live="polite">
        {result.total === 1 ? '1 event' : `${result.total.toLocaleString('en-US')}${result.totalCapped ? '+' : ''} events`}
        {result.events.length ? (
          <span className="muted">
            {' '}
            · showing {from}–{from + result.events.length - 1}
          </span>
        ) : null}
      </h2>
      <ul className="event-grid">
        {result.events.map((event) => (
          <li key={event.id}>
            <SearchResultCard event={event} now={renderedAt} />
          </li>
        ))}
      </ul>
      <SearchPagination params={params} page={result.page} limit={result.limit} total={result.total} />
    </section>
  );
}

export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const values: FilterValues = {
    keyword: first(raw.keyword),
    start: first(raw.start),
    end: first(raw.end),
    city: first(raw.city),
    category: first(raw.category),
  };
  const parsed = safeParseSearchParams(raw);
  const errors: Partial<Record<keyof FilterValues, string[]>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'keyword') as keyof FilterValues;
      (errors[key] ??= []).push(issue.message);
    }
  }
  // What the pagination links carry over.
  const params = new URLSearchParams(
    Object.entries({ ...values, limit: first(raw.limit) }).filter((e): e is [string, string] => Boolean(e[1])),
  );

  return (
    <div className="stack">
      <header className="page-header">
        <h1>Search events</h1>
      </header>
      <SearchFilters values={values} errors={errors} />
      {parsed.success ? (
        <Suspense key={normalisedQueryKey(parsed.data as SearchQuery)} fallback={<p className="muted">Searching…</p>}>
          <Results query={parsed.data as SearchQuery} params={params} />
        </Suspense>
      ) : (
        <Alert tone="error" title="Check the search">
          Fix the fields marked above and search again.
        </Alert>
      )}
    </div>
  );
}
