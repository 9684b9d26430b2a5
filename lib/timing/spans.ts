import { AsyncLocalStorage } from 'node:async_hooks';

// Where a request's time goes, as Server-Timing spans (issue 13: the breakdown of one hold under
// load). Off unless SERVER_TIMING is set: the spans say how busy the server is, which is nobody
// else's business in production. When off, `span` is one map lookup and a call.

type Spans = Map<string, number>;
const store = new AsyncLocalStorage<Spans>();

/** Runs `fn`, adding its wall time to the request's span `name` (summed if called twice). */
export async function span<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const spans = store.getStore();
  if (!spans) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    record(spans, name, performance.now() - t0);
  }
}

/** Adds a duration measured elsewhere (the database reports its own lock waits). */
export function addSpan(name: string, ms: number): void {
  const spans = store.getStore();
  if (spans && Number.isFinite(ms)) record(spans, name, ms);
}

function record(spans: Spans, name: string, ms: number): void {
  spans.set(name, (spans.get(name) ?? 0) + ms);
}

/** Runs `fn` with spans on; returns its result and the spans as a Server-Timing value. */
export async function withSpans<T>(fn: () => Promise<T>): Promise<{ value: T; serverTiming: string }> {
  const spans: Spans = new Map();
  const t0 = performance.now();
  const value = await store.run(spans, fn);
  record(spans, 'total', performance.now() - t0);
  return { value, serverTiming: [...spans].map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`).join(', ') };
}

/** Runs a request handler with spans on and appends them to its response as Server-Timing. */
export async function withServerTiming(handler: () => Promise<Response>): Promise<Response> {
  const { value: response, serverTiming } = await withSpans(handler);
  try {
    response.headers.append('Server-Timing', serverTiming);
    return response;
  } catch {
    // An immutable Response (Response.redirect) cannot take headers: copy it.
    const copy = new Response(response.body, response);
    copy.headers.append('Server-Timing', serverTiming);
    return copy;
  }
}
