import { Field } from '@/components/ui/field';

export const categories = ['concert', 'comedy', 'theatre', 'family', 'sports'] as const;

export type FilterValues = { keyword?: string; start?: string; end?: string; city?: string; category?: string };

/** The full search form: a GET form, so it works without JavaScript and every search is a URL. */
export function SearchFilters({ values, errors }: { values: FilterValues; errors: Partial<Record<keyof FilterValues, string[]>> }) {
  return (
    <form action="/search" method="get" className="card search-filters" aria-label="Search filters">
      <Field
        id="search-keyword"
        name="keyword"
        type="search"
        label="Keyword"
        maxLength={200}
        defaultValue={values.keyword}
        errors={errors.keyword}
      />
      <Field id="search-start" name="start" type="date" label="From" defaultValue={values.start} errors={errors.start} />
      <Field id="search-end" name="end" type="date" label="To" defaultValue={values.end} errors={errors.end} />
      <Field id="search-city" name="city" label="City" maxLength={100} defaultValue={values.city} errors={errors.city} />
      <div className="field">
        <label htmlFor="search-category">Category</label>
        <select id="search-category" name="category" defaultValue={values.category ?? ''}>
          <option value="">Any</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c[0]!.toUpperCase() + c.slice(1)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn-primary">
        Search
      </button>
    </form>
  );
}
