import { describe, expect, it, vi } from 'vitest';
import { AppError, errorPlain, toAppError } from './errors';

// Two copies of this module can live in one process (Next bundles it per layer); an AppError made
// by either must be answered by its own status, not as a bug.
describe('AppError across copies of lib/errors', () => {
  it('is an AppError to the other copy, and keeps its status', async () => {
    vi.resetModules();
    const other = await import('./errors');
    expect(other.AppError).not.toBe(AppError);
    const foreign = new other.AppError('bad_request', 'Some of the input is not valid.');
    expect(foreign instanceof AppError).toBe(true);
    expect(toAppError(foreign)).toBe(foreign);
    expect(errorPlain(foreign).status).toBe(400);
  });

  it('still tells other errors apart', () => {
    expect(new Error('boom') instanceof AppError).toBe(false);
    expect({ code: 'bad_request', name: 'AppError' } instanceof AppError).toBe(false);
    expect((null as unknown as object) instanceof AppError).toBe(false);
    expect(toAppError(new TypeError('bug')).code).toBe('internal');
  });
});
