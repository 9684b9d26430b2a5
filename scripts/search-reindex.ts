// `npm run search:reindex`: rebuilds the search index from the catalogue with the driver the
// environment selects (lib/search/index.ts). Postgres: recomputes every document and the word
// list in place. Elasticsearch: bulk-loads a fresh index, then swaps the alias to it.
// Runs under `tsx --conditions=react-server` so the lib modules' `server-only` guard resolves.
import { getSearch } from '@/lib/search';

const started = performance.now();
const driver = getSearch();
driver
  .reindex()
  .then((count) => {
    console.log(`search (${driver.name}): ${count} events indexed in ${Math.round(performance.now() - started)} ms`);
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
