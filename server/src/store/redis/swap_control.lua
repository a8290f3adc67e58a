-- ARGV: P, room, expected json ('' for none), new json ('' to remove). Replaces the room's
-- control only if it is still the expected one, and tells every node; 1 if replaced.
local key = rkey(ARGV[2], 'ctl')
local current = redis.call('GET', key) or ''
if current ~= ARGV[3] then return 0 end
if ARGV[4] == '' then redis.call('DEL', key) else redis.call('SET', key, ARGV[4]) end
redis.call('XADD', P .. 'bus', 'MAXLEN', '~', 1000, '*', 'room', ARGV[2], 'c', '1')
return 1
