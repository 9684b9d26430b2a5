import 'server-only';
import { eventDetailsKey } from '@/lib/events/get-event-view';
import { invalidate } from '@/lib/kv/cache';
import type { Kv } from '@/lib/kv/types';
import { warnThrottled } from '@/lib/log';
import { indexEvent } from '@/lib/search';

/**
 * After a catalogue write commits: drop the events' cached details (the per-process caches of
 * seats and views follow the seat version, which the write bumped) and bring their search
 * documents up to date (Postgres keeps its own by trigger; Elasticsearch learns only from here).
 * Best effort: a failure is logged and reported, the write stands, and `npm run search:reindex`
 * catches a search index up.
 */
export async function catalogueChanged(kv: Kv, eventIds: string[]): Promise<{ indexed: boolean }> {
  await Promise.all(eventIds.map((id) => invalidate(kv, eventDetailsKey(id))));
  const indexed = await Promise.all(
    eventIds.map((id) =>
      indexEvent(id).then(
        () => true,
        (error: unknown) => {
          warnThrottled(
            'catalogue-index',
            `catalogue: could not index event ${id} for search (${(error as Error).message}); run npm run search:reindex`,
          );
          return false;
        },
      ),
    ),
  );
  return { indexed: indexed.every(Boolean) };
}
