-- ARGV: P, sid, escalation id ('' to unbind), the session's escalation key. Binds a live
-- session to its request (the field goes with the session) and tells every node.
local sk = skey(ARGV[2])
if redis.call('EXISTS', sk) == 0 then return 0 end
if ARGV[3] == '' then
  redis.call('HDEL', sk, 'e')
else
  redis.call('HSET', sk, 'e', ARGV[3])
  tell('', 'b', ARGV[4])
end
return 1
