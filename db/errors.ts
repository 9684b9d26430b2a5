// Drizzle wraps driver errors; the Postgres SQLSTATE lives on the cause.
export function pgErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const retryable = new Set(['40001', '40P01']); // serialization failure, deadlock detected

// Re-runs a transaction body that Postgres aborted to break a deadlock or serialization conflict.
export async function withRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (error) {
      if (i >= attempts || !retryable.has(pgErrorCode(error) ?? '')) throw error;
    }
  }
}
