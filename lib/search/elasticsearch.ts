import 'server-only';
import type { Client, estypes } from '@elastic/elasticsearch';
import type { DbOrTx } from '@/db';
import { loadDocuments, type EventDocument } from './documents';
import { indexMappings, indexSettings } from './elasticsearch-mapping';
import { buildSearchRequest, buildSuggestRequest, parseSearchResponse } from './elasticsearch-query';
import type { SearchDriver, SearchQuery, SearchResult } from './types';

const batchSize = 1000;

// `alias` (ELASTICSEARCH_INDEX) always names an alias over one concrete index, so a reindex can
// build a fresh index beside the live one and swap atomically: searches never see a half index.
export function createElasticsearchSearch(client: Client, alias: string, db: DbOrTx): SearchDriver {
  async function bulkIndex(
    index: string,
    docs: EventDocument[],
    deletions: string[] = [],
    refresh: estypes.Refresh = false,
  ): Promise<void> {
    const operations: Array<estypes.BulkOperationContainer | EventDocument> = [
      ...docs.flatMap((d) => [{ index: { _index: index, _id: d.id } }, d]),
      ...deletions.map((id) => ({ delete: { _index: index, _id: id } })),
    ];
    if (operations.length === 0) return;
    const response = await client.bulk({ operations, refresh });
    if (!response.errors) return;
    // Deleting what is already gone is fine; anything else is a failed write.
    const failed = response.items.filter((item) => {
      const [op, result] = Object.entries(item)[0]!;
      return result?.error && !(op === 'delete' && result.status === 404);
    });
    if (failed.length) throw new Error(`Elasticsearch bulk indexing failed for ${failed.length} items: ${JSON.stringify(failed[0])}`);
  }

  async function createIndex(): Promise<string> {
    const index = `${alias}-${Date.now()}`;
    await client.indices.create({ index, settings: indexSettings, mappings: indexMappings });
    return index;
  }

  async function ensureIndex(): Promise<void> {
    if (await client.indices.exists({ index: alias })) return;
    const index = await createIndex();
    await client.indices.updateAliases({ actions: [{ add: { index, alias } }] });
  }

  async function search(q: SearchQuery): Promise<SearchResult> {
    const response = await client.search<EventDocument>(buildSearchRequest(alias, q));
    const result = parseSearchResponse(q, response);
    if (result.total === 0 && q.keyword?.trim()) {
      const near = await client.search<EventDocument>(buildSuggestRequest(alias, q.keyword));
      result.suggestions = near.hits.hits.flatMap((h) => (h._source ? [h._source.performer.name] : []));
    }
    return result;
  }

  return {
    name: 'elasticsearch',
    search,
    async indexEvents(ids) {
      if (ids.length === 0) return;
      await ensureIndex();
      const docs = await loadDocuments(db, { ids, limit: ids.length });
      const found = new Set(docs.map((d) => d.id));
      // wait_for: a fan who just saved an event finds it on the next search.
      await bulkIndex(
        alias,
        docs,
        ids.filter((id) => !found.has(id)),
        'wait_for',
      );
    },
    async reindex() {
      const index = await createIndex();
      let count = 0;
      let after: string | undefined;
      for (;;) {
        const docs = await loadDocuments(db, { after, limit: batchSize });
        if (docs.length === 0) break;
        await bulkIndex(index, docs);
        count += docs.length;
        after = docs.at(-1)!.id;
      }
      await client.indices.refresh({ index });
      const old = (await client.indices.existsAlias({ name: alias })) ? Object.keys(await client.indices.getAlias({ name: alias })) : [];
      // A concrete index squatting on the alias name (say, created by hand) goes in the same
      // atomic step as the alias moves.
      const squatter = old.length === 0 && (await client.indices.exists({ index: alias }));
      await client.indices.updateAliases({
        actions: [
          ...(squatter ? [{ remove_index: { index: alias } }] : []),
          ...old.map((i) => ({ remove: { index: i, alias } })),
          { add: { index, alias } },
        ],
      });
      if (old.length) await client.indices.delete({ index: old });
      return count;
    },
  };
}
