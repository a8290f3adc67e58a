-- ARGV: P, sid, handle, handle key, lang, role, exclusive (1|0), ttl ms, staff role
local sid = ARGV[2]
local hk = P .. 'h:' .. ARGV[4]
if ARGV[7] == '1' then
  for _, other in ipairs(redis.call('SMEMBERS', hk)) do
    if alive(other) then return 0 end
    redis.call('SREM', hk, other)
  end
end
redis.call('HSET', skey(sid), 'h', ARGV[3], 'k', ARGV[4], 'l', ARGV[5], 'r', ARGV[6], 's', ARGV[9], 'a', 1,
  'd', 0)
redis.call('SADD', hk, sid)
expire_session(sid, ARGV[8])
return 1
