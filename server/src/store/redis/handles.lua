-- ARGV: P, room. The handles of the room's members whose session lives.
local out = {}
for _, sid in ipairs(redis.call('HKEYS', rkey(ARGV[2], 'm'))) do
  local h = redis.call('HGET', skey(sid), 'h')
  if h then table.insert(out, h) end
end
return out
