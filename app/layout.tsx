import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { HeaderSearch, HeaderSearchFallback } from '@/components/search/header-search';
import { getSessionUser } from '@/lib/auth/session';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Ticketbooth: tickets for live events', template: '%s · Ticketbooth' },
  description: 'Find concerts, shows and games near you, pick your seats and hold them while you check out.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#4338ca',
};

// Reading the session cookie is the only dynamic work in the shell; it sits behind Suspense so
// the rest of the page streams without waiting for it.
async function AccountNav() {
  const user = await getSessionUser();
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="site-header">
          <div className="container header-inner">
            <Link href="/" className="brand">
              Ticketbooth
            </Link>
            {/* useSearchParams needs a boundary; the fallback is the same box as a plain GET form. */}
            <Suspense fallback={<HeaderSearchFallback />}>
              <HeaderSearch />
            </Suspense>
            <nav aria-label="Account" className="site-nav">
              <Suspense fallback={null}>
                <AccountNav />
              </Suspense>
            </nav>
          </div>
        </header>
        <main id="main" className="container site-main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>Ticketbooth is open source. Prices include all fees.</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
