-- ARGV: P, id, record json, expiry (ms since the epoch, '' for none). Keeps the record.
redis.call('SET', P .. 'p:' .. ARGV[2], ARGV[3])
if ARGV[4] ~= '' then redis.call('ZADD', P .. 'private', ARGV[4], ARGV[2]) end
return 1
