-- ARGV: P, month: erases every month before it.
local months = P .. 'voice:months'
for _, month in ipairs(redis.call('SMEMBERS', months)) do
  if month < ARGV[2] then
    redis.call('DEL', P .. 'voice:m:' .. month)
    redis.call('SREM', months, month)
  end
end
return 1
