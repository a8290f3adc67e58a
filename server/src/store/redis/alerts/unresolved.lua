-- ARGV: P, room. The room's alerts not dismissed yet, oldest first (their json).
local out = {}
for _, id in ipairs(redis.call('ZRANGE', rkey(ARGV[2], 'alerts'), 0, -1)) do
  local json = redis.call('GET', P .. 'alert:' .. id)
  if json then table.insert(out, json) end
end
return out
