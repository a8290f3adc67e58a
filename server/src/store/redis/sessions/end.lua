-- ARGV: P, sid, attachment, only if detached (1|0). Returns false, or the rooms it left.
local sid = ARGV[2]
local sk = skey(sid)
local f = redis.call('HMGET', sk, 'a', 'd', 'k')
if f[1] ~= ARGV[3] then return false end
if ARGV[4] == '1' and f[2] ~= '1' then return false end
local rooms = redis.call('SMEMBERS', sk .. ':rooms')
for _, room in ipairs(rooms) do redis.call('HDEL', rkey(room, 'm'), sid) end
forget_reactions(sid, nil)
for _, cid in ipairs(redis.call('LRANGE', sk .. ':cids', 0, -1)) do
  local spoke_in = string.match(cid, '^(.-)\n')
  if spoke_in then redis.call('SREM', rkey(spoke_in, 'speakers'), sid) end
end
redis.call('SREM', P .. 'h:' .. f[3], sid)
for _, room in ipairs(redis.call('HKEYS', sk .. ':sanctions')) do
  if not string.find(room, '\n') then redis.call('SREM', rkey(room, 'sanctioned'), sid) end
end
-- Reports it filed stay for staff, without a link to it.
for _, id in ipairs(redis.call('SMEMBERS', sk .. ':reports')) do
  if redis.call('EXISTS', P .. 'report:' .. id) == 1 then
    redis.call('HSET', P .. 'report:' .. id, 'r', '')
  end
end
redis.call('DEL', sk, sk .. ':rooms', sk .. ':recent', sk .. ':cids', sk .. ':reacted',
  sk .. ':sanctions', sk .. ':reports')
return rooms
