import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';

// A "known device" for an account: after a successful sign-in the browser gets a cookie that only
// this server could have made for that account. Sign-ins from it are limited on their own, never
// by what strangers do to the account elsewhere, so nobody can lock a fan out of their own phone
// by guessing passwords (OWASP's device-cookie pattern). It proves nothing else and grants nothing:
// the password is still checked.

export const knownDeviceCookie = 'tb-known-device';
const maxAgeSeconds = 365 * 24 * 60 * 60;

function mac(email: string, deviceId: string): Buffer {
  if (!env.NEXTAUTH_SECRET) throw new Error('NEXTAUTH_SECRET is required');
  return createHmac('sha256', env.NEXTAUTH_SECRET).update(`known-device:${email.trim().toLowerCase()}:${deviceId}`).digest();
}

/** The device id when `value` is a cookie this server made for this email, else null. */
export function knownDeviceFor(email: string, value: string | undefined): string | null {
  if (!value || value.length > 200) return null;
  const [deviceId, signature, ...rest] = value.split('.');
  if (!deviceId || !signature || rest.length > 0 || !/^[A-Za-z0-9_-]{16,64}$/.test(deviceId)) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(email, deviceId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : null;
}

/** A fresh known-device cookie for this email, for `cookies().set(...)`. */
export function newKnownDevice(email: string) {
  const deviceId = randomBytes(16).toString('base64url');
  return {
    name: knownDeviceCookie,
    value: `${deviceId}.${mac(email, deviceId).toString('base64url')}`,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: (env.NEXTAUTH_URL ?? '').startsWith('https:'),
    path: '/',
    maxAge: maxAgeSeconds,
  };
}
