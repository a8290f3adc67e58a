-- ARGV: P, id, record json, ttl ms. Keeps a new request and tells every node.
local id = ARGV[2]
redis.call('SET', P .. 'esc:' .. id, ARGV[3], 'PX', ARGV[4])
redis.call('SADD', P .. 'esc:all', id)
tell('', 'e', id .. '\n')
return 1
