-- ARGV: P, day, sitting, keep for (ms), member, spoke ('1' or '0'),
-- listening key, #first_of_sitting, #first_of_member, #always, then the first_of_sitting
-- keys, the first_of_member keys, and the always keys with their counts (key, by, …).
local day, sitting, keep, member = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local spoke, listening = ARGV[6] == '1', ARGV[7]
local n_sitting, n_member, n_always = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local totals = P .. 'fig:d:' .. day
local seen = P .. 'fig:seen:' .. sitting
local at = 11
local new_sitting = redis.call('EXISTS', seen) == 0
local before = redis.call('HGET', seen, member)
if not before then
  redis.call('HSET', seen, member, spoke and '' or day)
  if redis.call('PTTL', seen) < tonumber(keep) then redis.call('PEXPIRE', seen, keep) end
  if new_sitting then
    for i = at, at + n_sitting - 1 do redis.call('HINCRBY', totals, ARGV[i], 1) end
  end
  for i = at + n_sitting, at + n_sitting + n_member - 1 do
    redis.call('HINCRBY', totals, ARGV[i], 1)
  end
  if not spoke then redis.call('HINCRBY', totals, listening, 1) end
elseif spoke and before ~= '' then
  -- Counted as listening on the day they came in: no longer.
  redis.call('HSET', seen, member, '')
  redis.call('HINCRBY', P .. 'fig:d:' .. before, listening, -1)
end
local first = at + n_sitting + n_member
for i = first, first + 2 * n_always - 1, 2 do
  redis.call('HINCRBY', totals, ARGV[i], ARGV[i + 1])
end
return 1
