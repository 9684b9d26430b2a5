import { describe, expect, it } from 'vitest';
import { safeCallbackUrl, signInHref } from './callback-url';

describe('safeCallbackUrl', () => {
  it('keeps a path on this site, query included', () => {
    expect(safeCallbackUrl('/events/abc?section=S1')).toBe('/events/abc?section=S1');
    expect(safeCallbackUrl('/')).toBe('/');
  });

  it.each([
    ['another host', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/path'],
    ['a backslash trick', '/\\evil.example'],
    ['a tab smuggling a host', '/\t/evil.example'],
    ['a newline', '/events\n/x'],
    ['a relative path', 'events/abc'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['an empty string', ''],
    ['a non-string', ['/a', '/b']],
  ])('falls back for %s', (_why, value) => {
    expect(safeCallbackUrl(value)).toBe('/');
    expect(safeCallbackUrl(value, '/reservations')).toBe('/reservations');
  });

  it('builds a sign-in link that carries the return path', () => {
    expect(signInHref('/events/abc?section=S1')).toBe('/sign-in?callbackUrl=%2Fevents%2Fabc%3Fsection%3DS1');
    expect(signInHref('//evil.example')).toBe('/sign-in?callbackUrl=%2F');
  });
});
