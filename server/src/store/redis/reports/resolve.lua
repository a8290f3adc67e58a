-- ARGV: P, id, outcome. The first resolution stands. Returns {json, reporter sid or '',
-- 1 if this call resolved it else 0}, or false for no such report.
local key = P .. 'report:' .. ARGV[2]
local f = redis.call('HMGET', key, 'j', 'r', 'o')
if not f[1] then return false end
local first = 0
if f[3] == '' then
  -- Answered: its words and note are no longer needed by anyone.
  local kept = cjson.decode(f[1])
  kept.text = ''
  kept.note = nil
  redis.call('HSET', key, 'o', ARGV[3], 'j', cjson.encode(kept))
  first = 1
end
return {f[1], f[2] or '', first}
