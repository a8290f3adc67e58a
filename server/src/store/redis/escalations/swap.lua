-- ARGV: P, id, expected json, new json ('' to erase), over state ('' if not over), ttl ms,
-- bus key. Replaces the request's record only if it is still the expected one, and tells
-- every node (by the id's bus key); 1 if replaced.
local id = ARGV[2]
local key = P .. 'esc:' .. id
local current = redis.call('GET', key)
if current ~= ARGV[3] then return 0 end
if ARGV[4] == '' then
  redis.call('DEL', key)
  redis.call('SREM', P .. 'esc:all', id)
else
  redis.call('SET', key, ARGV[4], 'PX', ARGV[6])
end
tell('', BUS.ESCALATION, ARGV[7] .. '\n' .. ARGV[5])
return 1
