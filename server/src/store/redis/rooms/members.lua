-- ARGV: P, room. The members whose session lives: handle, staff role ('' for none), ...
local out = {}
for _, sid in ipairs(redis.call('HKEYS', rkey(ARGV[2], 'm'))) do
  local f = redis.call('HMGET', skey(sid), 'h', 's')
  if f[1] then
    table.insert(out, f[1])
    table.insert(out, f[2] or '')
  end
end
return out
