'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

const debounceMs = 300;

function SearchForm({
  value,
  onChange,
  onSubmit,
}: {
  value?: string;
  onChange?: (v: string) => void;
  onSubmit?: (e: React.FormEvent<HTMLFormElement>) => void;
}) {
  // A plain GET form first: without JavaScript it still lands on /search?keyword=...
  return (
    <form action="/search" method="get" role="search" className="header-search" onSubmit={onSubmit}>
      <label htmlFor="header-search-input" className="sr-only">
        Search events
      </label>
      <input
        id="header-search-input"
        name="keyword"
        type="search"
        maxLength={200}
        placeholder="Artist, venue or city"
        autoComplete="off"
        enterKeyHint="search"
        {...(onChange ? { value, onChange: (e) => onChange(e.target.value) } : {})}
      />
      <button type="submit" className="btn btn-primary btn-small">
        Search
      </button>
    </form>
  );
}

/** Server-rendered stand-in while the interactive box loads (and all there is without JS). */
export function HeaderSearchFallback() {
  return <SearchForm />;
}

/**
 * The header's search box. On /search it updates the results as the fan types (debounced, with
 * router.replace so typing does not flood the history); elsewhere it searches on submit.
 */
export function HeaderSearch() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const onSearchPage = pathname === '/search';
  const urlKeyword = onSearchPage ? (params.get('keyword') ?? '') : '';
  const [value, setValue] = useState(urlKeyword);
  const typed = useRef(false);

  // Follow the URL when it changes under us (back button, a suggestion link).
  useEffect(() => {
    if (!typed.current) setValue(urlKeyword);
  }, [urlKeyword]);

  useEffect(() => {
    if (!onSearchPage || !typed.current) return;
    const timer = setTimeout(() => {
      typed.current = false;
      if (value.trim() === urlKeyword.trim()) return;
      const next = new URLSearchParams(params.toString());
      next.delete('page');
      if (value.trim()) next.set('keyword', value.trim());
      else next.delete('keyword');
      router.replace(`/search?${next.toString()}`, { scroll: false });
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [value, onSearchPage, urlKeyword, params, router]);

  return (
    <SearchForm
      value={value}
      onChange={(v) => {
        typed.current = true;
        setValue(v);
      }}
      onSubmit={(e) => {
        e.preventDefault();
        typed.current = false;
        const next = new URLSearchParams(onSearchPage ? params.toString() : '');
        next.delete('page');
        next.set('keyword', value.trim());
        router.push(`/search?${next.toString()}`);
      }}
    />
  );
}
