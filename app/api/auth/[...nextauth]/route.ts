import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { db } from '@/db';
import { guardCallbackUrl } from '@/lib/auth/callback-url-guard';
import { createAuthOptions } from '@/lib/auth/options';
import { errorResponse } from '@/lib/errors';
import { readBodyText } from '@/lib/http/body';
import { parseJsonObject } from '@/lib/http/route';
import { getKv } from '@/lib/kv';
import { asRateLimitedResponse } from '@/lib/rate-limit/sign-in';

// Built on first use, so importing the route (as `next build` does) opens no kv connection.
let nextAuth: ReturnType<typeof NextAuth> | undefined;
const handler: ReturnType<typeof NextAuth> = (...args: Parameters<ReturnType<typeof NextAuth>>) =>
  (nextAuth ??= NextAuth(createAuthOptions(db, getKv())))(...args);

type Context = { params: Promise<{ nextauth: string[] }> };

// Sign-in forms are a few short fields; next-auth would read any body in full.
const maxAuthBodyBytes = 16 * 1024;

// next-auth does the work. Around it: a callbackUrl it would answer with a 500 is refused first;
// bodies are capped before they are read; an attempt its authorize() refused for the rate limit
// (lib/rate-limit/sign-in.ts) becomes a real 429.
async function GET(request: NextRequest, context: Context) {
  try {
    await guardCallbackUrl(request);
  } catch (error) {
    return errorResponse(error);
  }
  return handler(request, context);
}

async function POST(request: NextRequest, context: Context) {
  let body: string;
  try {
    await guardCallbackUrl(request);
    body = await readBodyText(request, maxAuthBodyBytes);
    // next-auth parses a JSON body without a guard, so malformed JSON would be its 500.
    if ((request.headers.get('content-type') ?? '').includes('application/json')) parseJsonObject(body);
  } catch (error) {
    return errorResponse(error);
  }
  const bounded = new NextRequest(request.url, { method: 'POST', headers: request.headers, body });
  return asRateLimitedResponse(request, await handler(bounded, context));
}

export { GET, POST };
