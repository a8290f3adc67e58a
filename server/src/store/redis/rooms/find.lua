-- ARGV: P, sid, room, client id. The message the session said with it recently, or false.
return said(ARGV[2], ARGV[3], ARGV[4])
