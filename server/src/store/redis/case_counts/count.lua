-- ARGV: P, wait seconds, recent waits kept.
redis.call('LPUSH', P .. 'esc:waits', ARGV[2])
redis.call('LTRIM', P .. 'esc:waits', 0, tonumber(ARGV[3]) - 1)
return 1
