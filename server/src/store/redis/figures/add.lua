-- ARGV: P, day, then key, by, key, by…
local totals = P .. 'fig:d:' .. ARGV[2]
for i = 3, #ARGV, 2 do
  redis.call('HINCRBY', totals, ARGV[i], ARGV[i + 1])
end
return 1
