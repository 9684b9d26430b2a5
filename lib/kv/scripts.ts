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

/**
 * Fixed windows for rate limits, all in one round trip. KEYS = counters, ARGV[i] = window ms of
 * KEYS[i]. Each counter is incremented (and given its window as ttl when new, atomically with
 * the increment); returns count and remaining ms per key, flattened.
 */
export const HIT_WINDOWS = `
local out = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('PEXPIRE', key, ARGV[i]) end
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[i])
    ttl = tonumber(ARGV[i])
  end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
return out
`;

/**
 * The waiting room's one step (see Kv.queueVisit). KEYS = members zset, state hash, admitted hash,
 * joined hash; ARGV = fan, now, onSaleAt, perMs, score, join ('1'/'0'), ttl ms.
 * Early fans get the random score in [0, 1); later ones 1 + an arrival counter, so every early
 * fan sorts before every later one and later ones keep arrival order. The frontier is stored as a
 * float with the time it was last moved; it is capped at the queue size so that an empty queue
 * does not bank admissions for a later crowd. Returns {rank or -1, size, floor(frontier),
 * admittedAt or -1}.
 */
export const QUEUE_VISIT = `
local fan, now, onSale, perMs = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
if ARGV[6] == '1' and not redis.call('ZSCORE', KEYS[1], fan) then
  local score = ARGV[5]
  if now >= onSale then score = 1 + redis.call('HINCRBY', KEYS[2], 'arrivals', 1) end
  redis.call('ZADD', KEYS[1], score, fan)
  redis.call('HSETNX', KEYS[4], fan, ARGV[2])
end
local size = redis.call('ZCARD', KEYS[1])
local frontier = tonumber(redis.call('HGET', KEYS[2], 'frontier') or '0')
if now >= onSale then
  local at = tonumber(redis.call('HGET', KEYS[2], 'at') or ARGV[3])
  if at < onSale then at = onSale end
  if now > at then
    local moved = math.min(frontier + (now - at) * perMs, size)
    if moved > frontier then frontier = moved end
    redis.call('HSET', KEYS[2], 'frontier', string.format('%.17g', frontier), 'at', ARGV[2])
  end
end
local admitted = math.floor(frontier)
local rank = redis.call('ZRANK', KEYS[1], fan)
local admittedAt = -1
if rank and rank < admitted then
  redis.call('HSETNX', KEYS[3], fan, ARGV[2])
  admittedAt = tonumber(redis.call('HGET', KEYS[3], fan))
end
for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[7]) end
return {rank or -1, size, admitted, admittedAt}
`;

/**
 * KEYS as QUEUE_VISIT. The whole queue in one consistent read: fans in place order, then the
 * joined and admitted hashes as flat [field, value, ...] lists.
 */
export const QUEUE_LEDGER = `
return {redis.call('ZRANGE', KEYS[1], 0, -1), redis.call('HGETALL', KEYS[4]), redis.call('HGETALL', KEYS[3])}
`;

/**
 * KEYS as QUEUE_VISIT; ARGV = fan, ttl ms. Back of the queue, as arrival 1 + counter. The fan's
 * old place was below the frontier; the frontier steps back one with it, or the fan behind the
 * frontier would slide into the vacated place and be admitted out of turn.
 */
export const QUEUE_REQUEUE = `
if redis.call('HDEL', KEYS[3], ARGV[1]) == 0 then return 0 end
local frontier = tonumber(redis.call('HGET', KEYS[2], 'frontier') or '0')
redis.call('HSET', KEYS[2], 'frontier', string.format('%.17g', math.max(frontier - 1, 0)))
redis.call('ZADD', KEYS[1], 1 + redis.call('HINCRBY', KEYS[2], 'arrivals', 1), ARGV[1])
for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
return 1
`;
