import NextAuth from 'next-auth';
import { db } from '@/db';
import { createAuthOptions } from '@/lib/auth/options';
import { limitSignIn } from '@/lib/rate-limit/sign-in';

const handler = NextAuth(createAuthOptions(db));

type Context = { params: Promise<{ nextauth: string[] }> };

// Credential sign-ins pass the rate limit first; everything else is next-auth's own.
async function POST(request: Request, context: Context) {
  return (await limitSignIn(request)) ?? handler(request, context);
}

export { handler as GET, POST };
