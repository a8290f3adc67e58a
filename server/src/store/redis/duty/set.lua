-- ARGV: P, counselor handle, until ms ('' for off duty). Tells every node when someone came
-- on or went off duty (a renewal is not news).
local key = P .. 'esc:duty'
local changed
if ARGV[3] == '' then
  changed = redis.call('HDEL', key, ARGV[2]) == 1
else
  changed = redis.call('HSET', key, ARGV[2], ARGV[3]) == 1
end
if changed then tell('', BUS.DUTY, '1') end
return 1
