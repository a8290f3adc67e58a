-- ARGV: P, room, message id, stream length. Takes a message down: out of the history, its
-- reactions (and who gave them), the room's stream and the shared `events` copy, and its
-- words out of its sender's retry record (a tombstone stays, so that a retry is not said
-- again); then a deletion event in its place. Returns the deletion's offset, or false if
-- the room has no such message (in its history, or further back in its stream).
local room, id = ARGV[2], ARGV[3]
local msgs = rkey(room, 'msgs')
if redis.call('HDEL', msgs, id) == 0
  and #redis.call('XRANGE', rkey(room, 'log'), id .. '-0', id .. '-0') == 0 then
  return false
end
redis.call('LREM', rkey(room, 'order'), 0, id)
for _, r in ipairs(REACTIONS) do
  local set = rkey(room, 'x:' .. id .. ':' .. r)
  for _, sid in ipairs(redis.call('SMEMBERS', set)) do
    redis.call('SREM', skey(sid) .. ':reacted', room .. '\n' .. set)
  end
  redis.call('DEL', set)
end
-- Message ids are the offsets they were said at: the stream entry is `<id>-0`. Its offset
-- is noted as taken down, so that recovery does not take the hole for a gap.
if redis.call('XDEL', rkey(room, 'log'), id .. '-0') > 0 then compact(rkey(room, 'log')) end
redis.call('ZADD', rkey(room, 'gone'), tonumber(id), id)
delete_entries(P .. 'events', function(f) return f[2] == room and f[6] == id and f[8] == 'm' end)
-- The sender's retry record keeps a tombstone: the same message without its words.
for _, sid in ipairs(redis.call('SMEMBERS', rkey(room, 'speakers'))) do
  local sk = skey(sid)
  for i, json in ipairs(redis.call('LRANGE', sk .. ':recent', 0, -1)) do
    local said = cjson.decode(json)
    if said.room == room and said.id == id then
      said.text = ''
      said.reactions = nil
      redis.call('LSET', sk .. ':recent', i - 1, cjson.encode(said))
      break
    end
  end
end
local offset = redis.call('HINCRBY', rkey(room, 'meta'), 'offset', 1)
publish(room, offset, 'd', cjson.encode({message_id = id, offset = offset}), ARGV[4])
return offset
