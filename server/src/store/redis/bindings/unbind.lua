-- ARGV: P, sid, escalation id. Unbinds the session from that request only: a binding to a
-- newer one stays.
local sk = skey(ARGV[2])
if redis.call('HGET', sk, 'e') == ARGV[3] then redis.call('HDEL', sk, 'e') end
return 1
