import os from 'node:os';
import Redis from 'ioredis';
import type postgres from 'postgres';

export async function describeMachine(sql: postgres.Sql, redisUrl: string): Promise<string> {
  const [pg] = await sql`select current_setting('server_version') as v`;
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  const info = await redis.info('server');
  redis.disconnect();
  const redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return [
    `- Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`,
    `- Node ${process.version}; PostgreSQL ${pg!.v}; Redis ${redisVersion}; everything on this one machine, load generator included`,
  ].join('\n');
}
