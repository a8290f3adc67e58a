-- ARGV: P, reporter sid, one report id ('' for all). Takes the outcomes of the session's
-- resolved reports not told yet: each is given out once. Returns {id, outcome, ...}.
local sid = ARGV[2]
local ids = redis.call('SMEMBERS', skey(sid) .. ':reports')
local out = {}
for _, id in ipairs(ids) do
  if ARGV[3] == '' or ARGV[3] == id then
    local key = P .. 'report:' .. id
    local f = redis.call('HMGET', key, 'r', 'o', 't')
    if f[1] == sid and f[2] and f[2] ~= '' and f[3] == '0' then
      redis.call('HSET', key, 't', '1')
      table.insert(out, id)
      table.insert(out, f[2])
    end
  end
end
return out
