// Types for headers.mjs, which is plain JavaScript because next.config.mjs loads it.
type Env = Record<string, string | undefined>;
export function contentSecurityPolicy(env: Env, options?: { dev?: boolean }): string;
export function securityHeaders(env: Env, options?: { dev?: boolean }): { key: string; value: string }[];
