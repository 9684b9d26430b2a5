import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db';
import { AppError } from '@/lib/errors';
import { renderSql, sqlLiteral, unpreparedRunner } from './postgres-run';

// The search runner writes values into the statement as literals (one round trip instead of two);
// each must come back from Postgres exactly as it went in, however it tries to end the quote.
describe('search statements with their values as literals', () => {
  const run = unpreparedRunner(db);
  const nasty = [
    '',
    "'",
    "''; drop table events; --",
    '$s$',
    '$s$); drop table events; --',
    'a$s',
    '$s',
    's$',
    '$sx$ $s$ $sxx$',
    '$$',
    '$1',
    '$1 $2 $3',
    '\\',
    "\\'",
    "E'\\x41'",
    'line\nbreak\ttab',
    'é ø ß 🎫 Ωmega',
    'x'.repeat(5000),
  ];

  it('returns every string as it went in', async () => {
    for (const value of nasty) {
      const [row] = await run<{ v: string }>(sql`select ${value}::text as v`);
      expect(row?.v, JSON.stringify(value.slice(0, 40))).toBe(value);
    }
  });

  it('returns string arrays, empty ones too, and numbers', async () => {
    const [row] = await run<{ a: string[]; e: string[]; n: number; m: string }>(
      sql`select ${sql.param(nasty)}::text[] as a, ${sql.param([])}::text[] as e, ${1001}::int as n, ${-2.5}::numeric as m`,
    );
    expect(row?.a).toEqual(nasty);
    expect(row?.e).toEqual([]);
    expect(row?.n).toBe(1001);
    expect(Number(row?.m)).toBe(-2.5);
  });

  it('never reads a value as another placeholder', async () => {
    const [row] = await run<{ a: string; b: string }>(sql`select ${'$2'}::text as a, ${'x'}::text as b`);
    expect(row).toEqual({ a: '$2', b: 'x' });
  });

  it('writes nested templates, joins and raw text in order, and refuses a bare array', () => {
    const words = sql.join([sql`a = ${'x'}`, sql.raw('b'), sql`c = ${sql.param(['y', "'"])}`], sql` and `);
    expect(renderSql(sql`select 1 where ${words} limit ${20}`)).toBe(
      "select 1 where a = $s$x$s$ and b and c = ARRAY[$s$y$s$,$s$'$s$] limit 20",
    );
    expect(() => renderSql(sql`select ${['a', 'b'] as unknown as string}`)).toThrow(TypeError);
  });

  it('refuses what it cannot write: NUL is the 400 the database would give, other types are bugs', () => {
    expect(() => sqlLiteral('a\0b')).toThrow(AppError);
    expect(() => sqlLiteral(['ok', 'a\0b'])).toThrow(AppError);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, true, null, undefined, { a: 1 }, new Date(0)]) {
      expect(() => sqlLiteral(bad), String(bad)).toThrow(TypeError);
    }
  });
});
