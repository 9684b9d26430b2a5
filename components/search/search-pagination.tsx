import Link from 'next/link';

/** Previous / next links that keep every other search parameter. */
export function SearchPagination({ params, page, limit, total }: { params: URLSearchParams; page: number; limit: number; total: number }) {
  const pages = Math.max(1, Math.ceil(total / limit));
  if (pages <= 1) return null;
  const href = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    return `/search?${next.toString()}`;
  };
  return (
    <nav aria-label="Search result pages" className="search-pagination">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className="btn btn-secondary btn-small">
          Previous
        </Link>
      ) : null}
      <span aria-current="page">
        Page {Math.min(page, pages)} of {pages}
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next" className="btn btn-secondary btn-small">
          Next
        </Link>
      ) : null}
    </nav>
  );
}
