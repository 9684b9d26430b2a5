import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <div className="card form-card">
      <h1>We couldn’t find that page</h1>
      <p>The link may be mistyped, or the page may have moved.</p>
      <ButtonLink href="/">See events on sale</ButtonLink>
    </div>
  );
}
