/**
 * A JSON answer about the fan who asked: never stored by an edge or a shared cache, and not kept
 * by the browser either (a sign-out or a new hold must show at once).
 */
export function privateJson(body: unknown): Response {
  return Response.json(body, { headers: { 'Cache-Control': 'private, no-store', Vary: 'Cookie' } });
}
