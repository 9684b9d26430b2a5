import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { admissionCookieName, admissionKey, signAdmission, verifyAdmission } from './admission-token';
import { gate } from './gate';

const key = admissionKey('queue-secret-queue-secret');
const otherKey = admissionKey('another-secret-another-secret');
const fanA = randomUUID();
const fanB = randomUUID();
const eventId = randomUUID();
const otherEvent = randomUUID();
const now = Date.now();
const inTen = now + 600_000;

describe('admission tokens', () => {
  it('accepts a genuine token for its fan and event', async () => {
    const token = await signAdmission(key, { userId: fanA, eventId, expiresAt: inTen });
    expect(await verifyAdmission(key, token, { eventId, userId: fanA })).toEqual({
      userId: fanA,
      eventId,
      expiresAt: Math.floor(inTen / 1000) * 1000,
    });
  });

  it("refuses fan A's token to fan B", async () => {
    const token = await signAdmission(key, { userId: fanA, eventId, expiresAt: inTen });
    expect(await verifyAdmission(key, token, { eventId, userId: fanB })).toBeNull();
  });

  it('refuses a token for another event', async () => {
    const token = await signAdmission(key, { userId: fanA, eventId: otherEvent, expiresAt: inTen });
    expect(await verifyAdmission(key, token, { eventId, userId: fanA })).toBeNull();
  });

  it('refuses an expired token', async () => {
    const token = await signAdmission(key, { userId: fanA, eventId, expiresAt: now + 5_000 });
    expect(await verifyAdmission(key, token, { eventId, userId: fanA, now })).not.toBeNull();
    // The verdict on the signature is cached; expiry is still checked on every call.
    expect(await verifyAdmission(key, token, { eventId, userId: fanA, now: now + 5_000 })).toBeNull();
  });

  it('refuses forgeries: another key, a tampered payload, alg none, garbage', async () => {
    const forged = await signAdmission(otherKey, { userId: fanA, eventId, expiresAt: inTen });
    const genuine = await signAdmission(key, { userId: fanA, eventId, expiresAt: inTen });
    const [header, , signature] = genuine.split('.');
    const payload = Buffer.from(JSON.stringify({ iss: 'ticketbooth-queue', sub: fanB, aud: `event:${eventId}`, exp: 9e9 })).toString(
      'base64url',
    );
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    const hs512 = await new SignJWT({ iss: 'ticketbooth-queue', sub: fanA, aud: `event:${eventId}` })
      .setProtectedHeader({ alg: 'HS512' })
      .setExpirationTime('10m')
      .sign(key);
    for (const token of [forged, `${header}.${payload}.${signature}`, none, hs512, 'not-a-token', '']) {
      expect(await verifyAdmission(key, token, { eventId })).toBeNull();
    }
  });
});

describe('gate', () => {
  const queued = new Set([eventId]);
  const request = (pathname: string, cookies: Record<string, string> = {}) => ({ pathname, cookie: (n: string) => cookies[n] });

  it('lets through events without a queue and paths it does not guard', async () => {
    expect(await gate(request(`/events/${otherEvent}`), queued, key)).toEqual({ allow: true });
    expect(await gate(request(`/events/${eventId}/extra`), queued, key)).toEqual({ allow: true });
    expect(await gate(request('/search'), queued, key)).toEqual({ allow: true });
  });

  it('sends a page without a token to the queue and refuses the API', async () => {
    expect(await gate(request(`/events/${eventId}`), queued, key)).toEqual({ allow: false, eventId, api: false });
    expect(await gate(request(`/api/events/${eventId}/best-available`), queued, key)).toEqual({ allow: false, eventId, api: true });
  });

  it('judges the decoded path: another spelling of a guarded URL is sent to the canonical one', async () => {
    const canonical = `/events/${eventId}`;
    for (const spelling of [
      `/events/${eventId.toUpperCase()}`,
      `/events/${eventId.replace('-', '%2D')}`,
      `${canonical}/`,
      `/${canonical}`,
    ]) {
      expect(await gate(request(spelling), queued, key)).toEqual({ allow: false, redirect: canonical });
    }
    // Even for an event without a queue: one URL per page, for the gate and for edge caches alike.
    expect(await gate(request(`/events/${otherEvent.toUpperCase()}`), queued, key)).toEqual({
      allow: false,
      redirect: `/events/${otherEvent}`,
    });
    expect(await gate(request(`/api/events/${eventId.replace(/-/g, '%2d')}/best-available`), queued, key)).toEqual({
      allow: false,
      redirect: `/api/events/${eventId}/best-available`,
    });
  });

  it('refuses a path whose percent-encoding is malformed', async () => {
    expect(await gate(request('/events/%E0%A4%A'), queued, key)).toEqual({ allow: false, malformed: true, api: false });
    expect(await gate(request('/api/events/%zz/availability'), queued, key)).toEqual({ allow: false, malformed: true, api: true });
  });

  it('admits a valid token and refuses one for another event', async () => {
    const mine = await signAdmission(key, { userId: fanA, eventId, expiresAt: inTen });
    const theirs = await signAdmission(key, { userId: fanA, eventId: otherEvent, expiresAt: inTen });
    expect(await gate(request(`/events/${eventId}`, { [admissionCookieName(eventId)]: mine }), queued, key)).toEqual({
      allow: true,
      queued: true,
    });
    // Another event's token, even under this event's cookie name.
    const misplaced = request(`/events/${eventId}`, { [admissionCookieName(eventId)]: theirs });
    expect((await gate(misplaced, queued, key)).allow).toBe(false);
  });
});
