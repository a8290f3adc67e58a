-- ARGV: P, id, room, alert json, at (ms), ttl (ms), message id, writer's handle. Keeps an
-- alert until it is dismissed, the room's sitting ends or its time is up, and tells every
-- node (by id: staff read it) — only if the message is still in the room, by its writer
-- (else the sitting ended meanwhile: 0).
local id, room = ARGV[2], ARGV[3]
local said = redis.call('HGET', rkey(room, 'msgs'), ARGV[7])
if not said or cjson.decode(said).handle ~= ARGV[8] then return 0 end
redis.call('SET', P .. 'alert:' .. id, ARGV[4], 'PX', ARGV[6])
local index = rkey(room, 'alerts')
redis.call('ZADD', index, ARGV[5], id)
-- Ids whose alert expired leave the index; the index lasts as long as its newest alert.
redis.call('ZREMRANGEBYSCORE', index, '-inf', tonumber(ARGV[5]) - tonumber(ARGV[6]))
redis.call('PEXPIRE', index, ARGV[6])
tell(room, BUS.ALERT_RAISED, id)
return 1
