-- ARGV: P, key, max, window ms. One attempt against the key's allowance in a fixed window,
-- shared by every node. Returns -1 if allowed, else the ms until the window ends.
local key = P .. 'limit:' .. ARGV[2]
local n = redis.call('INCR', key)
if n == 1 then redis.call('PEXPIRE', key, ARGV[4]) end
if n > tonumber(ARGV[3]) then
  local left = redis.call('PTTL', key)
  if left < 0 then
    redis.call('PEXPIRE', key, ARGV[4])
    left = tonumber(ARGV[4])
  end
  return left
end
return -1
