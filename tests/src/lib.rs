//! Ibasho's test kit: what the end-to-end tests, the server's integration tests and the load
//! tool share.
//!
//! # Layout
//! - [`browser`] — headless Chromium over WebDriver, for the browser tests.
//! - [`catalogue`] — rooms for test catalogues ([`lounge!`], [`open_room!`]).
//! - [`http`] — a bare HTTP GET that shows exactly what the server sends.
//! - [`client`] — a WebSocket client that speaks the protocol as JSON, every wait bounded.
//! - [`process`] — the real `ibasho` binary as a child process, with its log captured.
//! - [`redis`] — a throwaway `redis-server` per test run.
//! - [`load`] — the scenarios of the `ibasho-load` tool.
//!
//! Tests talk to the server only as a client would: over TCP, with JSON frames.

pub mod browser;
pub mod catalogue;
pub mod client;
pub mod http;
pub mod load;
pub mod process;
pub mod redis;

pub use client::{Client, ClientOptions, history_texts, room_state, staff_hello};
pub use process::ServerProcess;
pub use redis::RedisServer;

use std::time::Duration;

/// The longest any single step of a test waits (a frame, a start, a close).
pub const STEP: Duration = Duration::from_secs(10);

/// How long a test listens to be sure that nothing more arrives.
pub const QUIET: Duration = Duration::from_millis(300);
