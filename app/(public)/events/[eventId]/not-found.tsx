import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Event not found' };

export default function EventNotFound() {
  return (
    <div className="card form-card">
      <h1>We couldn’t find that event</h1>
      <p>The link may be mistyped, or the event may have been removed.</p>
      <ButtonLink href="/">See events on sale</ButtonLink>
    </div>
  );
}
