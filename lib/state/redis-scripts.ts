/**
 * Lua for the operations that must read and write in one atomic step. Redis runs a script
 * without interleaving other commands, so concurrent function instances cannot both pass a
 * limit or both claim a group. Only Redis 6.0 commands are used (Debian and Ubuntu LTS).
 *
 * Numbers computed in Lua are passed on with string.format('%d'): a bare Lua number could be
 * rendered in exponent notation, which PEXPIRE rejects.
 */

/** KEYS: hits. ARGV: now, windowMs, limit (-1: none), member, maxHits. Returns {count, allowed}. */
export const HIT_SCRIPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local maxHits = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now - window))
local count = redis.call('ZCARD', KEYS[1])
if limit >= 0 and count >= limit then
  return {count, 0}
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(maxHits + 1))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {math.min(count + 1, maxHits), 1}
`;

/** KEYS: value. ARGV: expectAbsent ('1'|'0'), expected, value, ttlMs. Returns 1 when set. */
export const COMPARE_AND_SET_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
return 1
`;

/*
 * Groups live in three keys: due (sorted set of group ids by closing time), data (hash of
 * id -> JSON record) and open (hash of group key -> id of its open group). A closed group
 * waits in data until claimed while a new group of the same key opens under a new id.
 * KEYS of both group scripts: due, data, open.
 */
const DROP_GROUP = `
local function dropGroup(id)
  local raw = redis.call('HGET', KEYS[2], id)
  redis.call('ZREM', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
  if raw then
    local key = cjson.decode(raw).key
    if redis.call('HGET', KEYS[3], key) == id then redis.call('HDEL', KEYS[3], key) end
  end
  return raw
end
local function dropStale(now, retention)
  local cutoff = string.format('%d', now - retention)
  local stale = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', cutoff, 'LIMIT', 0, 100)
  for _, id in ipairs(stale) do dropGroup(id) end
end
`;

/**
 * ARGV: now, windowMs, groupKey, member, sampleSize, retentionMs, newId.
 * Returns {first (1|0), count}.
 */
export const ADD_TO_GROUP_SCRIPT = `${DROP_GROUP}
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local retention = tonumber(ARGV[6])
dropStale(now, retention)
local id = redis.call('HGET', KEYS[3], ARGV[3])
local raw = id and redis.call('HGET', KEYS[2], id)
if raw then
  local group = cjson.decode(raw)
  if group.closesAt > now then
    group.count = group.count + 1
    if #group.sample < tonumber(ARGV[5]) then table.insert(group.sample, ARGV[4]) end
    redis.call('HSET', KEYS[2], id, cjson.encode(group))
    return {0, group.count}
  end
end
local closesAt = now + window
local group = {key = ARGV[3], count = 1, sample = {ARGV[4]}, openedAt = now, closesAt = closesAt}
redis.call('HSET', KEYS[2], ARGV[7], cjson.encode(group))
redis.call('HSET', KEYS[3], ARGV[3], ARGV[7])
redis.call('ZADD', KEYS[1], string.format('%d', closesAt), ARGV[7])
local ttl = window + retention
for i = 1, 3 do
  if redis.call('PTTL', KEYS[i]) < ttl then
    redis.call('PEXPIRE', KEYS[i], string.format('%d', ttl))
  end
end
return {1, 1}
`;

/** ARGV: now, limit, retentionMs. Returns the JSON records of the claimed groups. */
export const CLAIM_DUE_GROUPS_SCRIPT = `${DROP_GROUP}
local now = tonumber(ARGV[1])
dropStale(now, tonumber(ARGV[3]))
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local claimed = {}
for _, id in ipairs(ids) do
  local raw = dropGroup(id)
  if raw then table.insert(claimed, raw) end
end
return claimed
`;
