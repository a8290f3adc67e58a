//! A throwaway `redis-server` for one test run: its own port and folder, gone when dropped
//! and — through a small watchdog — when the test process ends, however it ends.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use tempfile::TempDir;

/// Kills redis-server when the owning process ends or the watchdog is told to stop.
const WATCHDOG: &str = r#"
redis-server "$@" & r=$!
trap 'kill -9 $r 2>/dev/null; exit 0' TERM INT
while kill -0 "$OWNER" 2>/dev/null && kill -0 $r 2>/dev/null; do sleep 0.2; done
kill -9 $r 2>/dev/null
"#;

pub struct RedisServer {
    watchdog: Option<Child>,
    dir: TempDir,
    port: u16,
    durable: bool,
}

impl RedisServer {
    /// A Redis that keeps nothing on disk.
    pub fn start() -> Result<RedisServer> {
        Self::launch(false)
    }

    /// A Redis with an append-only file written on every command, so that a `kill -9` and
    /// a restart lose nothing it acknowledged.
    pub fn start_durable() -> Result<RedisServer> {
        Self::launch(true)
    }

    fn launch(durable: bool) -> Result<RedisServer> {
        let dir = tempfile::tempdir().context("no temporary folder for Redis")?;
        let port = free_port()?;
        let mut server = RedisServer {
            watchdog: None,
            dir,
            port,
            durable,
        };
        server.spawn()?;
        Ok(server)
    }

    fn spawn(&mut self) -> Result<()> {
        let port = self.port.to_string();
        let dir = self.dir.path().to_string_lossy().into_owned();
        let pidfile = self.pidfile().to_string_lossy().into_owned();
        let mut args = vec![
            "--port",
            &port,
            "--bind",
            "127.0.0.1",
            "--dir",
            &dir,
            "--pidfile",
            &pidfile,
            "--save",
            "",
            "--logfile",
            "redis.log",
        ];
        if self.durable {
            args.extend(["--appendonly", "yes", "--appendfsync", "always"]);
        } else {
            args.extend(["--appendonly", "no"]);
        }
        let _ = std::fs::remove_file(self.pidfile());
        let child = Command::new("sh")
            .arg("-c")
            .arg(WATCHDOG)
            .arg("redis-watchdog")
            .args(&args)
            .env("OWNER", std::process::id().to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context(
                "cannot start redis-server (is it installed? `cargo xtask test` installs it)",
            )?;
        self.watchdog = Some(child);
        self.wait_ready()
    }

    fn pidfile(&self) -> PathBuf {
        self.dir.path().join("redis.pid")
    }

    fn wait_ready(&self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if ping(self.addr()).is_ok() && self.pidfile().exists() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        bail!(
            "redis-server did not start on port {}: {}",
            self.port,
            std::fs::read_to_string(self.dir.path().join("redis.log")).unwrap_or_default()
        )
    }

    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Kills redis-server at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) -> Result<()> {
        let pid: i32 = std::fs::read_to_string(self.pidfile())
            .context("no Redis pid file")?
            .trim()
            .parse()
            .context("bad Redis pid file")?;
        nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(pid),
            nix::sys::signal::Signal::SIGKILL,
        )
        .context("cannot kill redis-server")?;
        if let Some(mut watchdog) = self.watchdog.take() {
            let _ = watchdog.wait();
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while ping(self.addr()).is_ok() {
            if Instant::now() > deadline {
                bail!("redis-server still answers after SIGKILL");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(())
    }

    /// Starts redis-server again on the same port and folder (with what it persisted).
    pub fn restart(&mut self) -> Result<()> {
        self.spawn()
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        if let Some(mut watchdog) = self.watchdog.take() {
            if let Ok(pid) = i32::try_from(watchdog.id()) {
                let _ = nix::sys::signal::kill(
                    nix::unistd::Pid::from_raw(pid),
                    nix::sys::signal::Signal::SIGTERM,
                );
            }
            let _ = watchdog.wait();
        }
    }
}

/// A port nobody listens on now.
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("no free port")?;
    Ok(listener.local_addr()?.port())
}

fn ping(addr: SocketAddr) -> Result<()> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_millis(200))?;
    stream.set_read_timeout(Some(Duration::from_millis(500)))?;
    stream.write_all(b"PING\r\n")?;
    let mut reply = [0u8; 7];
    stream.read_exact(&mut reply)?;
    if &reply == b"+PONG\r\n" {
        Ok(())
    } else {
        bail!("unexpected reply to PING")
    }
}
