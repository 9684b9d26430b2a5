'use client';

import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { startTransition, useActionState, type FormEvent } from 'react';
import { useForgetMe } from '@/components/account/use-me';
import { Field } from '@/components/ui/field';
import type { ActionFailure, SafeAction } from '@/lib/actions/safe-action';

type State = ActionFailure | { ok: true; email: string } | null;

export type SignUpAction = SafeAction<{ ok: true; email: string }>;

export function SignUpForm({ callbackUrl, signUp }: { callbackUrl: string; signUp: SignUpAction }) {
  const router = useRouter();
  const forgetMe = useForgetMe();
  const signInLink = `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`;

  const [state, dispatch, pending] = useActionState(async (_prev: State, formData: FormData): Promise<State> => {
    const result = await signUp(null, formData);
    if (!result.ok) return result;
    // The account exists; sign in with what was just typed so the fan lands where they were going.
    try {
      const response = await signIn('credentials', {
        email: result.email,
        password: String(formData.get('password') ?? ''),
        redirect: false,
      });
      if (!response || response.error) throw new Error(response?.error ?? 'sign-in failed');
    } catch {
      return {
        ok: false,
        error: { code: 'internal', message: 'Your account is ready, but we could not sign you in. Please sign in.' },
      };
    }
    // The header and the event page ask who is signed in from the browser: ask again.
    await forgetMe();
    router.push(callbackUrl);
    router.refresh();
    return result;
  }, null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Dispatching by hand keeps what the fan typed when the server answers with an error.
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  const failure = state && !state.ok ? state.error : null;
  const fieldErrors = failure?.fieldErrors ?? {};
  const done = state?.ok === true;

  return (
    <form action={dispatch} onSubmit={onSubmit} className="form" noValidate>
      <div role="alert">
        {failure ? (
          <div className="alert alert-error">
            <p className="alert-title">
              {failure.code === 'email_taken'
                ? 'That email already has an account'
                : failure.code === 'validation_failed' || failure.code === 'weak_password'
                  ? 'Please check the form'
                  : 'We could not create your account'}
            </p>
            <p>
              {failure.message}{' '}
              {failure.code === 'email_taken' || failure.code === 'internal' ? <Link href={signInLink}>Sign in</Link> : null}
            </p>
          </div>
        ) : null}
      </div>
      <Field id="name" name="name" label="Your name" autoComplete="name" required maxLength={100} errors={fieldErrors.name} />
      <Field
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        inputMode="email"
        required
        maxLength={254}
        errors={fieldErrors.email}
      />
      <Field
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        required
        minLength={10}
        maxLength={200}
        hint="At least 10 characters, with at least one letter and one digit."
        errors={fieldErrors.password}
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={pending || done}>
        {pending || done ? 'Creating your account…' : 'Create account'}
      </button>
      <p className="muted">
        Already have an account? <Link href={signInLink}>Sign in</Link>
      </p>
    </form>
  );
}
