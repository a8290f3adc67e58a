//! `cargo xtask conformance`: the Autobahn|Testsuite (`fuzzingclient` mode) against the
//! server's real WebSocket stack and limits — `GET /conformance/echo`, compiled only with the
//! `conformance` feature — requiring every case OK, NON-STRICT or INFORMATIONAL.
//!
//! The suite is Python 2.7 only (PyPI `autobahntestsuite`). A 2.7 is looked for in
//! `IBASHO_PYTHON2`, then `python2.7` on the PATH, then pyenv's versions; the suite is
//! installed into a virtualenv in `target/autobahn/` once. Without a Python 2.7 the run says
//! so and stops: our own table of RFC 6455 close codes (`server/tests/it/ws_frames.rs`)
//! runs in every `cargo test` either way.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{cargo, run_command, step, target_dir};

/// The suite's version (PyPI), for the same cases on every machine.
const SUITE: &str = "autobahntestsuite==25.10.1";
/// The last virtualenv that runs on Python 2.7.
const VIRTUALENV: &str = "virtualenv==20.15.1";

/// Why the cases of one 64 KiB message are left out. Run, they end as they should here: the
/// server closes cleanly with 1009 ("frame too large"), which `ws_frames.rs` requires too.
const OVER_LIMIT: &str = "a message of 64 KiB, over the server's 16 KiB limit: refused, as it \
     must be, with a clean close 1009";

/// Cases left out, and why (CONFORMANCE.md says the same).
pub const EXCLUDED: &[(&str, &str)] = &[
    ("1.1.6", OVER_LIMIT),
    ("1.1.7", OVER_LIMIT),
    ("1.1.8", OVER_LIMIT),
    ("1.2.6", OVER_LIMIT),
    ("1.2.7", OVER_LIMIT),
    ("1.2.8", OVER_LIMIT),
    ("10.1.1", OVER_LIMIT),
    (
        "9.*",
        "performance: messages of 64 KiB to 16 MiB, over the server's 16 KiB frame limit",
    ),
    (
        "12.*",
        "permessage-deflate, which the server does not offer (never negotiated)",
    ),
    (
        "13.*",
        "permessage-deflate, which the server does not offer (never negotiated)",
    ),
];

/// Behaviours that pass.
const PASSING: &[&str] = &["OK", "NON-STRICT", "INFORMATIONAL"];

/// A Python 2.7, if this machine has one.
fn python2() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("IBASHO_PYTHON2") {
        return Some(PathBuf::from(path));
    }
    let on_path = Command::new("python2.7")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if on_path {
        return Some(PathBuf::from("python2.7"));
    }
    let pyenv = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".pyenv")))?;
    let mut versions: Vec<PathBuf> = std::fs::read_dir(pyenv.join("versions"))
        .ok()?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with("2.7"))
        })
        .map(|path| path.join("bin/python"))
        .filter(|python| python.exists())
        .collect();
    versions.sort();
    versions.pop()
}

/// `wstest`, installed into `target/autobahn/venv` on first use.
fn wstest(python: &Path) -> Result<PathBuf> {
    let venv = target_dir().join("autobahn/venv");
    let wstest = venv.join("bin/wstest");
    if wstest.exists() {
        return Ok(wstest);
    }
    step("installing the Autobahn|Testsuite (Python 2.7 virtualenv, PyPI)");
    run_command(
        Command::new(python).args(["-m", "pip", "install", "--quiet", "--user", VIRTUALENV]),
    )?;
    run_command(
        Command::new(python)
            .args(["-m", "virtualenv", "--quiet"])
            .arg(&venv),
    )?;
    run_command(Command::new(venv.join("bin/pip")).args(["install", "--quiet", SUITE]))?;
    Ok(wstest)
}

/// A port nobody listens on now.
fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// The server, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(binary: &Path, port: u16) -> Result<Server> {
    let child = Command::new(binary)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("RUST_LOG", "warn")
        .spawn()
        .with_context(|| format!("cannot start {}", binary.display()))?;
    let server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            bail!("the server did not listen on port {port}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(server)
}

/// Builds the conformance server (release, no web bundle) and runs the suite.
pub fn run() -> Result<()> {
    step("building the server with the conformance echo route");
    run_command(cargo().args([
        "build",
        "--release",
        "--package",
        "ibasho-server",
        "--features",
        "conformance",
        "--bin",
        "ibasho",
    ]))?;
    run_with(&target_dir().join("release/ibasho"))
}

/// Runs the suite against `binary` (built with the `conformance` feature).
pub fn run_with(binary: &Path) -> Result<()> {
    let Some(python) = python2() else {
        eprintln!(
            "\n(no Python 2.7 here — not in IBASHO_PYTHON2, on the PATH or in pyenv — so the \
             Autobahn|Testsuite, which runs only on 2.7, is skipped; the RFC 6455 table in \
             server/tests/it/ws_frames.rs ran with the workspace tests)"
        );
        return Ok(());
    };
    let wstest = wstest(&python)?;
    let port = free_port()?;
    let _server = start(binary, port)?;
    let out = target_dir().join("autobahn");
    let reports = out.join("reports");
    let _ = std::fs::remove_dir_all(&reports);
    let config = serde_json::json!({
        "outdir": reports,
        "servers": [{"agent": "ibasho", "url": format!("ws://127.0.0.1:{port}/conformance/echo")}],
        "cases": ["*"],
        "exclude-cases": EXCLUDED.iter().map(|(case, _)| *case).collect::<Vec<_>>(),
        "exclude-agent-cases": {},
    });
    let config_path = out.join("fuzzingclient.json");
    std::fs::write(&config_path, serde_json::to_string_pretty(&config)?)?;
    step("Autobahn|Testsuite, fuzzingclient, against /conformance/echo");
    run_command(
        Command::new(&wstest)
            .args(["--mode", "fuzzingclient", "--spec"])
            .arg(&config_path)
            .current_dir(&out)
            .stdout(Stdio::null()),
    )?;
    let index: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(reports.join("index.json")).context("the suite's index.json")?,
    )?;
    let summary = summarise(&index)?;
    std::fs::write(out.join("summary.md"), &summary)?;
    eprintln!("{summary}");
    eprintln!(
        "(the full report: {})",
        reports.join("index.html").display()
    );
    Ok(())
}

/// Counts each behaviour; fails on any case that did not pass.
fn summarise(index: &serde_json::Value) -> Result<String> {
    let cases = index
        .get("ibasho")
        .and_then(serde_json::Value::as_object)
        .context("no results for the agent \"ibasho\"")?;
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    let mut failed = Vec::new();
    for (case, result) in cases {
        let behaviour = result["behavior"].as_str().unwrap_or("?");
        let close = result["behaviorClose"].as_str().unwrap_or("?");
        *counts.entry(behaviour.to_owned()).or_default() += 1;
        if !PASSING.contains(&behaviour) || !PASSING.contains(&close) {
            failed.push(format!("{case}: {behaviour} (close: {close})"));
        }
    }
    let mut summary = format!("{} cases:", cases.len());
    for (behaviour, n) in &counts {
        summary.push_str(&format!(" {behaviour} {n};"));
    }
    if !failed.is_empty() {
        bail!("{summary}\nnot passing:\n{}", failed.join("\n"));
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn only_ok_non_strict_and_informational_pass() {
        let fine = json!({"ibasho": {
            "1.1.1": {"behavior": "OK", "behaviorClose": "OK"},
            "6.4.1": {"behavior": "NON-STRICT", "behaviorClose": "OK"},
            "7.1.6": {"behavior": "INFORMATIONAL", "behaviorClose": "INFORMATIONAL"},
        }});
        let summary = super::summarise(&fine).unwrap();
        assert!(summary.starts_with("3 cases:"), "{summary}");
        let failing = json!({"ibasho": {
            "1.1.1": {"behavior": "OK", "behaviorClose": "FAILED"},
        }});
        assert!(super::summarise(&failing).is_err());
        assert!(super::summarise(&json!({})).is_err());
    }
}
