import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { env } from '@/lib/env';
import { verifyCredentials } from './verify-credentials';

const credentialsSchema = z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(200) });

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

/** Signing in as well: the credentials provider checks the password against `db`. */
export function createAuthOptions(db: DbOrTx): NextAuthOptions {
  return {
    ...sessionOptions,
    providers: [
      Credentials({
        id: 'credentials',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          return verifyCredentials(db, parsed.data.email, parsed.data.password);
        },
      }),
    ],
  };
}
