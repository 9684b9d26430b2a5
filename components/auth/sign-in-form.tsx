'use client';

import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { startTransition, useActionState, type FormEvent } from 'react';
import { useForgetMe } from '@/components/account/use-me';
import { Field } from '@/components/ui/field';
import { tooManyAttempts, wrongCredentials } from '@/lib/auth/sign-in-messages';

type State = { error: string | null; done?: boolean };

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const router = useRouter();
  const forgetMe = useForgetMe();

  const [state, dispatch, pending] = useActionState(
    async (_prev: State, formData: FormData): Promise<State> => {
      const email = String(formData.get('email') ?? '').trim();
      const password = String(formData.get('password') ?? '');
      if (!email || !password) return { error: 'Enter your email and password.' };
      try {
        const response = await signIn('credentials', { email, password, redirect: false });
        if (response?.error === 'rate_limited') return { error: tooManyAttempts };
        if (!response || response.error) return { error: wrongCredentials };
      } catch {
        return { error: 'We could not reach Ticketbooth. Check your connection and try again.' };
      }
      // The header and the event page ask who is signed in from the browser: ask again.
      await forgetMe();
      router.push(callbackUrl);
      router.refresh();
      return { error: null, done: true };
    },
    { error: initialError },
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Dispatching by hand keeps the email filled in after a failed attempt.
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  const busy = pending || state.done === true;
  return (
    <form action={dispatch} onSubmit={onSubmit} className="form" noValidate>
      <div role="alert">
        {state.error ? (
          <div className="alert alert-error" id="sign-in-error">
            <p>{state.error}</p>
          </div>
        ) : null}
      </div>
      <Field
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        inputMode="email"
        required
        aria-describedby={state.error ? 'sign-in-error' : undefined}
      />
      <Field
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
        aria-describedby={state.error ? 'sign-in-error' : undefined}
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="muted">
        New to Ticketbooth? <Link href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Create an account</Link>
      </p>
    </form>
  );
}
