-- ARGV: P, room, ended (ms since the epoch), fresh epoch. Ends the room's sitting: members
-- out, everything said in it erased (see `erase`), a new epoch. Returns the room's epoch
-- after it: the new one, or the current one if that sitting was closed already (every node
-- asks).
local room = ARGV[2]
local meta = rkey(room, 'meta')
if tonumber(redis.call('HGET', meta, 'closed') or '-1') >= tonumber(ARGV[3]) then
  return redis.call('HGET', meta, 'epoch') or ''
end
local ended = redis.call('HGET', meta, 'epoch') or ''
erase(room)
redis.call('HSET', meta, 'epoch', ARGV[4], 'offset', 0, 'closed', ARGV[3])
tell(room, BUS.CLOSED, ended)
return ARGV[4]
