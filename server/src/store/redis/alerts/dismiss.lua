-- ARGV: P, id. Dismisses an alert: returns its room, or false if there is none.
local key = P .. 'alert:' .. ARGV[2]
local json = redis.call('GET', key)
if not json then return false end
local room = cjson.decode(json).room
redis.call('DEL', key)
redis.call('ZREM', rkey(room, 'alerts'), ARGV[2])
return room
