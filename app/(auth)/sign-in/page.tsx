import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Alert } from '@/components/ui/alert';
import { getSessionUser } from '@/lib/auth/session';
import { tooManyAttempts, wrongCredentials } from '@/lib/auth/sign-in-messages';
import { safeCallbackUrl } from '@/lib/callback-url';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const raw = query.callbackUrl;
  const callbackUrl = safeCallbackUrl(Array.isArray(raw) ? raw[0] : raw);
  if (await getSessionUser()) redirect(callbackUrl);
  // next-auth sends failed sign-ins here with ?error= when a form posts to it without JavaScript.
  const failed = typeof query.error === 'string';
  const initialError = query.error === 'rate_limited' ? tooManyAttempts : failed ? wrongCredentials : null;

  return (
    <div className="card form-card">
      <h1>Sign in</h1>
      {/* A fan sent here on the way to a waiting room is told why, and that the place is kept by account. */}
      {callbackUrl.startsWith('/queue/') ? (
        <Alert tone="info" title="This event has a waiting room">
          <p>Sign in or create an account to join the queue. Your place is kept for your account, so one tab is enough.</p>
        </Alert>
      ) : (
        <p className="muted">Sign in to hold seats and see your holds.</p>
      )}
      <SignInForm callbackUrl={callbackUrl} initialError={initialError} />
    </div>
  );
}
