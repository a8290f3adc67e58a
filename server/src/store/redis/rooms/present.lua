-- ARGV: P, room. People in the room, not counting sessions that expired.
return prune(ARGV[2])
