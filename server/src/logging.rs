//! Logging with `RUST_LOG`-style filtering, and a privacy ceiling on other crates.
//!
//! Ibasho's own log lines never carry message text, IP addresses or session tokens (tests
//! check this at `RUST_LOG=trace`). Other crates are not written with that promise —
//! tungstenite and hyper describe frames and connections at debug and trace — so whatever
//! `RUST_LOG` says, events from outside Ibasho are kept only at `info` and above.

use std::io::IsTerminal;

use tracing::Level;
pub use tracing_subscriber::filter::EnvFilter;
use tracing_subscriber::filter::filter_fn;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::prelude::*;

/// The filter when `RUST_LOG` is unset.
pub const DEFAULT_FILTER: &str = "info";

/// Installs the global subscriber: compact lines on standard error.
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    init_to(filter, std::io::stderr, std::io::stderr().is_terminal());
}

/// Installs the global subscriber with `filter`, writing to `writer`: the very lines (and
/// the ceiling on other crates) the binary writes, for a test that reads every one of them.
pub fn init_to<W>(filter: EnvFilter, writer: W, ansi: bool)
where
    W: for<'writer> MakeWriter<'writer> + Send + Sync + 'static,
{
    let ceiling =
        filter_fn(|meta| meta.target().starts_with("ibasho") || *meta.level() <= Level::INFO);
    let layer = tracing_subscriber::fmt::layer()
        .compact()
        .with_writer(writer)
        .with_ansi(ansi)
        .with_filter(ceiling);
    // A second init (tests) keeps the first subscriber: not an error worth stopping for.
    let _already_set = tracing_subscriber::registry()
        .with(filter)
        .with(layer)
        .try_init();
}
