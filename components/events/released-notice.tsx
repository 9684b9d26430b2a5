'use client';

import { useSearchParams } from 'next/navigation';
import { Alert } from '@/components/ui/alert';

// Shown after a fan releases a hold and is sent back here with ?released=1. Read in the browser,
// so the event page stays one cached copy whatever its query string.
export function ReleasedNotice() {
  if (!useSearchParams().get('released')) return null;
  return (
    <Alert tone="success" title="Your seats were released">
      <p>They are available to other fans again. You can pick new seats below.</p>
    </Alert>
  );
}
