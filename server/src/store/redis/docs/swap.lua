-- ARGV: P, room, kind, expected json ('' for none), new json ('' to remove). Replaces the
-- room's document of that kind only if it is still the expected one, and tells every node;
-- 1 if replaced.
local room, kind = ARGV[2], ARGV[3]
local key = rkey(room, 'doc:' .. kind)
local current = redis.call('GET', key) or ''
if current ~= ARGV[4] then return 0 end
if ARGV[5] == '' then
  redis.call('DEL', key)
  redis.call('SREM', rkey(room, 'docs'), kind)
else
  redis.call('SET', key, ARGV[5])
  redis.call('SADD', rkey(room, 'docs'), kind)
end
tell(room, BUS.DOC, kind)
return 1
