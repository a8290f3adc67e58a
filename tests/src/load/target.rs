//! The server under load.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::Path;

use anyhow::{Context, Result};

use crate::process::ServerProcess;

/// A server to put load on: one this tool started, or one already running.
pub struct Target {
    pub addr: SocketAddr,
    pid: Option<u32>,
    process: Option<ServerProcess>,
    _catalogue: Option<tempfile::TempDir>,
}

impl Target {
    /// Starts `binary` with `rooms` rooms of `capacity` (ids `load-0`, `load-1`, …), room for
    /// `connections` WebSocket connections, and the default (info) logging, which logs nothing per connection.
    pub async fn spawn(
        binary: &Path,
        rooms: usize,
        capacity: u32,
        connections: usize,
    ) -> Result<Target> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("load-catalogue.toml");
        let mut text = String::new();
        for i in 0..rooms {
            writeln!(
                text,
                "[[room]]\nid = \"load-{i}\"\ntitle = \"load {i}\"\ndescription = \"load test\"\nkind = \"themed\"\ncapacity = {capacity}\nopen = \"always\"\n"
            )?;
        }
        std::fs::write(&file, text)?;
        let max = (connections + 64).to_string();
        let catalogue = file.to_str().context("temp path is not UTF-8")?;
        let process = ServerProcess::start(
            binary,
            &["--catalogue", catalogue, "--max-connections", &max],
            &[("RUST_LOG", "info")],
        )
        .await?;
        Ok(Target {
            addr: process.addr(),
            pid: process.pid(),
            process: Some(process),
            _catalogue: Some(dir),
        })
    }

    /// A server that is already running (its rooms must be named `load-N`); give its `pid` to
    /// measure its memory and CPU.
    pub fn external(addr: SocketAddr, pid: Option<u32>) -> Target {
        Target {
            addr,
            pid,
            process: None,
            _catalogue: None,
        }
    }

    /// Resident memory of the server process, in KiB.
    pub fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid?)).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// CPU time (user + system) the server has used, in clock ticks (1/100 s on Linux).
    pub fn cpu_ticks(&self) -> Option<u64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid?)).ok()?;
        // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
        let rest = stat.rsplit_once(')')?.1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let user: u64 = fields.get(11)?.parse().ok()?;
        let system: u64 = fields.get(12)?.parse().ok()?;
        Some(user + system)
    }

    /// Stops a server this tool started.
    pub async fn stop(mut self) -> Result<()> {
        if let Some(process) = self.process.as_mut() {
            process.terminate().await?;
        }
        Ok(())
    }
}
