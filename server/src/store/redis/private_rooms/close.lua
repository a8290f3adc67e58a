-- ARGV: P, id. Ends a private room: everything said in it erased (see `erase`), its stream's
-- meta and its record gone, every node told. 1 for the call that did it, 0 after.
local room = ARGV[2]
if redis.call('DEL', P .. 'p:' .. room) == 0 then return 0 end
redis.call('ZREM', P .. 'private', room)
erase(room)
redis.call('DEL', rkey(room, 'meta'))
-- What nodes told each other about it (presence, documents): only the notice that it is
-- gone remains, until the bus is trimmed.
local bus = P .. 'bus'
for _, entry in ipairs(redis.call('XRANGE', bus, '-', '+')) do
  if entry[2][2] == room then redis.call('XDEL', bus, entry[1]) end
end
tell(room, BUS.GONE, '1')
return 1
