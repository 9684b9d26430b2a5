import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { api } from '@/lib/testing/http';

const sql = testSql();
afterAll(() => sql.end());

describe('POST /api/users', () => {
  it('creates an account, then refuses the same email in any case with 409', async () => {
    const email = `new-${randomUUID().slice(0, 8)}@example.test`;
    const created = await api('/api/users', { method: 'POST', json: { email, password: 'long-enough-1', name: 'Ada' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ user: { id: expect.any(String), email, name: 'Ada' } });
    expect(JSON.stringify(created.body)).not.toContain('password');
    const [row] = await sql`select password_hash from users where email = ${email}`;
    expect(row!.password_hash).toMatch(/^\$2[aby]\$10\$/);

    const again = await api('/api/users', { method: 'POST', json: { email: email.toUpperCase(), password: 'long-enough-1', name: 'Ada' } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'email_taken' } });
  });

  it.each([
    ['short', 'abc1'],
    ['no digit', 'onlyletters-here'],
    ['no letter', '12345678901'],
  ])('refuses a weak password (%s) with 422 and creates nothing', async (_why, password) => {
    const email = `weak-${randomUUID().slice(0, 8)}@example.test`;
    const result = await api('/api/users', { method: 'POST', json: { email, password, name: 'Bo' } });
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ error: { code: 'weak_password', details: { issues: [{ path: 'password' }] } } });
    expect(await sql`select 1 from users where email = ${email}`).toHaveLength(0);
  });

  it('refuses a bad email and malformed JSON', async () => {
    const bad = await api('/api/users', { method: 'POST', json: { email: 'not-an-email', password: 'long-enough-1', name: 'Cy' } });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { code: 'validation_failed', details: { issues: [{ path: 'email' }] } } });
    const broken = await api('/api/users', { method: 'POST', rawBody: '{' });
    expect(broken.status).toBe(400);
  });
});
