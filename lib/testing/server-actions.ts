import { readFileSync } from 'node:fs';
import path from 'node:path';
import { baseUrl } from './http';

// Every server action of the built app, read from Next's own manifest, so a test that walks them
// all also walks the one somebody adds tomorrow. An exported action is a public endpoint: anyone
// can POST to it, which is exactly what these helpers do.

export type BuiltAction = { id: string; name: string; file: string; page: string };

const root = path.resolve(import.meta.dirname, '../..');

export function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(readFileSync(path.join(root, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    name: entry.exportedName,
    file: entry.filename,
    page: Object.keys(entry.workers)[0]!,
  }));
}

/** A URL of the page that serves the action: route groups dropped, dynamic segments filled in. */
export function pageUrl(action: BuiltAction, param: string): string {
  const route = action.page
    .replace(/^app/, '')
    .replace(/\/page$/, '')
    .split('/')
    .filter((part) => part && !/^\(.*\)$/.test(part))
    .map((part) => (/^\[.*\]$/.test(part) ? param : part))
    .join('/');
  return `/${route}`;
}

export type ActionAnswer = { status: number; body: string; redirect: string | null };

/** Calls an action as React does: its id in a header, the arguments as a JSON array. */
export async function callAction(action: BuiltAction, url: string, args: unknown[], cookie?: string): Promise<ActionAnswer> {
  const response = await fetch(`${baseUrl}${url}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'next-action': action.id,
      'content-type': 'text/plain;charset=UTF-8',
      accept: 'text/x-component',
      origin: baseUrl,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(args),
  });
  return { status: response.status, body: await response.text(), redirect: response.headers.get('x-action-redirect') };
}

/** The error code in an action's answer, if it returned a failure. */
export function actionErrorCode(answer: ActionAnswer): string | null {
  return /"code":"([a-z_]+)"/.exec(answer.body)?.[1] ?? null;
}
