-- ARGV: P, room, sid. Returns 1 if the session was a member.
local room, sid = ARGV[2], ARGV[3]
local was = redis.call('HDEL', rkey(room, 'm'), sid)
redis.call('SREM', skey(sid) .. ':rooms', room)
forget_reactions(sid, room)
return was
