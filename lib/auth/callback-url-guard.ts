import 'server-only';
import { cookies } from 'next/headers';
import { AppError } from '@/lib/errors';

// next-auth throws INVALID_CALLBACK_URL_ERROR (a 500) for a callbackUrl, in the query or in its
// callback-url cookie, that is not an http(s) URL, e.g. `javascript:alert(1)`. Such a value is
// the caller's mistake or an attack: the query gets a 400, the cookie is dropped.

const callbackCookies = ['next-auth.callback-url', '__Secure-next-auth.callback-url'];

// The same test next-auth applies (core/lib/assert.js): a path from "/", or an absolute http(s) URL.
function isHttpUrl(value: string, base: string): boolean {
  try {
    const url = new URL(value, value.startsWith('/') ? base : undefined);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export async function guardCallbackUrl(request: Request): Promise<void> {
  const url = new URL(request.url);
  const callbackUrl = url.searchParams.get('callbackUrl');
  if (callbackUrl !== null && !isHttpUrl(callbackUrl, url.origin)) {
    throw new AppError('bad_request', 'callbackUrl must be a page of this site.');
  }
  const store = await cookies();
  for (const name of callbackCookies) {
    const value = store.get(name)?.value;
    if (value !== undefined && !isHttpUrl(decodeURIComponentSafe(value), url.origin)) store.delete(name);
  }
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
