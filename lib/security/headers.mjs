// Security headers for every response, set from next.config.mjs (plain JavaScript, because the
// config is loaded before any TypeScript). Fixed at build time: pages must stay cacheable at the
// edge (issue 12), so the policy uses no per-request nonce. Next's streamed pages carry inline
// <script> data, which is why script-src keeps 'unsafe-inline'; every other directive is tight.
//
// The hosts come from the environment at build: build with the production PUSHER_* and
// STRIPE_* values set. Without them the build expects the local stand-ins (scripts/standins.ts)
// on this machine and allows 127.0.0.1/localhost for their socket and checkout page.

/** @param {NodeJS.ProcessEnv} env */
function realtimeSources(env) {
  if (env.PUSHER_HOST) {
    const secure = env.PUSHER_USE_TLS !== 'false' && env.PUSHER_USE_TLS !== '0';
    return [`${secure ? 'wss' : 'ws'}://${env.PUSHER_HOST}:*`, `${secure ? 'https' : 'http'}://${env.PUSHER_HOST}:*`];
  }
  if (env.PUSHER_KEY) return ['wss://*.pusher.com', 'https://*.pusher.com'];
  return ['ws://127.0.0.1:*', 'ws://localhost:*'];
}

/** @param {NodeJS.ProcessEnv} env */
function checkoutSources(env) {
  if (env.STRIPE_API_URL) return [new URL(env.STRIPE_API_URL).origin];
  if (env.STRIPE_SECRET_KEY) return ['https://checkout.stripe.com'];
  return ['http://127.0.0.1:*', 'http://localhost:*'];
}

/**
 * @param {NodeJS.ProcessEnv} env
 * @param {{ dev?: boolean }} [options]
 * @returns {string}
 */
export function contentSecurityPolicy(env, { dev = false } = {}) {
  const https = (env.NEXTAUTH_URL ?? '').startsWith('https:');
  const stripeJs = ['https://js.stripe.com', 'https://*.js.stripe.com'];
  const directives = {
    'default-src': ["'self'"],
    // React's development build evaluates code for its stack traces; production never does.
    'script-src': ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : []), ...stripeJs],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...realtimeSources(env), 'https://api.stripe.com'],
    'frame-src': [...stripeJs, 'https://hooks.stripe.com'],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'", ...checkoutSources(env)],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
  };
  const policy = Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(' ')}`);
  if (https) policy.push('upgrade-insecure-requests');
  return policy.join('; ');
}

/**
 * @param {NodeJS.ProcessEnv} env
 * @param {{ dev?: boolean }} [options]
 * @returns {{ key: string, value: string }[]}
 */
export function securityHeaders(env, options = {}) {
  const headers = [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(env, options) },
    // For browsers that predate frame-ancestors: hold and payment pages must never be framed.
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    // Hold and booking URLs carry their ids; no other site needs to see them.
    { key: 'Referrer-Policy', value: 'same-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ];
  if ((env.NEXTAUTH_URL ?? '').startsWith('https:')) {
    headers.push({ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' });
  }
  return headers;
}
