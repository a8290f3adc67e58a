-- ARGV: P, day, key, value. A peak: raised, never lowered.
local totals = P .. 'fig:d:' .. ARGV[2]
local now = tonumber(redis.call('HGET', totals, ARGV[3]) or '0')
if tonumber(ARGV[4]) > now then
  redis.call('HSET', totals, ARGV[3], ARGV[4])
end
return 1
