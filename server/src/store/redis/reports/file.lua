-- ARGV: P, id, room, report json, reporter sid, at (ms), ttl (ms). Keeps a report filed by
-- a live session.
local id, room, sid = ARGV[2], ARGV[3], ARGV[5]
if not alive(sid) then return 0 end
local key = P .. 'report:' .. id
redis.call('HSET', key, 'j', ARGV[4], 'r', sid, 'o', '', 't', '0')
redis.call('PEXPIRE', key, ARGV[7])
redis.call('ZADD', rkey(room, 'reports'), ARGV[6], id)
redis.call('SADD', skey(sid) .. ':reports', id)
expire_like_session(sid, skey(sid) .. ':reports')
return 1
