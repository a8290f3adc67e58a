-- ARGV: P, room. The live sessions with sanctions in the room: {handle, sanctions json, ...}.
local room = ARGV[2]
local out = {}
for _, sid in ipairs(redis.call('SMEMBERS', rkey(room, 'sanctioned'))) do
  local json = redis.call('HGET', skey(sid) .. ':sanctions', room)
  local handle = redis.call('HGET', skey(sid), 'h')
  if json and handle then
    table.insert(out, handle)
    table.insert(out, json)
  end
end
return out
