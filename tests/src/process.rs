//! The real `ibasho` binary as a child process: started on port 0, its standard error
//! captured (to read the address it logs and to check what it never logs), stopped by signal.

use std::net::SocketAddr;
use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, anyhow, bail};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::watch;

use crate::STEP;

/// Options of `ibasho serve` that lift its rate limits of saying and of frames out of a
/// test's way: tests speak faster than people.
pub const GENEROUS_LIMITS: &[&str] = &[
    "--says-per-second",
    "1000",
    "--says-burst",
    "1000",
    "--frames-per-second",
    "1000",
    "--frames-burst",
    "1000",
];

/// A running `ibasho serve`.
pub struct ServerProcess {
    child: Child,
    addr: SocketAddr,
    log: Arc<Mutex<String>>,
    lines: watch::Receiver<usize>,
}

impl ServerProcess {
    /// Starts `binary serve <args>` with `envs` (on port 0 of 127.0.0.1 unless they say
    /// otherwise), and waits for the line that says where it listens.
    pub async fn start(binary: &Path, args: &[&str], envs: &[(&str, &str)]) -> Result<Self> {
        Self::start_in(binary, args, envs, None).await
    }

    /// Like [`ServerProcess::start`], in working directory `dir`.
    pub async fn start_in(
        binary: &Path,
        args: &[&str],
        envs: &[(&str, &str)],
        dir: Option<&Path>,
    ) -> Result<Self> {
        let mut command = Command::new(binary);
        command.arg("serve");
        // Port 0 unless the test sets the address itself.
        let binds_itself =
            args.contains(&"--bind") || envs.iter().any(|(name, _)| *name == "IBASHO_BIND");
        if !binds_itself {
            command.args(["--bind", "127.0.0.1:0"]);
        }
        command
            .args(args)
            .env_remove("RUST_LOG")
            .envs(envs.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        if let Some(dir) = dir {
            command.current_dir(dir);
        }
        let mut child = command.spawn().context("cannot start the ibasho binary")?;
        let stderr = child.stderr.take().context("no stderr")?;
        let log = Arc::new(Mutex::new(String::new()));
        let (count_tx, mut lines) = watch::channel(0usize);
        let sink = Arc::clone(&log);
        tokio::spawn(async move {
            let mut reader = BufReader::new(stderr).lines();
            let mut count = 0;
            while let Ok(Some(line)) = reader.next_line().await {
                if let Ok(mut log) = sink.lock() {
                    log.push_str(&line);
                    log.push('\n');
                }
                count += 1;
                let _ = count_tx.send(count);
            }
        });
        let addr = tokio::time::timeout(STEP, async {
            loop {
                if let Some(addr) = listening_addr(&snapshot(&log)) {
                    return Ok(addr);
                }
                if lines.changed().await.is_err() {
                    bail!("ibasho exited before listening:\n{}", snapshot(&log));
                }
            }
        })
        .await
        .map_err(|_| {
            anyhow!(
                "ibasho did not log its address in time:\n{}",
                snapshot(&log)
            )
        })??;
        Ok(ServerProcess {
            child,
            addr,
            log,
            lines,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// Everything the process has logged so far.
    pub fn log(&self) -> String {
        snapshot(&self.log)
    }

    /// Waits until the log contains `needle`.
    pub async fn wait_for_log(&mut self, needle: &str) -> Result<()> {
        tokio::time::timeout(STEP, async {
            loop {
                if self.log().contains(needle) {
                    return Ok(());
                }
                if self.lines.changed().await.is_err() {
                    bail!("log ended without {needle:?}");
                }
            }
        })
        .await
        .map_err(|_| anyhow!("no {needle:?} in the log:\n{}", self.log()))?
    }

    /// Kills the process at once (SIGKILL), as a crash or a lost machine would.
    pub async fn kill(&mut self) -> Result<()> {
        self.child.kill().await.context("cannot kill ibasho")
    }

    /// Sends SIGTERM and waits for the process to exit; returns its exit code.
    pub async fn terminate(&mut self) -> Result<Option<i32>> {
        let pid = self.pid().context("already exited")?;
        let pid = i32::try_from(pid).context("pid out of range")?;
        nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(pid),
            nix::sys::signal::Signal::SIGTERM,
        )
        .with_context(|| format!("cannot send SIGTERM to {pid}"))?;
        let exit = tokio::time::timeout(STEP, self.child.wait())
            .await
            .context("ibasho did not exit after SIGTERM")??;
        // Let the log reader collect the last lines.
        let _ =
            tokio::time::timeout(STEP, async { while self.lines.changed().await.is_ok() {} }).await;
        Ok(exit.code())
    }
}

fn snapshot(log: &Mutex<String>) -> String {
    log.lock().map(|log| log.clone()).unwrap_or_default()
}

/// The address in the "listening on http://ADDR" line.
fn listening_addr(log: &str) -> Option<SocketAddr> {
    let rest = log.split("listening on http://").nth(1)?;
    let addr: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
    addr.parse().ok()
}

/// Runs `ibasho <command>` (`hash-entry-word`, `hash-password`) with `secret` on standard
/// input, as an operator would, and returns the TOML line it prints.
pub fn hash_with(binary: &Path, command: &str, secret: &str) -> Result<String> {
    use std::io::Write as _;
    let mut child = std::process::Command::new(binary)
        .arg(command)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    child
        .stdin
        .take()
        .context("no stdin")?
        .write_all(format!("{secret}\n").as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!("ibasho {command} failed: {}", out.status);
    }
    Ok(String::from_utf8(out.stdout)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_address() {
        let log = "2026 INFO ibasho listening on http://127.0.0.1:4321 rooms=5\n";
        assert_eq!(listening_addr(log), Some("127.0.0.1:4321".parse().unwrap()));
        assert_eq!(listening_addr("nothing"), None);
    }
}
