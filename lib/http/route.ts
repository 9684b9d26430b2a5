import 'server-only';
import { env } from '@/lib/env';
import { AppError, errorResponse } from '@/lib/errors';
import { withServerTiming } from '@/lib/timing/spans';
import { maxJsonBytes, readBodyText } from './body';

type Handler<C> = (request: Request, context: C) => Promise<Response>;

// Every API route goes through this: an AppError becomes its status and JSON body, anything else
// is logged and answered with a generic 500 that leaks nothing.
export function route<C>(handler: Handler<C>): Handler<C> {
  const handle: Handler<C> = async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
  return env.SERVER_TIMING ? (request, context) => withServerTiming(() => handle(request, context)) : handle;
}

export async function readJson(request: Request): Promise<unknown> {
  return parseJsonBody(request.headers.get('content-type'), () => readBodyText(request, maxJsonBytes));
}

/** A JSON body as the API takes it, whoever reads the bytes (a web Request, or Node's socket). */
export async function parseJsonBody(contentType: string | null | undefined, readText: () => Promise<string>): Promise<unknown> {
  // The media type itself, not a substring: "text/plain; x=application/json" is not JSON.
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new AppError('bad_request', 'Send a JSON body with Content-Type: application/json.');
  }
  let text: string;
  try {
    text = await readText();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('bad_request', 'The request body is not valid UTF-8.');
  }
  return parseJson(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The request body is not valid JSON.');
  }
}

/** A JSON text that must hold an object, or a 400. */
export function parseJsonObject(text: string): Record<string, unknown> {
  return requireObject(parseJson(text));
}

export function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('bad_request', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}
