// `npm run catalogue:import <file.json>`: puts on the events of a catalogue file (shape in the
// README, example in db/examples/catalogue.json) through lib/catalogue. Every problem in the file
// is reported with its line and nothing is written; a file imported twice changes nothing.
// Uses the site's DATABASE_URL and kv settings; without them, those of `npm run dev` (the
// embedded Postgres, and Redis on 127.0.0.1:6379 when one answers), so the running site's caches
// are the ones it updates. Runs under `tsx --conditions=react-server` for the `server-only` guard.
import { readFile } from 'node:fs/promises';
import { defaultToDevStores } from './redis-probe';

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run catalogue:import <file.json>');
    return 2;
  }
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    console.error(`${file}: cannot read it (${error.code ?? error.message})`);
    return null;
  });
  if (text === null) return 2;

  // Before lib/env is first imported: it reads the environment once.
  await defaultToDevStores();
  const { db } = await import('@/db');
  const { getKv } = await import('@/lib/kv');
  const { importCatalogue } = await import('@/lib/catalogue/import-catalogue');

  const kv = getKv();
  try {
    const report = await importCatalogue(db, kv, text);
    if (!report.ok) {
      for (const e of report.errors) console.error(`${file}:${e.line}: ${e.path ? `${e.path}: ` : ''}${e.message}`);
      console.error(`${report.errors.length} problem${report.errors.length === 1 ? '' : 's'} found; nothing was imported.`);
      return 1;
    }
    for (const e of report.events) {
      console.log(
        `${file}:${e.line}: ${e.outcome} ${e.externalId} "${e.name}"${e.tickets ? ` (${e.tickets.toLocaleString('en-US')} tickets)` : ''} -> /events/${e.eventId}`,
      );
    }
    const count = (outcome: string) => report.events.filter((e) => e.outcome === outcome).length;
    console.log(`${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged.`);
    return 0;
  } finally {
    await kv.close().catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
