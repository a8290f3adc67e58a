//! WebSocket close codes the server sends, so that a client can tell "reconnect and resume"
//! from "you were told to stop".
//!
//! From the client: a close frame means the person left, and ends the session at once —
//! except 1001 ([`GOING_AWAY`]), which browsers send by themselves when a page is reloaded or
//! left; that session stays resumable for the grace period, like a dropped connection.

/// The server is shutting down or restarting: reconnect with backoff and resume.
pub const GOING_AWAY: u16 = 1001;
/// The client broke the WebSocket protocol itself (RFC 6455 §7.4.1): an unmasked frame,
/// reserved bits set, an unknown opcode, a fragmented or over-125-byte control frame, a
/// continuation with nothing to continue, a close frame with an invalid code.
pub const PROTOCOL_ERROR: u16 = 1002;
/// A text frame that was not valid UTF-8 (RFC 6455 §8.1).
pub const INVALID_PAYLOAD: u16 = 1007;
/// The client broke a rule of the connection: no `hello` in time, or it stopped reading and
/// its outbound queue filled up, or it flooded the server with pings. Reconnecting and resuming is allowed.
pub const POLICY: u16 = 1008;
/// A frame was larger than the server accepts.
pub const TOO_BIG: u16 = 1009;
/// The peer stopped answering heartbeats.
pub const IDLE: u16 = 4000;
/// The same session was resumed on another connection; this one is no longer used.
pub const REPLACED: u16 = 4001;
/// The server lost the thread of a room's history (its storage restarted without it):
/// reconnect and resume; the `joined` frames that follow start the rooms afresh.
pub const RESYNC: u16 = 4002;
/// The staff account this session signed in with was removed or changed (the operator
/// reloaded the staff file): sign in again; resuming is not possible.
pub const SIGNED_OUT: u16 = 4003;
