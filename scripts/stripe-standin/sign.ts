import { createHmac } from 'node:crypto';

// Stripe's webhook signature scheme: v1 = HMAC-SHA256 over "timestamp.payload", keyed with the
// whole endpoint secret (whsec_ prefix included), sent as `Stripe-Signature: t=...,v1=...`.
export function signatureHeader(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}
