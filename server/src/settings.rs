//! Everything an operator can tune, with the defaults Ibasho ships with.
//!
//! Limits are explicit so that no library default (64 MiB messages, 128 KiB buffers per
//! socket) decides how much memory a stranger's connection may take.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::protection::Protection;
use crate::staff::StaffAccounts;

/// How the server runs. Built from the command line (see `cli`) or directly by tests.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where to listen. Port 0 picks a free port; the log line says which.
    pub bind: SocketAddr,
    /// The room catalogue; `None` uses the built-in example (`deploy/catalogue.example.toml`).
    pub catalogue: Option<PathBuf>,
    /// Origins allowed to open `/ws` from a browser, e.g. `https://ibasho.example.org`.
    /// Empty means: only the server's own origin (the `Origin` host equals the `Host` header).
    pub allowed_origins: Vec<String>,
    /// Serve the web front end from this folder (a `cargo xtask web` bundle) instead of the
    /// one embedded in the binary.
    pub web_dir: Option<PathBuf>,
    /// Where the quick-exit button sends a person: somewhere neutral.
    pub exit_url: String,
    /// Where shared state lives.
    pub store: StoreChoice,
    /// Staff accounts (`--staff FILE`); none by default: nobody can sign in as staff.
    pub staff: Arc<StaffAccounts>,
    /// The staff file they came from, read again on SIGHUP (see `App::reload_staff`).
    pub staff_file: Option<PathBuf>,
    /// Word lists and help lines (`--moderation`, `--help-lines`); the shipped ones by
    /// default.
    pub protection: Arc<Protection>,
    pub limits: Limits,
    /// The usage figures and the voice: the threshold, the voice's retention, the file.
    pub figures: crate::figures::FigureSettings,
}

/// Where shared state lives: this process's memory (one node), or Redis (several nodes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum StoreChoice {
    #[default]
    Memory,
    Redis {
        /// `redis://…` or `redis+unix://…`; may hold a password, so it is never logged.
        url: String,
        /// Put before every key.
        prefix: String,
    },
}

/// The default quick-exit destination: a weather search, unremarkable in any history.
pub const DEFAULT_EXIT_URL: &str = "https://www.google.com/search?q=%E5%A4%A9%E6%B0%97";

impl Default for Settings {
    fn default() -> Self {
        Settings {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            catalogue: None,
            allowed_origins: Vec::new(),
            web_dir: None,
            exit_url: DEFAULT_EXIT_URL.to_owned(),
            store: StoreChoice::Memory,
            staff: Arc::default(),
            staff_file: None,
            protection: Arc::default(),
            limits: Limits::default(),
            figures: crate::figures::FigureSettings::default(),
        }
    }
}

/// Per-connection and per-room bounds.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest WebSocket frame (and message) accepted; larger closes the connection (1009).
    pub max_frame_bytes: usize,
    /// Longest `say` text, in characters.
    pub max_text_chars: usize,
    /// Longest `client_id`, in bytes.
    pub max_client_id_bytes: usize,
    /// Messages a late joiner sees.
    pub history_len: usize,
    /// Frames waiting for one client; when full the client is too slow and is disconnected.
    pub outbound_queue: usize,
    /// Bytes waiting for one client, the same way.
    pub outbound_bytes: usize,
    /// Read buffer of a socket, and the most read from it at once; it grows for a larger
    /// frame (up to `max_frame_bytes`). Small, because most of the time most connections
    /// only listen: 1 KiB instead of 4 KiB takes an idle connection from ~12.7 to ~9.7 KiB.
    pub socket_read_buffer: usize,
    /// Bytes collected before a write to the socket (a flush always writes).
    pub socket_write_buffer: usize,
    /// Server pings this often.
    pub heartbeat_interval: Duration,
    /// A peer that sends nothing (not even a pong) this long is dropped.
    pub idle_timeout: Duration,
    /// A connection must send `hello` within this.
    pub hello_timeout: Duration,
    /// A session whose connection dropped without a close frame can be resumed this long.
    pub session_grace: Duration,
    /// Open WebSocket connections on this node; more get 503.
    pub max_connections: usize,
    /// Open TCP connections one address (an IPv6 /64) may hold; more get 429. Counted in
    /// memory only, never logged. 0: no limit.
    pub connections_per_address: usize,
    /// Whether loopback addresses are counted too (off: a reverse proxy on this machine is
    /// everyone's address).
    pub count_loopback: bool,
    /// A request's headers must be complete within this (a drip of header lines — a
    /// "slowloris" — is dropped).
    pub header_timeout: Duration,
    /// Rooms one connection may be in at once.
    pub max_rooms_per_connection: usize,
    /// Presence changes in a room are sent at most once per this interval.
    pub presence_interval: Duration,
    /// How many events (messages, reaction changes) a room's stream keeps: how far back a
    /// reconnecting client can recover exactly what it missed.
    pub stream_len: usize,
    /// Entry-word attempts per connection and per room (every node together), per minute:
    /// no brute force.
    pub entry_words_per_connection: u32,
    pub entry_words_per_room: u32,
    /// Staff sign-in attempts per connection, and per account name (every node together),
    /// per minute.
    pub staff_logins_per_connection: u32,
    pub staff_logins_per_name: u32,
    /// How often the timetable looks at the clock (closing notices, ends of sittings).
    pub schedule_tick: Duration,
    /// How often a node renews the leases of its sessions in a shared store.
    pub keep_alive_interval: Duration,
    /// Any frame from one connection: sustained rate and burst.
    pub frames_per_second: u32,
    pub frames_burst: u32,
    /// How long the audit log keeps an entry.
    pub audit_retention: Duration,
    /// How long a person a facilitator took out of a room that never closes stays out (in a
    /// scheduled room: until its sitting ends).
    pub removal: Duration,
    /// The same words (in matching form) from one session: at most this many times a
    /// minute; the next is refused with `repeated`.
    pub repeats_per_minute: u32,
    /// `say` from one session (surviving reconnects): sustained rate and burst.
    pub says_per_second: u32,
    pub says_burst: u32,
    /// Clients get their close frames within this after a shutdown signal.
    pub shutdown_timeout: Duration,
    /// How long an ended case's record (and its excerpt) stays for the counselor to finish
    /// reading: 0 by default, at most [`MAX_CASE_GRACE`].
    pub case_grace: Duration,
    /// How long a request to talk with a counselor (and a counselor's case, and duty) lives
    /// without its node renewing it: a node that dies loses its people's requests, and its
    /// counselors' cases go back to the queue, after about this long.
    pub case_lease: Duration,
}

/// The longest reading grace an ended case may have.
pub const MAX_CASE_GRACE: Duration = Duration::from_secs(24 * 3600);

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_frame_bytes: 16 * 1024,
            max_text_chars: 1000,
            max_client_id_bytes: 64,
            history_len: 100,
            outbound_queue: 256,
            outbound_bytes: 2 * 1024 * 1024,
            socket_read_buffer: 1024,
            socket_write_buffer: 4 * 1024,
            heartbeat_interval: Duration::from_secs(20),
            idle_timeout: Duration::from_secs(60),
            hello_timeout: Duration::from_secs(10),
            session_grace: Duration::from_secs(120),
            max_connections: 10_000,
            connections_per_address: 64,
            count_loopback: false,
            header_timeout: Duration::from_secs(10),
            max_rooms_per_connection: 8,
            presence_interval: Duration::from_millis(100),
            keep_alive_interval: Duration::from_secs(20),
            schedule_tick: Duration::from_millis(500),
            entry_words_per_connection: 5,
            entry_words_per_room: 30,
            staff_logins_per_connection: 5,
            staff_logins_per_name: 10,
            stream_len: crate::store::STREAM_LEN,
            frames_per_second: 10,
            frames_burst: 20,
            repeats_per_minute: 2,
            removal: Duration::from_secs(24 * 3600),
            audit_retention: Duration::from_secs(90 * 24 * 3600),
            says_per_second: 1,
            says_burst: 5,
            shutdown_timeout: Duration::from_secs(4),
            case_grace: Duration::ZERO,
            case_lease: Duration::from_secs(60),
        }
    }
}
