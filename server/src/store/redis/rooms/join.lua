-- ARGV: P, room, sid, capacity, history length, fresh epoch, since epoch ('' for none),
-- since offset. Returns {'nosuchroom'} | {'nosession'} | {'full'} | {'taken'} | {'removed'} |
-- {'ok', present, arrived, epoch, offset, recovered, (kind, json)...}.
local room, sid = ARGV[2], ARGV[3]
-- A private room exists while its record does: a closed one is never made again.
if string.sub(room, 1, 2) == 'p-' and redis.call('EXISTS', P .. 'p:' .. room) == 0 then
  return {'nosuchroom'}
end
local sk = skey(sid)
local key = redis.call('HGET', sk, 'k')
if not key then return {'nosession'} end
local mk = rkey(room, 'm')
local arrived = 0
if redis.call('HEXISTS', mk, sid) == 0 then
  -- Taken out by a facilitator, still in force (see sanctions/set.lua): stays out.
  local removed = tonumber(redis.call('HGET', sk .. ':sanctions', room .. '\nremoved') or '0')
  local now = redis.call('TIME')
  if removed > tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) then
    return {'removed'}
  end
  -- Capacity and handle checks and the admission are one script: atomic across nodes.
  if prune(room) >= tonumber(ARGV[4]) then return {'full'} end
  for _, other in ipairs(redis.call('HVALS', mk)) do
    if other == key then return {'taken'} end
  end
  redis.call('HSET', mk, sid, key)
  redis.call('SADD', sk .. ':rooms', room)
  expire_like_session(sid, sk .. ':rooms')
  arrived = 1
end
local e = epoch(room, ARGV[6])
local offset = tonumber(redis.call('HGET', rkey(room, 'meta'), 'offset'))
local out = {'ok', tostring(redis.call('HLEN', mk)), tostring(arrived), e, tostring(offset)}
local since = tonumber(ARGV[8])
if ARGV[7] == e and since and since <= offset then
  local log = rkey(room, 'log')
  local first = redis.call('XRANGE', log, '-', '+', 'COUNT', 1)
  local first_offset = offset + 1
  if #first > 0 then first_offset = tonumber(string.match(first[1][1], '^(%d+)')) end
  -- Messages taken down are missing on purpose (their deletion follows): not a gap.
  local gone = rkey(room, 'gone')
  while first_offset > since + 1 and redis.call('ZSCORE', gone, first_offset - 1) do
    first_offset = first_offset - 1
  end
  if first_offset <= since + 1 then
    table.insert(out, '1')
    if since < offset then
      for _, entry in ipairs(redis.call('XRANGE', log, tostring(since + 1) .. '-0', '+')) do
        table.insert(out, entry[2][2])
        table.insert(out, entry[2][4])
      end
    end
    return out
  end
end
table.insert(out, '0')
local len = tonumber(ARGV[5])
if len > 0 then
  local ids = redis.call('LRANGE', rkey(room, 'order'), -len, -1)
  if #ids > 0 then
    for _, json in ipairs(redis.call('HMGET', rkey(room, 'msgs'), unpack(ids))) do
      if json then
        table.insert(out, 'm')
        table.insert(out, json)
      end
    end
  end
end
return out
