-- ARGV: P, room, sid, client id ('' for none), text, at, history length, stream length,
-- fresh epoch. Returns {'notmember'} | {'dup', json} | {'new', json}.
local room, sid, cid = ARGV[2], ARGV[3], ARGV[4]
local sk = skey(sid)
if redis.call('HEXISTS', rkey(room, 'm'), sid) == 0 or not alive(sid) then
  return {'notmember'}
end
if cid ~= '' then
  local earlier = said(sid, room, cid)
  if earlier then return {'dup', earlier} end
end
epoch(room, ARGV[9])
local offset = redis.call('HINCRBY', rkey(room, 'meta'), 'offset', 1)
local id = tostring(offset)
local msg = {room = room, id = id, handle = redis.call('HGET', sk, 'h'), text = ARGV[5],
  at = ARGV[6], offset = offset}
if cid ~= '' then msg.client_id = cid end
local json = cjson.encode(msg)
publish(room, id, 'm', json, ARGV[8])
redis.call('HSET', rkey(room, 'msgs'), id, json)
local order = rkey(room, 'order')
redis.call('RPUSH', order, id)
while redis.call('LLEN', order) > tonumber(ARGV[7]) do
  local gone = redis.call('LPOP', order)
  redis.call('HDEL', rkey(room, 'msgs'), gone)
  for _, r in ipairs(REACTIONS) do redis.call('DEL', rkey(room, 'x:' .. gone .. ':' .. r)) end
end
if cid ~= '' then
  redis.call('SADD', rkey(room, 'speakers'), sid)
  for key, value in pairs({[':recent'] = json, [':cids'] = room .. '\n' .. cid}) do
    redis.call('RPUSH', sk .. key, value)
    redis.call('LTRIM', sk .. key, -32, -1)
    expire_like_session(sid, sk .. key)
  end
end
return {'new', json}
