-- ARGV: P, room. The room's reports not resolved yet, oldest first (their json).
local out = {}
for _, id in ipairs(redis.call('ZRANGE', rkey(ARGV[2], 'reports'), 0, -1)) do
  local f = redis.call('HMGET', P .. 'report:' .. id, 'j', 'o')
  if f[1] and f[2] == '' then table.insert(out, f[1]) end
end
return out
