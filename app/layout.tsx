import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { AccountNav } from '@/components/account/account-nav';
import { HeaderSearch, HeaderSearchFallback } from '@/components/search/header-search';
import { QueryProvider } from '@/components/ui/query-provider';
import { OfferBanner } from '@/components/waitlist/offer-banner';
import { pusherClientConfig } from '@/lib/realtime/pusher';
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {/* The shell reads nothing about the fan, so a public page is one cached copy for everyone;
            the account links are a client island fed by GET /api/me. */}
        <QueryProvider>
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
                <AccountNav />
              </nav>
            </div>
          </header>
          <OfferBanner pusher={pusherClientConfig()} />
          <main id="main" className="container site-main" tabIndex={-1}>
            {children}
          </main>
          <footer className="site-footer">
            <div className="container">
              <p>Ticketbooth is open source. Prices include all fees.</p>
            </div>
          </footer>
        </QueryProvider>
      </body>
    </html>
  );
}
