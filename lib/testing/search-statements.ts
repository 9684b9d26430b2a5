import { db } from '@/db';

/** Runs `run` and returns what it returned with the text of every statement the app's client sent meanwhile. */
export async function statementsOf<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const client = (db as unknown as { $client: { unsafe: (...args: unknown[]) => unknown } }).$client;
  const unsafe = client.unsafe;
  const statements: string[] = [];
  client.unsafe = (...args: unknown[]) => {
    statements.push(String(args[0]));
    return unsafe.apply(client, args);
  };
  try {
    return { result: await run(), statements };
  } finally {
    client.unsafe = unsafe;
  }
}
