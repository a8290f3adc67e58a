-- ARGV: P, wait seconds ('' for none), recent waits kept, then name, by, name, by…
local key = P .. 'esc:counts'
for i = 4, #ARGV, 2 do
  redis.call('HINCRBY', key, ARGV[i], ARGV[i + 1])
end
if ARGV[2] ~= '' then
  redis.call('LPUSH', P .. 'esc:waits', ARGV[2])
  redis.call('LTRIM', P .. 'esc:waits', 0, tonumber(ARGV[3]) - 1)
end
return 1
