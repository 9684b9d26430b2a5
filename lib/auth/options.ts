import 'server-only';
import { cookies } from 'next/headers';
import type { NextAuthOptions } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { cookieValue } from '@/lib/http/cookies';
import type { Kv } from '@/lib/kv/types';
import { limitSignIn, rateLimitedSignInError } from '@/lib/rate-limit/sign-in';
import { knownDeviceCookie, knownDeviceFor, newKnownDevice } from './known-device';
import { verifyCredentials } from './verify-credentials';

// A NUL byte ends a bcrypt input early ("secret\0anything" would match "secret"): never a password.
const noNul = (s: string) => !s.includes('\0');
const credentialsSchema = z.object({
  email: z.string().min(1).max(254).refine(noNul),
  password: z.string().min(1).max(200).refine(noNul),
});

/** What reading a session needs (a signed JWT): no database, so any server code may use it. */
export const sessionOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/sign-in' },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === 'string') session.user.id = token.uid;
      return session;
    },
  },
};

/** Signing in as well: the credentials provider checks the password against `db`, limited on `kv`. */
export function createAuthOptions(db: DbOrTx, kv: Kv): NextAuthOptions {
  return {
    ...sessionOptions,
    providers: [
      Credentials({
        id: 'credentials',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        // The rate limit lives here, on exactly the credentials next-auth parsed and is about to check.
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const headers = new Headers(req?.headers as Record<string, string> | undefined);
          const knownDevice = knownDeviceFor(email, cookieValue(headers.get('cookie'), knownDeviceCookie));
          try {
            await limitSignIn(kv, { email, headers, knownDevice });
          } catch (error) {
            if (error instanceof AppError && error.code === 'rate_limited') throw rateLimitedSignInError(error);
            throw error;
          }
          const user = await verifyCredentials(db, email, password);
          if (user && !knownDevice) (await cookies()).set(newKnownDevice(email));
          return user;
        },
      }),
    ],
  };
}
