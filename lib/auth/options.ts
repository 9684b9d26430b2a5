import 'server-only';
import { cookies } from 'next/headers';
import type { NextAuthOptions } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { db } from '@/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { cookieValue } from '@/lib/http/cookies';
import { getKv } from '@/lib/kv';
import { limitSignIn, rateLimitedSignInError } from '@/lib/rate-limit/sign-in';
import { knownDeviceCookie, knownDeviceFor, newKnownDevice } from './known-device';
import { verifyCredentials } from './verify-credentials';

// A NUL byte ends a bcrypt input early ("secret\0anything" would match "secret"): never a password.
const noNul = (s: string) => !s.includes('\0');
const credentialsSchema = z.object({
  email: z.string().min(1).max(254).refine(noNul),
  password: z.string().min(1).max(200).refine(noNul),
});

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/sign-in' },
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
          await limitSignIn(getKv(), { email, headers, knownDevice });
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
