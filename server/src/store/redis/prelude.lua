-- Shared by every Ibasho script (prepended to each). ARGV[1] is always the key prefix.
--
-- Keys, under the prefix P:
--   s:<sid>            hash: h handle, k handle key, l lang, r role, s staff role,
--                      a attachment, d detached
--   s:<sid>:rooms      set of the session's rooms
--   s:<sid>:recent     list of the session's recent messages with a client id (retries)
--   s:<sid>:cids       list of "<room>\n<client id>" of those messages, in the same order
--   s:<sid>:reacted    set of "<room>\n<reactor set key>" the session is in
--   h:<handle key>     set of the sids using that handle
--   r:<room>:m         hash sid -> handle key: the members
--   r:<room>:meta      hash: epoch, offset (the last one given)
--   r:<room>:log       stream of events, ids "<offset>-0": t m|r, j json
--   r:<room>:msgs      hash message id -> message json, with its current reaction counts
--   r:<room>:order     list of message ids, oldest first (the history)
--   r:<room>:x:<id>:<reaction>   set of the sids that gave it
--   r:<room>:speakers  set of the sids whose retry records hold messages of the room
--   r:<room>:ctl       what a facilitator set for the session (json; erased with it)
--   (r:<room>:meta also has `closed`: the end of the last session closed, in ms)
--   events             every room's events too, in one stream that each node follows:
--                      room, e epoch, o offset, t m|r, j json (ids are Redis's own)
--   limit:<purpose>:<room>   attempts in the current window (entry words, staff sign-ins)
--   bus                stream of presence changes (room) and control changes (room, c 1)
-- A sid is a hash of the session token: the token itself is never stored.
-- Every key of a session has a time to live, so that a node that dies leaves nothing behind.
local P = ARGV[1]
local REACTIONS = {'nod', 'thumbs_up', 'pray', 'tea'}

local function skey(sid) return P .. 's:' .. sid end
local function rkey(room, part) return P .. 'r:' .. room .. ':' .. part end
local function alive(sid) return redis.call('EXISTS', skey(sid)) == 1 end

local function expire_like_session(sid, key)
  local ttl = redis.call('PTTL', skey(sid))
  if ttl > 0 then redis.call('PEXPIRE', key, ttl) end
end

local function expire_session(sid, ttl)
  local sk = skey(sid)
  redis.call('PEXPIRE', sk, ttl)
  redis.call('PEXPIRE', sk .. ':rooms', ttl)
  redis.call('PEXPIRE', sk .. ':recent', ttl)
  redis.call('PEXPIRE', sk .. ':cids', ttl)
  redis.call('PEXPIRE', sk .. ':reacted', ttl)
  local key = redis.call('HGET', sk, 'k')
  if key then
    local hk = P .. 'h:' .. key
    if redis.call('PTTL', hk) < tonumber(ttl) then redis.call('PEXPIRE', hk, ttl) end
  end
end

-- What the session said in the room with this client id recently, or false.
local function said(sid, room, cid)
  local at = redis.call('LPOS', skey(sid) .. ':cids', room .. '\n' .. cid)
  if not at then return false end
  return redis.call('LINDEX', skey(sid) .. ':recent', at)
end

-- Forgets which reactions the session gave (in one room, or all): the counts stay.
local function forget_reactions(sid, room)
  local rk = skey(sid) .. ':reacted'
  for _, entry in ipairs(redis.call('SMEMBERS', rk)) do
    local r, set = string.match(entry, '^(.-)\n(.*)$')
    if room == nil or r == room then
      redis.call('SREM', set, sid)
      redis.call('SREM', rk, entry)
    end
  end
end

-- Takes out members whose session expired (their node died); returns how many are left.
local function prune(room)
  local mk = rkey(room, 'm')
  for _, sid in ipairs(redis.call('HKEYS', mk)) do
    if not alive(sid) then redis.call('HDEL', mk, sid) end
  end
  return redis.call('HLEN', mk)
end

-- Appends an event to the room's stream (for recovery) and to the stream every node reads.
local function publish(room, offset, kind, json, stream_len)
  redis.call('XADD', rkey(room, 'log'), 'MAXLEN', '~', stream_len, offset .. '-0',
    't', kind, 'j', json)
  local e = redis.call('HGET', rkey(room, 'meta'), 'epoch')
  redis.call('XADD', P .. 'events', 'MAXLEN', '~', 10000, '*',
    'room', room, 'e', e, 'o', offset, 't', kind, 'j', json)
end

-- The room's epoch, starting its stream with `fresh` if it has none yet.
local function epoch(room, fresh)
  local meta = rkey(room, 'meta')
  local e = redis.call('HGET', meta, 'epoch')
  if not e then
    redis.call('HSET', meta, 'epoch', fresh, 'offset', 0)
    e = fresh
  end
  return e
end

