-- ARGV: P, room. The members of the room with sanctions there: {handle, sanctions json, ...}.
local room = ARGV[2]
local out = {}
for _, sid in ipairs(redis.call('SMEMBERS', rkey(room, 'sanctioned'))) do
  if redis.call('HEXISTS', rkey(room, 'm'), sid) == 1 then
    local json = redis.call('HGET', skey(sid) .. ':sanctions', room)
    local handle = redis.call('HGET', skey(sid), 'h')
    if json and handle then
      table.insert(out, handle)
      table.insert(out, json)
    end
  end
end
return out
