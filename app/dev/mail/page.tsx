import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { db } from '@/db';
import { getSessionUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { devMailboxVisible, listDevMail } from '@/lib/mail/dev-mailbox';

export const metadata: Metadata = { title: 'Dev mailbox', robots: { index: false } };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<{ to?: string | string[] }>;

// The dev mail driver's mailbox (lib/mail): every message the site "sent", newest first. Exists
// only outside production, or when the operator chose MAIL_DRIVER=dev (a test or demo site).
// A production build shows a signed-in fan their own mail only: the messages name fans and link
// to their holds, and a demo site is public.
export default async function DevMailPage({ searchParams }: { searchParams: SearchParams }) {
  if (!devMailboxVisible()) notFound();
  const { to } = await searchParams;
  const ownOnly = env.NODE_ENV === 'production';
  const user = ownOnly ? await getSessionUser() : null;
  if (ownOnly && !user) {
    return (
      <div className="stack">
        <h1>Dev mailbox</h1>
        <p>Sign in to read the mail this site sent you.</p>
      </div>
    );
  }
  const address = user ? user.email : typeof to === 'string' && to.length <= 320 ? to : undefined;
  const messages = await listDevMail(db, { to: address });

  return (
    <div className="stack">
      <h1>Dev mailbox</h1>
      <p className="muted">
        Mail sent with <code>MAIL_DRIVER=dev</code>
        {address ? ` to ${address}` : ''}, newest first. Set <code>SMTP_URL</code> to send real mail.
      </p>
      {ownOnly ? null : (
        <form method="get" className="form">
          <label htmlFor="mail-to">Recipient</label>
          <input id="mail-to" name="to" type="email" defaultValue={address ?? ''} />
          <button type="submit" className="btn btn-secondary">
            Filter
          </button>
        </form>
      )}
      {messages.length === 0 ? <p>No mail yet.</p> : null}
      {messages.map((m) => (
        <article key={m.id} className="card" aria-label={m.subject}>
          <h2>{m.subject}</h2>
          <p className="muted">
            To {m.to} · <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</time>
          </p>
          <pre style={{ whiteSpace: 'pre-wrap' }}>{linkify(m.text)}</pre>
        </article>
      ))}
    </div>
  );
}

// The message's own links, clickable (they are ours: the site's base URL plus a path).
function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
