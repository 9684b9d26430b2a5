// Next runs register() once per server process. In Node it hands scripts/serve.mjs the fast
// paths for holds and search (lib/fast-paths/register.ts); the edge runtime has no use for them.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { registerFastPaths } = await import('./lib/fast-paths/register');
  registerFastPaths();
}
