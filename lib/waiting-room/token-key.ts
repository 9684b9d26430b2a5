import 'server-only';
import { env } from '@/lib/env';
import { admissionKey } from './admission-token';

let key: Uint8Array | undefined;

/** The admission-token key from QUEUE_TOKEN_SECRET, else NEXTAUTH_SECRET. */
export function admissionSecretKey(): Uint8Array {
  const secret = env.QUEUE_TOKEN_SECRET ?? env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('Set QUEUE_TOKEN_SECRET or NEXTAUTH_SECRET to sign waiting-room admissions');
  key ??= admissionKey(secret);
  return key;
}
