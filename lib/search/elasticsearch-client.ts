import 'server-only';
import { Client } from '@elastic/elasticsearch';

// The one Elasticsearch client, built from env by lib/search/index.ts.
export function createElasticsearchClient(url: string, apiKey?: string): Client {
  return new Client({ node: url, ...(apiKey ? { auth: { apiKey } } : {}), requestTimeout: 5_000, maxRetries: 1 });
}
