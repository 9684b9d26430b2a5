import { redirect } from 'next/navigation';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '@/lib/errors';

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string } }));
vi.mock('@/lib/auth/session', () => ({
  requireUser: async () => {
    if (!session.user) throw new AppError('unauthorized', 'Sign in to continue.');
    return session.user;
  },
}));

const { formDataToObject, safeAction } = await import('./safe-action');

const form = (entries: Array<[string, string]>) => {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
};

beforeEach(() => {
  session.user = null;
});

describe('formDataToObject', () => {
  it('keeps single values as strings, repeats as arrays, and drops React bookkeeping', () => {
    const fd = form([
      ['name', 'Ada'],
      ['ticketIds', 'a'],
      ['ticketIds', 'b'],
      ['$ACTION_ID_123', ''],
    ]);
    expect(formDataToObject(fd)).toEqual({ name: 'Ada', ticketIds: ['a', 'b'] });
  });
});

describe('safeAction', () => {
  const schema = z.object({ email: z.email('Enter a valid email'), name: z.string().min(1, 'Enter your name') });

  it('parses FormData and plain objects and returns the handler result', async () => {
    const action = safeAction({ schema }, async (input) => ({ ok: true as const, greeting: `hi ${input.name}` }));
    await expect(
      action(
        null,
        form([
          ['email', 'a@example.test'],
          ['name', 'Ada'],
        ]),
      ),
    ).resolves.toEqual({
      ok: true,
      greeting: 'hi Ada',
    });
    await expect(action(null, { email: 'a@example.test', name: 'Bo' })).resolves.toMatchObject({ greeting: 'hi Bo' });
  });

  it('reports invalid input per field without calling the handler', async () => {
    const handler = vi.fn(async () => 'never');
    const result = await safeAction({ schema }, handler)(null, form([['email', 'nope']]));
    expect(handler).not.toHaveBeenCalled();
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'validation_failed',
        message: 'Check the highlighted fields and try again.',
        fieldErrors: { email: ['Enter a valid email'], name: [expect.any(String)] },
      },
    });
  });

  it('turns an AppError into a serialisable failure with field errors from its issues', async () => {
    const action = safeAction({ schema }, async () => {
      throw new AppError('email_taken', 'Taken.', { issues: [{ path: 'email', message: 'Already used' }] });
    });
    const result = await action(null, { email: 'a@example.test', name: 'Ada' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'email_taken',
        message: 'Taken.',
        fieldErrors: { email: ['Already used'] },
        details: { issues: [{ path: 'email', message: 'Already used' }] },
      },
    });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('hides unexpected errors behind a generic message', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const action = safeAction({ schema }, async () => {
      throw new Error('connection refused at 10.0.0.5');
    });
    const result = await action(null, { email: 'a@example.test', name: 'Ada' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('10.0.0.5');
    spy.mockRestore();
  });

  it('requires a session when asked, before looking at the input', async () => {
    const handler = vi.fn(async (_input: unknown, ctx: { user: { id: string } }) => ctx.user.id);
    const action = safeAction({ schema, auth: true }, handler);
    await expect(action(null, {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    session.user = { id: 'u1', email: 'a@example.test', name: 'Ada' };
    await expect(action(null, { email: 'a@example.test', name: 'Ada' })).resolves.toBe('u1');
  });

  it("lets Next's redirect through", async () => {
    const action = safeAction({ schema }, async () => redirect('/somewhere'));
    await expect(action(null, { email: 'a@example.test', name: 'Ada' })).rejects.toMatchObject({
      digest: expect.stringContaining('NEXT_REDIRECT'),
    });
  });
});
