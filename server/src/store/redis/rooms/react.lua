-- ARGV: P, room, sid, message id, reaction, stream length.
-- Returns {'notmember'} | {'nosuch'} | {'changed', json of the change}.
local room, sid, id, reaction = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call('HEXISTS', rkey(room, 'm'), sid) == 0 or not alive(sid) then
  return {'notmember'}
end
local msgs = rkey(room, 'msgs')
local json = redis.call('HGET', msgs, id)
if not json then return {'nosuch'} end
local m = cjson.decode(json)
local counts = m.reactions or {}
local set = rkey(room, 'x:' .. id .. ':' .. reaction)
local rk = skey(sid) .. ':reacted'
local entry = room .. '\n' .. set
local n = tonumber(counts[reaction] or 0)
local answer = 'changed'
if redis.call('SREM', set, sid) == 1 then
  answer = 'taken'
  redis.call('SREM', rk, entry)
  n = math.max(n - 1, 0)
else
  redis.call('SADD', set, sid)
  redis.call('SADD', rk, entry)
  expire_like_session(sid, rk)
  n = n + 1
end
if n == 0 then counts[reaction] = nil else counts[reaction] = n end
if next(counts) == nil then m.reactions = nil else m.reactions = counts end
redis.call('HSET', msgs, id, cjson.encode(m))
local offset = redis.call('HINCRBY', rkey(room, 'meta'), 'offset', 1)
local change = cjson.encode({message_id = id, counts = counts, offset = offset})
publish(room, offset, 'r', change, ARGV[6])
return {answer, change}
