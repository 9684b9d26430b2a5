import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { getSessionUser } from '@/lib/auth/session';
import { signInHref } from '@/lib/callback-url';

// A layout cannot see the requested path and does not re-run on client navigation, so every
// page in this group checks the session again itself (with its own return path).
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect(signInHref('/reservations'));
  return children;
}
