// Lua sources shared by the Redis and Upstash drivers. Each runs atomically on the server, so a
// lock set or a counter with a ttl costs one round trip and can never be left half-written.

/**
 * KEYS = lock keys, ARGV[1] = owner, ARGV[2] = ttl in ms. Returns the 1-based positions of the
 * keys held by another owner; empty means every key is now the caller's.
 * Every key is read before any is written: a partial overlap must set nothing.
 */
export const ACQUIRE_LOCKS = `
local taken = {}
for i, key in ipairs(KEYS) do
  local holder = redis.call('GET', key)
  if holder and holder ~= ARGV[1] then taken[#taken + 1] = i end
end
if #taken > 0 then return taken end
for _, key in ipairs(KEYS) do
  redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
end
return taken
`;

/** Compare-and-delete: a lock that expired and was re-taken by someone else stays theirs. */
export const RELEASE_LOCKS = `
local n = 0
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then n = n + redis.call('DEL', key) end
end
return n
`;

/** Compare-and-pexpire, for the same reason as release. */
export const EXTEND_LOCKS = `
local n = 0
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then n = n + redis.call('PEXPIRE', key, ARGV[2]) end
end
return n
`;

/**
 * KEYS[1] = counter, ARGV[1] = increment, ARGV[2] = ttl in ms for a new counter.
 * INCRBY then PEXPIRE as two calls would leave an immortal counter if the caller died between.
 */
export const INCR_WITH_TTL = `
local existed = redis.call('EXISTS', KEYS[1])
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
if existed == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return n
`;
