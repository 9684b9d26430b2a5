import { prepareTestStores } from './prepare-database';

// Also run by scripts/test/run.ts before it starts the server; running it twice is harmless.
export default async function setup(): Promise<void> {
  if (!process.env.TB_TEST_STORES_READY) await prepareTestStores();
}
