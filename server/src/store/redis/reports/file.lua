-- ARGV: P, id, room, report json, reporter sid, at (ms), ttl (ms). Keeps a report filed by
-- a live session.
local id, room, sid = ARGV[2], ARGV[3], ARGV[5]
if not alive(sid) then return 0 end
local key = P .. 'report:' .. id
redis.call('HSET', key, 'j', ARGV[4], 'r', sid, 'o', '', 't', '0')
redis.call('PEXPIRE', key, ARGV[7])
local index = rkey(room, 'reports')
redis.call('ZADD', index, ARGV[6], id)
-- Ids whose report expired leave the index; the index lasts as long as its newest report.
redis.call('ZREMRANGEBYSCORE', index, '-inf', tonumber(ARGV[6]) - tonumber(ARGV[7]))
if redis.call('PTTL', index) < tonumber(ARGV[7]) then redis.call('PEXPIRE', index, ARGV[7]) end
redis.call('SADD', skey(sid) .. ':reports', id)
expire_like_session(sid, skey(sid) .. ':reports')
return 1
