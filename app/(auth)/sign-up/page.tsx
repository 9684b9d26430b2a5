import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { getSessionUser } from '@/lib/auth/session';
import { safeCallbackUrl } from '@/lib/callback-url';
import { signUp } from './actions';

export const metadata: Metadata = { title: 'Create an account' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeCallbackUrl(Array.isArray(raw) ? raw[0] : raw);
  if (await getSessionUser()) redirect(callbackUrl);

  return (
    <div className="card form-card">
      <h1>Create your account</h1>
      <p className="muted">You need an account to hold seats. It takes a few seconds.</p>
      <SignUpForm callbackUrl={callbackUrl} signUp={signUp} />
    </div>
  );
}
