-- ARGV: P, at (ms), entry json, retention (ms). Appends an entry (members are made unique
-- by a sequence number before a newline) and drops those older than the retention.
local key = P .. 'audit'
local n = redis.call('INCR', P .. 'audit:seq')
redis.call('ZADD', key, ARGV[2], n .. '\n' .. ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. (tonumber(ARGV[2]) - tonumber(ARGV[4])))
return 1
