//! The server under load.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::Path;

use anyhow::{Context, Result};

use crate::process::ServerProcess;
use crate::redis::RedisServer;

/// A server to put load on: nodes this tool started (sharing a throwaway Redis when there
/// are several), or one already running.
pub struct Target {
    /// One address per node; client `i` uses node `i % nodes`.
    pub addrs: Vec<SocketAddr>,
    pids: Vec<u32>,
    processes: Vec<ServerProcess>,
    redis: Option<RedisServer>,
    _catalogue: Option<tempfile::TempDir>,
}

/// Which store the nodes this tool starts use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    Memory,
    Redis,
}

impl Target {
    /// Starts `nodes` instances of `binary` with `rooms` rooms of `capacity` (ids `load-0`,
    /// `load-1`, …; the word lists on or off, as `filters` says), room for `connections` WebSocket connections, and the default (info)
    /// logging, which logs nothing per connection. With the Redis store, a throwaway
    /// `redis-server` is started for them.
    pub async fn spawn(
        binary: &Path,
        rooms: usize,
        capacity: u32,
        connections: usize,
        nodes: usize,
        store: StoreKind,
        filters: bool,
    ) -> Result<Target> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("load-catalogue.toml");
        let mut text = String::new();
        for i in 0..rooms {
            writeln!(
                text,
                "[[room]]\nid = \"load-{i}\"\ntitle = \"load {i}\"\ndescription = \"load test\"\nkind = \"themed\"\ncapacity = {capacity}\nopen = \"always\"\nfilters = {filters}\n"
            )?;
        }
        std::fs::write(&file, text)?;
        let max = (connections + 64).to_string();
        let catalogue = file.to_str().context("temp path is not UTF-8")?;
        let redis = match store {
            StoreKind::Memory => None,
            StoreKind::Redis => Some(RedisServer::start()?),
        };
        let url = redis.as_ref().map(RedisServer::url).unwrap_or_default();
        let kind = if redis.is_some() { "redis" } else { "memory" };
        let mut processes = Vec::new();
        for _ in 0..nodes.max(1) {
            processes.push(
                ServerProcess::start(
                    binary,
                    &[
                        "--catalogue",
                        catalogue,
                        "--max-connections",
                        &max,
                        "--store",
                        kind,
                    ],
                    &[("RUST_LOG", "info"), ("IBASHO_REDIS_URL", url.as_str())],
                )
                .await?,
            );
        }
        Ok(Target {
            addrs: processes.iter().map(ServerProcess::addr).collect(),
            pids: processes.iter().filter_map(ServerProcess::pid).collect(),
            processes,
            redis,
            _catalogue: Some(dir),
        })
    }

    /// The node client `i` talks to.
    pub fn addr_for(&self, i: usize) -> SocketAddr {
        self.addrs[i % self.addrs.len()]
    }

    /// A server that is already running (its rooms must be named `load-N`); give its `pid` to
    /// measure its memory and CPU.
    pub fn external(addr: SocketAddr, pid: Option<u32>) -> Target {
        Target {
            addrs: vec![addr],
            pids: pid.into_iter().collect(),
            processes: Vec::new(),
            redis: None,
            _catalogue: None,
        }
    }

    /// Pins every thread of the server processes to `cpus` (a `taskset` list, e.g. `0`).
    pub fn pin(&self, cpus: &str) -> Result<()> {
        for pid in &self.pids {
            let status = std::process::Command::new("taskset")
                .args(["-a", "-c", "-p", cpus, &pid.to_string()])
                .stdout(std::process::Stdio::null())
                .status()
                .context("cannot run taskset (util-linux)")?;
            anyhow::ensure!(
                status.success(),
                "taskset could not pin the server to {cpus}"
            );
        }
        Ok(())
    }

    /// Resident memory of the server processes together, in KiB.
    pub fn rss_kib(&self) -> Option<u64> {
        if self.pids.is_empty() {
            return None;
        }
        self.pids.iter().map(|pid| rss_kib(*pid)).sum()
    }

    /// CPU time (user + system) the server processes have used, in clock ticks (1/100 s).
    pub fn cpu_ticks(&self) -> Option<u64> {
        if self.pids.is_empty() {
            return None;
        }
        self.pids.iter().map(|pid| cpu_ticks(*pid)).sum()
    }

    /// CPU time of the Redis this tool started, if any.
    pub fn redis_cpu_ticks(&self) -> Option<u64> {
        let pid = std::fs::read_to_string(self.redis.as_ref()?.dir().join("redis.pid")).ok()?;
        cpu_ticks(pid.trim().parse().ok()?)
    }

    /// Stops node `node` without waiting: SIGTERM (a graceful stop), or SIGKILL (a crash).
    pub fn signal(&self, node: usize, kill: bool) -> Result<()> {
        let pid = *self.pids.get(node).context("no such node")?;
        let pid = nix::unistd::Pid::from_raw(i32::try_from(pid)?);
        let signal = if kill {
            nix::sys::signal::Signal::SIGKILL
        } else {
            nix::sys::signal::Signal::SIGTERM
        };
        nix::sys::signal::kill(pid, signal).context("cannot signal the node")?;
        Ok(())
    }

    /// Stops the servers this tool started, but node `gone` (already stopped by a signal).
    pub async fn stop_others(mut self, gone: usize) -> Result<()> {
        for (node, process) in self.processes.iter_mut().enumerate() {
            if node != gone {
                process.terminate().await?;
            }
        }
        Ok(())
    }

    /// Stops the servers this tool started.
    pub async fn stop(mut self) -> Result<()> {
        for process in &mut self.processes {
            process.terminate().await?;
        }
        Ok(())
    }
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some(user + system)
}
