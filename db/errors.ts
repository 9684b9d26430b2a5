// Drizzle wraps driver errors; the Postgres SQLSTATE (or postgres.js's own code) lives on a cause.
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
}

export function pgErrorCode(error: unknown): string | undefined {
  return errorCodes(error).find((code) => /^[0-9A-Z]{5}$/.test(code));
}

// Postgres aborted the transaction to break a deadlock or a serialization conflict: run it again.
const conflicts = new Set(['40001', '40P01']);

// The database is briefly out of reach, not wrong: the server closed or reset the connection
// (admin shutdown, crash or failover 57P01-57P03, a connection exception of class 08), it has no
// connection to spare (53300), or the socket failed under postgres.js.
const transientStates = new Set(['57P01', '57P02', '57P03', '53300']);
const transientDriverCodes = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
]);

/** A fault of the connection, not of the query: worth a retry, else a 503 with Retry-After. */
export function isTransientDbError(error: unknown): boolean {
  return errorCodes(error).some((code) => transientStates.has(code) || /^08[0-9A-Z]{3}$/.test(code) || transientDriverCodes.has(code));
}

function isRetryable(error: unknown): boolean {
  return conflicts.has(pgErrorCode(error) ?? '') || isTransientDbError(error);
}

/**
 * Runs `run` again when Postgres aborted it (deadlock, serialization) or the connection failed.
 * Only for work that is safe to repeat: a read, or a transaction that either committed or did
 * not. A connection lost while COMMIT was in flight leaves that unknown, so `run` gets the attempt
 * number and a transaction that creates rows checks for its own earlier commit on a retry.
 */
export async function withRetry<T>(run: (attempt: number) => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run(i);
    } catch (error) {
      if (i >= attempts || !isRetryable(error)) throw error;
      // A dropped connection is replaced by the pool; a moment's pause lets a restart finish.
      if (isTransientDbError(error)) await new Promise((r) => setTimeout(r, 25 * i));
    }
  }
}
