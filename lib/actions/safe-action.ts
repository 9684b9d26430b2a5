import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { requireUser, type SessionUser } from '@/lib/auth/session';
import { AppError, fromZod, toAppError, type ErrorCode } from '@/lib/errors';

// The one wrapper every server action goes through. An exported action is a public endpoint:
// anyone can POST to it with any body, so input is parsed here and the session is checked here,
// never trusted from the page that rendered the form.

export type ActionError = {
  code: ErrorCode;
  message: string;
  /** Messages per field name, for forms that show errors beside each field. */
  fieldErrors?: Record<string, string[]>;
  details?: unknown;
};
export type ActionFailure = { ok: false; error: ActionError };
export type ActionResult<T> = T | ActionFailure;
/** The state a `useActionState` form holds: null before the first submit. */
export type ActionState<T> = ActionResult<T> | null;

export type ActionInput = FormData | Record<string, unknown> | null | undefined;

type Context<A extends boolean> = A extends true ? { user: SessionUser } : { user: null };

export type SafeAction<R> = (prev: ActionState<R>, input: ActionInput) => Promise<ActionResult<R>>;
/** An action that redirects on success, so all it can return is a failure (the hold actions). */
export type RedirectingAction = SafeAction<never>;

export function isActionFailure(value: unknown): value is ActionFailure {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false && 'error' in value;
}

/**
 * A FormData as a plain object: one value stays a string, a repeated name (checkboxes) becomes an
 * array. File parts are dropped; no action here takes uploads. React's `$ACTION_` bookkeeping
 * fields are skipped.
 */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === 'string');
    if (values.length === 0) continue;
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

function fieldErrorsFrom(details: unknown): Record<string, string[]> | undefined {
  const issues = (details as { issues?: unknown } | null | undefined)?.issues;
  if (!Array.isArray(issues)) return undefined;
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const { path, message } = (issue ?? {}) as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const key = typeof path === 'string' && path.length > 0 ? (path.split('.')[0] ?? '') : '';
    if (!key) continue;
    (out[key] ??= []).push(message);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function toActionError(error: unknown): ActionError {
  const appError = toAppError(error);
  const fieldErrors = fieldErrorsFrom(appError.details);
  return {
    code: appError.code,
    message: appError.message,
    ...(fieldErrors ? { fieldErrors } : {}),
    ...(appError.details === undefined ? {} : { details: appError.details }),
  };
}

function invalidInput(error: z.ZodError): AppError {
  const appError = fromZod(error, 'validation_failed');
  const issues = error.issues;
  // One problem reads best as itself; several are shown beside their fields with one summary.
  const message = issues.length === 1 && issues[0] ? issues[0].message : 'Check the highlighted fields and try again.';
  return new AppError('validation_failed', message, appError.details);
}

export function safeAction<S extends z.ZodType, R, A extends boolean = false>(
  options: { schema: S; auth?: A },
  handler: (input: z.output<S>, ctx: Context<A>) => Promise<R>,
): SafeAction<R> {
  return async (_prev, input) => {
    try {
      // Authenticate before parsing so an anonymous caller learns nothing about the input rules.
      const user = options.auth ? await requireUser() : null;
      const raw = input instanceof FormData ? formDataToObject(input) : (input ?? {});
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) throw invalidInput(parsed.error);
      return await handler(parsed.data, { user } as Context<A>);
    } catch (error) {
      // redirect() and notFound() work by throwing; they belong to Next, not to the form.
      unstable_rethrow(error);
      return { ok: false, error: toActionError(error) };
    }
  };
}
