//! Which compiler builds the WebAssembly bundle, detected rather than assumed (see
//! `../shared/WASM.md`, measured on these machines):
//!
//! - **rustup**: the ordinary `wasm32-unknown-unknown` target, where it is installed or
//!   `rustup target add` works within a short timeout. What users on ordinary machines get.
//! - **debian**: from the package registries alone — Debian's `rustc-web` 1.96 with its
//!   matching std source, building std for wasm32 (`-Z build-std`). CI forces this path with
//!   `IBASHO_WASM_TOOLCHAIN=debian` so that it stays proven.

use std::process::Command;
use std::time::Duration;

use anyhow::{Result, bail};

use crate::install;

/// The Debian packages of the registry-only path; their versions must match each other.
const DEBIAN_PACKAGES: &[&str] = &[
    "rustc-web",
    "cargo-web",
    "rust-web-src",
    "rust-web-llvm",
    "lld-22",
];
const DEBIAN_RUSTC: &str = "/usr/bin/rustc";
const DEBIAN_CARGO: &str = "/usr/bin/cargo";
const DEBIAN_STD_SOURCE: &str = "/usr/lib/rustlib/src/rust/library";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toolchain {
    Rustup,
    Debian,
}

impl Toolchain {
    pub fn name(self) -> &'static str {
        match self {
            Toolchain::Rustup => "rustup's wasm32-unknown-unknown target",
            Toolchain::Debian => "Debian's rustc-web with build-std (registries only)",
        }
    }

    /// Its own target directory: the two compilers must not share one.
    pub fn target_dir(self) -> &'static str {
        match self {
            Toolchain::Rustup => "target/wasm",
            Toolchain::Debian => "target/wasm-debian",
        }
    }

    /// The `cargo build` command for the wasm crate.
    pub fn cargo_build(self) -> Command {
        match self {
            Toolchain::Rustup => {
                let mut command = crate::cargo();
                command.env_remove("RUSTC_BOOTSTRAP");
                command
            }
            Toolchain::Debian => {
                let mut command = Command::new(DEBIAN_CARGO);
                command
                    .current_dir(crate::root())
                    .env("RUSTC", DEBIAN_RUSTC)
                    .env("RUSTDOC", "/usr/bin/rustdoc")
                    .env("RUSTC_BOOTSTRAP", "1")
                    .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
                    // std is built here anyway, so the bundle can lose what only a developer
                    // reads: panic messages and their locations, and `{:?}` output (the app
                    // never shows either to a person). About 9% of the gzipped bundle.
                    .env(
                        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                        "-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none \
                         -Zlocation-detail=none",
                    )
                    // rustup's variables from the `cargo xtask` call must not steer Debian's
                    // cargo back to rustup's compiler.
                    .env_remove("RUSTUP_TOOLCHAIN")
                    .env_remove("RUSTUP_HOME")
                    .env_remove("CARGO");
                command
            }
        }
    }
}

/// Picks the toolchain (and installs the Debian one when it is the way).
pub fn detect() -> Result<Toolchain> {
    match std::env::var("IBASHO_WASM_TOOLCHAIN").as_deref() {
        Ok("rustup") => {
            if !rustup_target_ready() {
                bail!(
                    "IBASHO_WASM_TOOLCHAIN=rustup, but the wasm32-unknown-unknown target is not installed and could not be added"
                );
            }
            Ok(Toolchain::Rustup)
        }
        Ok("debian") => {
            ensure_debian()?;
            Ok(Toolchain::Debian)
        }
        Ok("auto") | Err(_) => {
            if rustup_target_ready() {
                Ok(Toolchain::Rustup)
            } else {
                eprintln!("rustup's wasm32 target is not available here; using Debian's rustc-web");
                ensure_debian()?;
                Ok(Toolchain::Debian)
            }
        }
        Ok(other) => bail!("IBASHO_WASM_TOOLCHAIN={other}: expected auto, rustup or debian"),
    }
}

/// Whether rustup's wasm32 target is installed (no download attempted).
pub fn rustup_target_installed() -> bool {
    Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("wasm32-unknown-unknown"))
}

/// Remembers for a day that `rustup target add` failed here, so that each run does not
/// wait for it again.
fn failure_marker() -> std::path::PathBuf {
    crate::target_dir().join(".xtask-rustup-wasm-unavailable")
}

fn rustup_target_ready() -> bool {
    if rustup_target_installed() {
        return true;
    }
    if !install::have("rustup") {
        return false;
    }
    let failed_recently = std::fs::metadata(failure_marker())
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age < Duration::from_secs(24 * 3600));
    if failed_recently {
        return false;
    }
    let ready = try_rustup_target_add();
    if !ready {
        let _ = std::fs::create_dir_all(crate::target_dir());
        let _ = std::fs::write(failure_marker(), "rustup target add failed\n");
    }
    ready
}

fn try_rustup_target_add() -> bool {
    // rustup's download server is not promised here: try briefly, then move on.
    crate::step("trying `rustup target add wasm32-unknown-unknown` (60 s at most)");
    let Ok(mut child) = Command::new("rustup")
        .args(["target", "add", "wasm32-unknown-unknown"])
        .spawn()
    else {
        return false;
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(250));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

fn ensure_debian() -> Result<()> {
    let version = Command::new(DEBIAN_RUSTC)
        .arg("--version")
        .output()
        .ok()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned());
    let cargo_version = Command::new(DEBIAN_CARGO)
        .arg("--version")
        .output()
        .ok()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned());
    let ready = version.as_deref().is_some_and(|v| v.contains("1.96"))
        && cargo_version.as_deref().is_some_and(|v| v.contains("1.96"))
        && std::path::Path::new(DEBIAN_STD_SOURCE).exists()
        && std::path::Path::new("/usr/bin/rust-lld").exists()
        && Command::new("/usr/bin/rust-lld")
            .arg("-flavor")
            .arg("wasm")
            .arg("--version")
            .output()
            .is_ok_and(|out| out.status.success());
    if !ready {
        install::apt_install(DEBIAN_PACKAGES)?;
    }
    Ok(())
}
