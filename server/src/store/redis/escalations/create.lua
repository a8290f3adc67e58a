-- ARGV: P, id, record json, ttl ms, bus key. Keeps a new request and tells every node (by
-- the id's bus key: the bus never names a request).
local id = ARGV[2]
redis.call('SET', P .. 'esc:' .. id, ARGV[3], 'PX', ARGV[4])
redis.call('SADD', P .. 'esc:all', id)
tell('', BUS.ESCALATION, ARGV[5] .. '\n')
return 1
