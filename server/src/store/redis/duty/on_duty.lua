-- ARGV: P, now ms. The counselors on duty now; lapsed entries (a node that died) go.
local key = P .. 'esc:duty'
local now = tonumber(ARGV[2])
local on = {}
local all = redis.call('HGETALL', key)
for i = 1, #all, 2 do
  if tonumber(all[i + 1]) > now then
    table.insert(on, all[i])
  else
    redis.call('HDEL', key, all[i])
  end
end
return on
