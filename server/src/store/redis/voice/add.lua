-- ARGV: P, once, once for (ms), month, record id, record (JSON).
-- Kept once per `once`; the record's field is a random id, so nothing keeps their order.
local once = P .. 'voice:once:' .. ARGV[2]
if redis.call('EXISTS', once) == 1 then return 0 end
redis.call('SET', once, '1', 'PX', ARGV[3])
redis.call('HSET', P .. 'voice:m:' .. ARGV[4], ARGV[5], ARGV[6])
redis.call('SADD', P .. 'voice:months', ARGV[4])
return 1
