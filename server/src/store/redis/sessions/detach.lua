-- ARGV: P, sid, attachment, ttl ms (the grace period, with a margin).
local sid = ARGV[2]
if redis.call('HGET', skey(sid), 'a') ~= ARGV[3] then return 0 end
redis.call('HSET', skey(sid), 'd', 1)
expire_session(sid, ARGV[4])
return 1
