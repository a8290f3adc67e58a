-- ARGV: P, room, sid, sanctions json ('' lifts them), how long the room's index of
-- sanctioned sessions is kept (ms), the end of a removal (ms, '' for none: `join.lua`
-- refuses the session until then, under field `<room>\nremoved`). Kept in the session's hash (it lives and ends with the
-- session) and indexed by room (so that the end of the room's sitting erases them).
local room, sid = ARGV[2], ARGV[3]
if not alive(sid) then return 0 end
local sk = skey(sid) .. ':sanctions'
local index = rkey(room, 'sanctioned')
redis.call('HDEL', sk, room .. '\nremoved')
if ARGV[6] ~= '' then redis.call('HSET', sk, room .. '\nremoved', ARGV[6]) end
-- Every node's staff in the room hear who is muted again (the room only: no one named).
tell(room, BUS.SANCTIONED, '1')
if ARGV[4] == '' then
  redis.call('HDEL', sk, room)
  redis.call('SREM', index, sid)
  return 1
end
redis.call('HSET', sk, room, ARGV[4])
expire_like_session(sid, sk)
redis.call('SADD', index, sid)
if redis.call('PTTL', index) < tonumber(ARGV[5]) then redis.call('PEXPIRE', index, ARGV[5]) end
return 1
