-- ARGV: P, id. Ends a private room: everything said in it erased (see `erase`), its stream's
-- meta and its record gone, every node told. 1 for the call that did it, 0 after.
local room = ARGV[2]
if redis.call('DEL', P .. 'p:' .. room) == 0 then return 0 end
redis.call('ZREM', P .. 'private', room)
erase(room)
redis.call('DEL', rkey(room, 'meta'))
tell(room, 'g', '1')
return 1
