-- ARGV: P, room, ended (ms since the epoch), fresh epoch. Ends the room's session: members
-- out, history, streams, reactions and retry records of what was said in it erased, a new
-- epoch. Returns the room's epoch after it: the new one, or the current one if that session
-- was closed already (every node asks).
local room = ARGV[2]
local meta = rkey(room, 'meta')
if tonumber(redis.call('HGET', meta, 'closed') or '-1') >= tonumber(ARGV[3]) then
  return redis.call('HGET', meta, 'epoch') or ''
end
for _, sid in ipairs(redis.call('HKEYS', rkey(room, 'm'))) do
  redis.call('SREM', skey(sid) .. ':rooms', room)
  forget_reactions(sid, room)
end
-- The retry records of everyone who spoke (members or not) lose this room's messages.
local mark = room .. '\n'
for _, sid in ipairs(redis.call('SMEMBERS', rkey(room, 'speakers'))) do
  local sk = skey(sid)
  local cids = redis.call('LRANGE', sk .. ':cids', 0, -1)
  local recent = redis.call('LRANGE', sk .. ':recent', 0, -1)
  redis.call('DEL', sk .. ':cids', sk .. ':recent')
  for i, cid in ipairs(cids) do
    if string.sub(cid, 1, #mark) ~= mark and recent[i] then
      redis.call('RPUSH', sk .. ':cids', cid)
      redis.call('RPUSH', sk .. ':recent', recent[i])
    end
  end
  expire_like_session(sid, sk .. ':cids')
  expire_like_session(sid, sk .. ':recent')
end
for _, id in ipairs(redis.call('LRANGE', rkey(room, 'order'), 0, -1)) do
  for _, r in ipairs(REACTIONS) do redis.call('DEL', rkey(room, 'x:' .. id .. ':' .. r)) end
end
redis.call('DEL', rkey(room, 'm'), rkey(room, 'msgs'), rkey(room, 'order'), rkey(room, 'log'),
  rkey(room, 'speakers'), rkey(room, 'ctl'))
-- The copy every node reads from.
local events = P .. 'events'
for _, entry in ipairs(redis.call('XRANGE', events, '-', '+')) do
  if entry[2][2] == room then redis.call('XDEL', events, entry[1]) end
end
redis.call('HSET', meta, 'epoch', ARGV[4], 'offset', 0, 'closed', ARGV[3])
return ARGV[4]
