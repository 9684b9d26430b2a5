'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small"
      disabled={pending}
      onClick={() => {
        setPending(true);
        // A full navigation afterwards so every server component forgets the old session.
        void signOut({ callbackUrl: '/' }).catch(() => setPending(false));
      }}
    >
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
