-- Shared by every Ibasho script (prepended to each). ARGV[1] is always the key prefix.
--
-- Each collection's keys are listed in its Rust file (sessions.rs, rooms.rs, docs.rs,
-- attempts.rs, private_rooms.rs, sanctions.rs, reports.rs, alerts.rs, audit_log.rs,
-- escalations.rs, duty.rs, case_counts.rs, bindings.rs, figures.rs, voice.rs) beside its scripts in the folder of
-- the same name. Shared:
--   events             every room's events, in one stream that each node follows:
--                      room, e epoch, o offset, t m|r, j json (ids are Redis's own)
--   bus                stream of what nodes tell each other: `room R CODE VALUE`, one kind per
--                      entry of the `BUS` table (prepended to every script, made from
--                      `Bus` in bus.rs, which says what each value holds); `tell` writes one.
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
  redis.call('PEXPIRE', sk .. ':sanctions', ttl)
  redis.call('PEXPIRE', sk .. ':reports', ttl)
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


-- Tells every node something about a room: `what` is an entry of `BUS` (see bus.rs).
local function tell(room, what, value)
  if what then
    redis.call('XADD', P .. 'bus', 'MAXLEN', '~', 1000, '*', 'room', room, what, value)
  else
    redis.call('XADD', P .. 'bus', 'MAXLEN', '~', 1000, '*', 'room', room)
  end
end

-- Rewrites a stream without what XDEL only marked as deleted: XDEL leaves an entry's bytes in
-- its listpack node until every entry of that node is gone, and erased words must not
-- survive there. The ids, the last id and the counters are kept, so readers (which go on
-- from the last id they read) see no difference. Called only after something was deleted.
local function compact(key)
  if redis.call('EXISTS', key) == 0 then return end
  local info = redis.call('XINFO', 'STREAM', key)
  local last, added, maxdel
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then last = info[i + 1]
    elseif info[i] == 'entries-added' then added = info[i + 1]
    elseif info[i] == 'max-deleted-entry-id' then maxdel = info[i + 1] end
  end
  local entries = redis.call('XRANGE', key, '-', '+')
  redis.call('DEL', key)
  for _, entry in ipairs(entries) do
    redis.call('XADD', key, entry[1], unpack(entry[2]))
  end
  if #entries == 0 then
    -- An empty stream keeps its last id too: made by an entry trimmed at once.
    redis.call('XADD', key, 'MAXLEN', 0, last, 'x', '')
  end
  redis.call('XSETID', key, last, 'ENTRIESADDED', added, 'MAXDELETEDID', maxdel)
end

-- Deletes the entries of stream `key` for which `doomed(fields)` holds, then compacts it if
-- any went. How many went.
local function delete_entries(key, doomed)
  local gone = 0
  for _, entry in ipairs(redis.call('XRANGE', key, '-', '+')) do
    if doomed(entry[2]) then
      redis.call('XDEL', key, entry[1])
      gone = gone + 1
    end
  end
  if gone > 0 then compact(key) end
  return gone
end

-- Erases everything said in a room and everyone's place in it: members out, history,
-- streams (the shared `events` copy too), reactions, the retry records of what was said in
-- it, every room document, every sanction, every report and every alert. The room's meta (epoch, offset) is left to
-- the caller.
local function erase(room)
  for _, sid in ipairs(redis.call('HKEYS', rkey(room, 'm'))) do
    redis.call('SREM', skey(sid) .. ':rooms', room)
    forget_reactions(sid, room)
  end
  -- The retry records of everyone who spoke (members or not) lose this room's messages.
  local mark = room .. '\n'
  for _, sid in ipairs(redis.call('SMEMBERS', rkey(room, 'speakers'))) do
    local sk = skey(sid)
    local cids = redis.call('LRANGE', sk .. ':cids', 0, -1)
    local recent = redis.call('LRANGE', sk .. ':recent', 0, -1)
    redis.call('DEL', sk .. ':cids', sk .. ':recent')
    for i, cid in ipairs(cids) do
      if string.sub(cid, 1, #mark) ~= mark and recent[i] then
        redis.call('RPUSH', sk .. ':cids', cid)
        redis.call('RPUSH', sk .. ':recent', recent[i])
      end
    end
    expire_like_session(sid, sk .. ':cids')
    expire_like_session(sid, sk .. ':recent')
  end
  for _, id in ipairs(redis.call('LRANGE', rkey(room, 'order'), 0, -1)) do
    for _, r in ipairs(REACTIONS) do redis.call('DEL', rkey(room, 'x:' .. id .. ':' .. r)) end
  end
  for _, kind in ipairs(redis.call('SMEMBERS', rkey(room, 'docs'))) do
    redis.call('DEL', rkey(room, 'doc:' .. kind))
  end
  -- Mutes and removals end with the sitting.
  for _, sid in ipairs(redis.call('SMEMBERS', rkey(room, 'sanctioned'))) do
    redis.call('HDEL', skey(sid) .. ':sanctions', room, room .. '\nremoved')
  end
  redis.call('DEL', rkey(room, 'sanctioned'))
  -- Reports of the sitting, with the words they quote.
  for _, id in ipairs(redis.call('ZRANGE', rkey(room, 'reports'), 0, -1)) do
    redis.call('DEL', P .. 'report:' .. id)
  end
  redis.call('DEL', rkey(room, 'reports'))
  -- Alerts about what was said in it.
  for _, id in ipairs(redis.call('ZRANGE', rkey(room, 'alerts'), 0, -1)) do
    redis.call('DEL', P .. 'alert:' .. id)
  end
  redis.call('DEL', rkey(room, 'alerts'))
  redis.call('DEL', rkey(room, 'm'), rkey(room, 'msgs'), rkey(room, 'order'), rkey(room, 'log'),
    rkey(room, 'speakers'), rkey(room, 'docs'), rkey(room, 'gone'))
  -- The copy every node reads from.
  delete_entries(P .. 'events', function(f) return f[2] == room end)
  -- Frames told to its staff alone (a case's whispers between counselor and observer): the
  -- bus keeps entries for a while, these go with the room.
  delete_entries(P .. 'bus', function(f) return f[2] == room and f[3] == BUS.STAFF end)
end
