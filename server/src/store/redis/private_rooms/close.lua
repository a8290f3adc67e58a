-- ARGV: P, id. Ends a private room: everything said in it erased (see `erase`), its stream's
-- meta and its record gone, every node told. 1 for the call that did it, 0 after.
local room = ARGV[2]
if redis.call('DEL', P .. 'p:' .. room) == 0 then return 0 end
redis.call('ZREM', P .. 'private', room)
erase(room)
redis.call('DEL', rkey(room, 'meta'))
-- What nodes told each other about it (presence, documents): only the notice that it is
-- gone remains, until the bus is trimmed.
delete_entries(P .. 'bus', function(f) return f[2] == room end)
tell(room, BUS.GONE, '1')
return 1
