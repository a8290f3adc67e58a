-- ARGV: P, ttl ms, sid... Extends the sessions still attached.
for i = 3, #ARGV do
  if redis.call('HGET', skey(ARGV[i]), 'd') == '0' then expire_session(ARGV[i], ARGV[2]) end
end
return 0
