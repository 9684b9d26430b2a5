'use client';

import Link from 'next/link';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { useMe } from './use-me';

/**
 * The header's account links. The page around it is the same for every fan and may come from
 * an edge cache, so who is signed in is asked here, from the browser (GET /api/me).
 */
export function AccountNav() {
  const { data, isPending } = useMe();
  // A moment of nothing rather than "Sign in" flashing up for a fan who is signed in; if the
  // answer never comes, the links that suit everyone.
  if (isPending) return null;
  const user = data?.user;
  if (!user) {
    return (
      <>
        <Link href="/sign-in" className="nav-link">
          Sign in
        </Link>
        <Link href="/sign-up" className="btn btn-primary btn-small">
          Sign up
        </Link>
      </>
    );
  }
  return (
    <>
      <span className="nav-user" title={user.email}>
        <span className="nav-user-greeting">Signed in as </span>
        {user.name || user.email}
      </span>
      <Link href="/reservations" className="nav-link">
        My holds
      </Link>
      <Link href="/bookings" className="nav-link">
        My tickets
      </Link>
      <SignOutButton />
    </>
  );
}
