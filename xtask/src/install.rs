//! Installing what a build or test needs, from the registries these machines reach: Debian
//! packages with apt, and crates with `cargo install`.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{run_command, step};

/// Whether a command exists on PATH (or as a path).
pub fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program} >/dev/null 2>&1")])
        .status()
        .is_ok_and(|s| s.success())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// `apt-get install -y PACKAGES`, as root or through sudo; updates the package lists once
/// if the first attempt fails (a fresh machine may have none).
pub fn apt_install(packages: &[&str]) -> Result<()> {
    step(&format!(
        "installing Debian packages: {}",
        packages.join(" ")
    ));
    let apt = |args: &[&str]| -> Result<()> {
        let mut command = if is_root() {
            Command::new("apt-get")
        } else if have("sudo") {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        } else {
            bail!(
                "need root or sudo to run: apt-get {}\nInstall them yourself, then run again.",
                args.join(" ")
            );
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run_command(&mut command)
    };
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend_from_slice(packages);
    if apt(&install).is_err() {
        apt(&["update"])?;
        apt(&install)?;
    }
    Ok(())
}

/// `redis-server`, for the tests of the shared store (each run starts its own, throwaway).
pub fn redis() -> Result<()> {
    if !have("redis-server") {
        apt_install(&["redis-server"])?;
    }
    Ok(())
}

/// Chromium and its driver for browser tests, and Japanese and emoji fonts so that the
/// screenshots show the text; returns the chromedriver path.
pub fn chromium() -> Result<PathBuf> {
    let japanese_font = Command::new("fc-list")
        .arg(":lang=ja")
        .output()
        .is_ok_and(|out| !out.stdout.is_empty());
    if !(have("chromium") && have("chromedriver") && japanese_font) {
        apt_install(&[
            "chromium",
            "chromium-driver",
            "fonts-ipafont-gothic",
            "fonts-noto-color-emoji",
        ])?;
    }
    let out = Command::new("sh")
        .args(["-c", "command -v chromedriver"])
        .output()
        .context("cannot look for chromedriver")?;
    let path = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if path.is_empty() {
        bail!(
            "chromedriver is not on PATH after installing chromium-driver; install a ChromeDriver matching your Chromium"
        );
    }
    Ok(PathBuf::from(path))
}

/// axe-core (from the npm registry, into `target/axe`), which the browser tests inject into
/// each page to check accessibility; returns the path of `axe.min.js`. Node and npm come
/// from Debian when missing.
pub fn axe(root: &std::path::Path) -> Result<PathBuf> {
    let dir = root.join("target/axe");
    let script = dir.join("node_modules/axe-core/axe.min.js");
    if script.exists() {
        return Ok(script);
    }
    if !have("npm") {
        apt_install(&["nodejs", "npm"])?;
    }
    step("installing axe-core for the accessibility checks (npm)");
    std::fs::create_dir_all(&dir).context("cannot make target/axe")?;
    run_command(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg("axe-core@4"),
    )?;
    if !script.exists() {
        bail!(
            "npm installed axe-core but {} is not there",
            script.display()
        );
    }
    Ok(script)
}

/// Where `cargo install` puts binaries, which need not be on PATH.
fn cargo_bin_dir() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// The `wasm-bindgen` to run: from PATH, else from cargo's bin folder.
fn wasm_bindgen_binary() -> PathBuf {
    if have("wasm-bindgen") {
        PathBuf::from("wasm-bindgen")
    } else {
        cargo_bin_dir().join("wasm-bindgen")
    }
}

/// `wasm-bindgen` at exactly `version` (it must match the crate in Cargo.lock); returns the
/// program to run.
pub fn wasm_bindgen(version: &str) -> Result<PathBuf> {
    let installed = Command::new(wasm_bindgen_binary())
        .arg("--version")
        .output()
        .ok()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned());
    if installed.as_deref() == Some(&format!("wasm-bindgen {version}")) {
        return Ok(wasm_bindgen_binary());
    }
    step(&format!(
        "installing wasm-bindgen-cli {version} (once per machine, a few minutes)"
    ));
    // Without --locked: a locked dependency of the CLI is missing from the registry copy
    // these machines reach; the CLI's own version is what must match.
    run_command(crate::cargo().args(["install", "wasm-bindgen-cli", "--version", version]))?;
    Ok(cargo_bin_dir().join("wasm-bindgen"))
}
