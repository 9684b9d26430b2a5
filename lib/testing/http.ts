import { encode } from 'next-auth/jwt';
import type { TestFan } from './factories';
import { testBaseUrl } from './server-env';

// HTTP tests drive the real server that scripts/test.sh (or Playwright's webServer) started.
export const baseUrl = process.env.E2E_BASE_URL ?? testBaseUrl;

/** A session cookie exactly as next-auth would set after a credentials sign-in. */
export async function sessionCookie(fan: TestFan): Promise<string> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('NEXTAUTH_SECRET must match the server under test');
  const token = await encode({ token: { sub: fan.id, uid: fan.id, email: fan.email, name: fan.name }, secret });
  return `next-auth.session-token=${token}`;
}

export type ApiResult = { status: number; body: unknown; headers: Headers };

export async function api(
  path: string,
  init: { method?: string; json?: unknown; rawBody?: string; cookie?: string; contentType?: string } = {},
): Promise<ApiResult> {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.cookie = init.cookie;
  let body: string | undefined;
  if (init.json !== undefined) body = JSON.stringify(init.json);
  if (init.rawBody !== undefined) body = init.rawBody;
  if (body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method: init.method ?? 'GET', headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // leave non-JSON bodies as text so a failing assertion shows what came back
  }
  return { status: response.status, body: parsed, headers: response.headers };
}
