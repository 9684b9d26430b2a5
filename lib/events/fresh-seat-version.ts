import 'server-only';
import type { DbOrTx } from '@/db';
import { readSeatVersion } from './ticket-statuses';

// Every read of an event's seats starts with its seat version (one indexed lookup), so that a
// cached build is reused only while nothing has changed. Under load that lookup cost more than
// everything else the availability route does. Here a request that arrives while a lookup is in
// flight does not share it (it may have started before the change the request must see): it
// waits for the next lookup, which starts once the current one returns and so after the request
// arrived. No answer is older than the database was when its request came in, and one lookup
// serves every request that arrived during the previous one.

type Waiting = { promise: Promise<number | null>; resolve: (v: number | null) => void; reject: (e: unknown) => void };
type Reads = { inflight: boolean; next: Waiting | null };

const reads = new Map<string, Reads>();

function waiting(): Waiting {
  let resolve!: Waiting['resolve'];
  let reject!: Waiting['reject'];
  const promise = new Promise<number | null>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function start(db: DbOrTx, eventId: string, state: Reads): Promise<number | null> {
  state.inflight = true;
  const read = readSeatVersion(db, eventId);
  const settle = () => {
    const next = state.next;
    state.next = null;
    if (next) start(db, eventId, state).then(next.resolve, next.reject);
    else {
      state.inflight = false;
      reads.delete(eventId);
    }
  };
  read.then(settle, settle);
  return read;
}

/** The event's seat version as of a moment after this call (null: no such event). */
export function freshSeatVersion(db: DbOrTx, eventId: string): Promise<number | null> {
  let state = reads.get(eventId);
  if (!state) {
    state = { inflight: false, next: null };
    reads.set(eventId, state);
  }
  if (!state.inflight) return start(db, eventId, state);
  state.next ??= waiting();
  return state.next.promise;
}
