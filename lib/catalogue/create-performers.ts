import 'server-only';
import type { DbOrTx } from '@/db';
import { performers } from '@/db/schema';
import type { NewPerformer } from './types';

/** Performers in one statement per thousand; returns their ids in order. */
export async function createPerformers(db: DbOrTx, inputs: NewPerformer[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < inputs.length; i += 1_000) {
    const rows = await db
      .insert(performers)
      .values(inputs.slice(i, i + 1_000).map((p) => ({ ...p, homeCity: p.homeCity ?? '', bio: p.bio ?? '' })))
      .returning({ id: performers.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}
