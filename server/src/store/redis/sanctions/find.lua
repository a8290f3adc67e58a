-- ARGV: P, room, handle. The live member of the room with that handle: {sid, staff role or
-- ''}, or false.
for _, sid in ipairs(redis.call('HKEYS', rkey(ARGV[2], 'm'))) do
  local f = redis.call('HMGET', skey(sid), 'h', 's')
  if f[1] == ARGV[3] then return {sid, f[2] or ''} end
end
return false
