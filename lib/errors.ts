import { ZodError } from 'zod';
import { isTransientDbError, pgErrorCode } from '@/db/errors';
import { plainJson, toResponse, type PlainResponse } from '@/lib/http/plain-response';

export const errorStatus = {
  bad_request: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  queue_required: 403,
  not_found: 404,
  conflict: 409,
  seats_taken: 409,
  email_taken: 409,
  hold_not_active: 409,
  hold_extension_limit: 409,
  fans_waiting: 409,
  gone: 410,
  payload_too_large: 413,
  hold_expired: 410,
  not_on_sale: 422,
  ticket_limit: 422,
  companion_alone: 422,
  weak_password: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

// Next bundles a module once per layer (route handlers, server components), so there can be two
// AppError classes in one process, and an error made by one copy can reach code holding the
// other: the search driver is kept on globalThis by whichever layer made it first. A brand that
// both copies share makes `instanceof` mean "an AppError" whichever copy made it; without it, a
// 400 thrown by the driver the search page made was answered 500 by the search API.
const appErrorBrand = Symbol.for('ticketbooth.AppError');

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly [appErrorBrand] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [appErrorBrand]?: unknown })[appErrorBrand] === true;
  }

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

export function fromZod(error: ZodError, code: ErrorCode = 'bad_request'): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'Invalid input';
  return new AppError(code, message, { issues });
}

// How long a client should wait after a transient database fault: a dropped connection is
// replaced by the pool within a moment.
const transientRetrySeconds = 1;

// Anything that is not an AppError is a bug or an outage: log the detail, send nothing of it.
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return fromZod(error);
  if (isTransientDbError(error)) {
    console.warn(`database unavailable: ${(error as Error).message}`);
    return new AppError('unavailable', 'We are briefly unable to reach our database. Please try again in a moment.', {
      retryAfterSeconds: transientRetrySeconds,
    });
  }
  // Postgres class 22 (data exception: a NUL byte in text, a number out of range, an impossible
  // date) means the input was bad: the caller's 400, not our 500.
  if (pgErrorCode(error)?.startsWith('22')) {
    console.warn(`bad input reached the database: ${(error as Error).message}`);
    return new AppError('bad_request', 'Some of the input is not valid.');
  }
  console.error(error);
  return new AppError('internal', 'Something went wrong on our side. Please try again.');
}

export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

/** An error's answer: its status and JSON body, Retry-After where a client should come back. */
export function errorPlain(error: unknown): PlainResponse {
  const appError = toAppError(error);
  const headers: Record<string, string> = {};
  const retryAfter = (appError.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  // A 429 or 503 tells well-behaved clients when to come back (RFC 9110 Retry-After, in seconds).
  if (appError.code === 'rate_limited' && typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
  if (appError.status === 503) headers['retry-after'] = String(typeof retryAfter === 'number' ? retryAfter : transientRetrySeconds);
  return plainJson(errorBody(appError), appError.status, headers);
}

export function errorResponse(error: unknown): Response {
  return toResponse(errorPlain(error));
}
