-- ARGV: P, sid, escalation id, the session's escalation key. Binds a live session to its
-- request (the field goes with the session) and tells every node; 0 if the session is gone.
local sk = skey(ARGV[2])
if redis.call('EXISTS', sk) == 0 then return 0 end
redis.call('HSET', sk, 'e', ARGV[3])
tell('', BUS.BOUND, ARGV[4])
return 1
