-- ARGV: P, sid, ttl ms. Returns false, or {handle, lang, role, staff, attachment, rooms...}.
local sid = ARGV[2]
local sk = skey(sid)
if redis.call('EXISTS', sk) == 0 then return false end
local a = redis.call('HINCRBY', sk, 'a', 1)
redis.call('HSET', sk, 'd', 0)
expire_session(sid, ARGV[3])
local f = redis.call('HMGET', sk, 'h', 'l', 'r', 's')
local out = {f[1], f[2], f[3], f[4] or '', tostring(a)}
for _, room in ipairs(redis.call('SMEMBERS', sk .. ':rooms')) do table.insert(out, room) end
return out
