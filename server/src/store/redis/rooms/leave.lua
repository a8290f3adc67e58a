-- ARGV: P, room, sid, member key, and optionally a farewell frame (JSON) its connections get
-- before `left`. Returns 1 if the session was a member; then every node hears of it on the
-- `events` stream, in order with the room's messages (kind `l`, no offset of its own; `j`
-- the member key, then a newline and the farewell if there is one).
local room, sid = ARGV[2], ARGV[3]
local was = redis.call('HDEL', rkey(room, 'm'), sid)
redis.call('SREM', skey(sid) .. ':rooms', room)
forget_reactions(sid, room)
if was == 1 then
  redis.call('XADD', P .. 'events', 'MAXLEN', '~', 10000, '*',
    'room', room, 'e', '', 'o', '0', 't', 'l', 'j',
    ARGV[5] and (ARGV[4] .. '\n' .. ARGV[5]) or ARGV[4])
end
return was
