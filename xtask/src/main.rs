//! `cargo xtask`: the commands a newcomer needs, doing the installing themselves.
//!
//! - `cargo xtask run [SERVE ARGS…]` — builds the web bundle, then the release server with the
//!   bundle embedded, and runs `ibasho serve` (on http://127.0.0.1:8080 by default).
//! - `cargo xtask test` — every test: the workspace's (the multi-node ones with a throwaway
//!   `redis-server`), the server's suite again on the Redis store, then the browser tests in
//!   headless Chromium against the real server.
//! - `cargo xtask web` — only the web bundle, into `target/web-dist`.
//! - `cargo xtask fuzz [--seconds N] [TARGET…]` — the fuzz targets under libFuzzer,
//!   coverage-guided, N seconds each, on stable or nightly (`fuzz.rs`).
//! - `cargo xtask conformance` — the Autobahn|Testsuite against the server's WebSocket stack
//!   (`conformance.rs`); `test` runs it too, on the binary it builds for the browser tests.
//!
//! The WebAssembly toolchain is detected, never assumed (`toolchain.rs`); set
//! `IBASHO_WASM_TOOLCHAIN=debian` or `=rustup` to choose.

mod bundle;
mod conformance;
mod fuzz;
mod install;
mod toolchain;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(serve_args(&args[1..])),
        Some("test") => test(&args[1..]),
        Some("web") => bundle::build(&root()).map(|_| ()),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("conformance") => conformance::run(),
        _ => {
            eprintln!(
                "usage: cargo xtask run [serve args…] | test | web | fuzz [--seconds N] [target…] \
                 | conformance"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Cargo's target directory (`CARGO_TARGET_DIR`, else `target/` in the workspace).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// Prints a step, so that a long build says what it is doing.
pub fn step(what: &str) {
    eprintln!("\n==> {what}");
}

/// Runs a command, failing with its command line when it fails.
pub fn run_command(command: &mut Command) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot start {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed ({status})");
    }
    Ok(())
}

/// The cargo that runs this task (rustup's), for native builds.
pub fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root());
    command
}

/// The release server with the web bundle embedded.
const SERVER_WITH_WEB: [&str; 7] = [
    "--release",
    "--package",
    "ibasho-server",
    "--features",
    "embed-web",
    "--bin",
    "ibasho",
];

/// The server's arguments: what follows `run`, without the habitual `--` before them
/// (`cargo xtask run -- --bind …` means what `cargo xtask run --bind …` does).
fn serve_args(args: &[String]) -> &[String] {
    match args.split_first() {
        Some((dashes, rest)) if dashes == "--" => rest,
        _ => args,
    }
}

fn run(serve_args: &[String]) -> Result<()> {
    let root = root();
    bundle::build(&root)?;
    step("building and starting the server (release, web bundle embedded)");
    let mut command = cargo();
    command
        .arg("run")
        .args(SERVER_WITH_WEB)
        .args(["--", "serve"])
        .args(serve_args);
    run_command(&mut command)
}

/// Clippy on the browser-only code (it is not compiled natively), where rustup's wasm32
/// target is installed; Debian's rustc-web comes without clippy.
fn lint_browser_code() -> Result<()> {
    if !toolchain::rustup_target_installed() {
        eprintln!(
            "(rustup's wasm32 target is not installed: the browser code is built, not linted)"
        );
        return Ok(());
    }
    step("clippy on the browser code (wasm32)");
    run_command(cargo().args([
        "clippy",
        "--locked",
        "--target",
        "wasm32-unknown-unknown",
        "--package",
        "ibasho-web",
        "--target-dir",
        "target/wasm",
        "--",
        "-D",
        "warnings",
    ]))
}

fn test(extra: &[String]) -> Result<()> {
    let root = root();
    install::redis()?;
    step("workspace tests (cargo test --workspace; multi-node tests with their own Redis)");
    let mut command = cargo();
    command.args(["test", "--workspace"]).args(extra);
    run_command(&mut command)?;
    step("the server's test suite again, on the Redis store");
    let mut command = cargo();
    command
        .args(["test", "--workspace", "--test", "it"])
        .args(extra)
        .env("IBASHO_TEST_STORE", "redis");
    run_command(&mut command)?;

    lint_browser_code()?;
    bundle::build(&root)?;
    let chromedriver = install::chromium()?;
    let axe = install::axe(&root)?;
    step("building the server with the web bundle embedded (and the conformance echo)");
    run_command(
        cargo()
            .arg("build")
            .args(SERVER_WITH_WEB)
            .args(["--features", "conformance"]),
    )?;
    let binary = target_dir().join("release/ibasho");
    conformance::run_with(&binary)?;
    step("browser tests (headless Chromium)");
    let mut command = cargo();
    command
        // --workspace, like the run above, so nothing is rebuilt with other features.
        .args([
            "test",
            "--workspace",
            "--test",
            "browser",
            "--",
            "--ignored",
            "--test-threads=1",
        ])
        .env("IBASHO_BIN", &binary)
        .env("IBASHO_CHROMEDRIVER", &chromedriver)
        .env("IBASHO_AXE", &axe)
        .env("IBASHO_ARTIFACTS", root.join("target/e2e"));
    run_command(&mut command)?;
    eprintln!(
        "\nScreenshots of the lobby and a room, in Japanese and English: {}",
        root.join("target/e2e").display()
    );
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::serve_args;

    /// Arguments as the command line gives them.
    pub(crate) fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_habitual_dashes_before_the_servers_arguments_are_accepted() {
        let with = strings(&["--", "--bind", "127.0.0.1:18080"]);
        let without = strings(&["--bind", "127.0.0.1:18080"]);
        assert_eq!(serve_args(&with), &without[..]);
        assert_eq!(serve_args(&without), &without[..]);
        assert!(serve_args(&strings(&["--"])).is_empty());
        assert!(serve_args(&[]).is_empty());
    }
}
