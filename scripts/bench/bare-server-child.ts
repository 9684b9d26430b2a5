// Runs startBareServer in its own process (as the app runs in its own), serving the responses
// recorded in the JSON file named on the command line; prints its URL on stdout.
import { readFileSync } from 'node:fs';
import { startBareServer } from './bare-server';

type Recorded = Record<string, { body: string; headers: Record<string, string> }>;
const recorded = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Recorded;
const responses = new Map(Object.entries(recorded).map(([url, r]) => [url, { body: Buffer.from(r.body, 'base64'), headers: r.headers }]));
const server = await startBareServer(responses);
console.log(server.url);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
