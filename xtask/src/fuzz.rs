//! `cargo xtask fuzz [--seconds N] [--keep] [TARGET…]`: every fuzz target of `fuzz/` (or
//! those named) under libFuzzer, coverage-guided, for N seconds each (60 by default); with
//! `--keep`, the inputs that reached code the checked-in corpus does not are merged into it
//! (libFuzzer's `-set_cover_merge=1`: a small set that keeps the coverage), to check in.
//!
//! `cargo fuzz` needs a nightly toolchain, which these machines may not get. What makes
//! libFuzzer coverage-guided is not nightly, though: it is LLVM's SanitizerCoverage, which
//! stable rustc runs with `-Cpasses=sancov-module` and its `-Cllvm-args` (the flags cargo-fuzz
//! passes), and libfuzzer-sys builds libFuzzer itself from C++. So this builds the harness
//! in `fuzz/libfuzzer/` with those flags on any toolchain, and adds AddressSanitizer
//! (`-Zsanitizer=address`, nightly only) when the toolchain is nightly. Either way the run is
//! coverage-guided; Rust code rarely needs ASan (only `unsafe` does, and ours has none).
//!
//! New inputs that reach new code go to `target/fuzz/corpus/<target>/` (the checked-in seeds
//! in `fuzz/corpus/<target>/` are read, never written); a crash is written to
//! `fuzz/crashes/<target>/` — check it in with its fix: `cargo test -p ibasho-fuzz` replays
//! it from then on.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{root, run_command, step, target_dir};

/// The targets, as `fuzz/libfuzzer/Cargo.toml` names its binaries (and `ibasho_fuzz::TARGETS`).
const TARGETS: &[&str] = &[
    "client_frame",
    "server_frame",
    "catalogue",
    "staff_file",
    "moderation_file",
    "fold_and_judge",
    "figures_query",
];

/// What cargo-fuzz passes for coverage (all stable codegen flags).
const COVERAGE: &[&str] = &[
    "-Cpasses=sancov-module",
    "-Cllvm-args=-sanitizer-coverage-level=4",
    "-Cllvm-args=-sanitizer-coverage-inline-8bit-counters",
    "-Cllvm-args=-sanitizer-coverage-pc-table",
    "-Cllvm-args=-sanitizer-coverage-trace-compares",
    "--cfg",
    "fuzzing",
    "-Cdebug-assertions",
    "-Coverflow-checks",
];

/// The arguments: seconds per target, and which targets.
struct Asked {
    seconds: u64,
    keep: bool,
    targets: Vec<String>,
}

fn parse(args: &[String]) -> Result<Asked> {
    let mut asked = Asked {
        seconds: 60,
        keep: false,
        targets: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--" => {}
            "--keep" => asked.keep = true,
            "--seconds" => {
                let value = args.next().context("--seconds needs a number")?;
                asked.seconds = value
                    .parse()
                    .with_context(|| format!("--seconds {value}: not a number"))?;
            }
            name if TARGETS.contains(&name) => asked.targets.push(name.to_owned()),
            other => bail!(
                "unknown argument {other:?}: cargo xtask fuzz [--seconds N] [--keep] [{}]",
                TARGETS.join("|")
            ),
        }
    }
    if asked.targets.is_empty() {
        asked.targets = TARGETS.iter().map(|t| (*t).to_owned()).collect();
    }
    Ok(asked)
}

/// rustc's `-vV`: whether it is nightly, and the host's triple.
fn toolchain() -> Result<(bool, String)> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(&rustc)
        .arg("-vV")
        .output()
        .with_context(|| format!("cannot run {rustc} -vV"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let nightly = text.lines().next().is_some_and(|l| l.contains("nightly"));
    let host = text
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .context("rustc -vV names no host")?
        .to_owned();
    Ok((nightly, host))
}

pub fn run(args: &[String]) -> Result<()> {
    let asked = parse(args)?;
    let root = root();
    let (nightly, host) = toolchain()?;
    let mut flags: Vec<&str> = COVERAGE.to_vec();
    if nightly {
        flags.push("-Zsanitizer=address");
    }
    step(&format!(
        "building the fuzz targets ({}; libFuzzer, coverage-guided)",
        if nightly {
            "nightly: with AddressSanitizer"
        } else {
            "stable: without AddressSanitizer, which needs nightly"
        }
    ));
    let fuzz_target_dir = target_dir().join("fuzz");
    // `--target` keeps the flags off build scripts and proc macros, as cargo-fuzz does.
    let mut build = crate::cargo();
    build
        .env("RUSTFLAGS", flags.join(" "))
        .args(["build", "--release", "--bins", "--manifest-path"])
        .arg(root.join("fuzz/libfuzzer/Cargo.toml"))
        .args(["--target", &host, "--target-dir"])
        .arg(&fuzz_target_dir);
    run_command(&mut build)?;

    let bins = fuzz_target_dir.join(&host).join("release");
    let mut crashed = Vec::new();
    for target in &asked.targets {
        step(&format!("fuzzing {target} for {} s", asked.seconds));
        let work = fuzz_target_dir.join("corpus").join(target);
        let crashes = root.join("fuzz/crashes").join(target);
        std::fs::create_dir_all(&work)?;
        std::fs::create_dir_all(&crashes)?;
        let status = Command::new(bins.join(target))
            .arg(&work)
            .arg(root.join("fuzz/corpus").join(target))
            .arg(format!("-max_total_time={}", asked.seconds))
            .arg(format!("-artifact_prefix={}/", crashes.display()))
            .args(["-timeout=10", "-rss_limit_mb=2048", "-print_final_stats=1"])
            .status()
            .with_context(|| format!("cannot start the {target} fuzzer"))?;
        if !status.success() {
            crashed.push(target.clone());
        }
        remove_if_empty(&crashes);
        if asked.keep && status.success() {
            run_command(
                Command::new(bins.join(target))
                    .arg("-set_cover_merge=1")
                    .arg(root.join("fuzz/corpus").join(target))
                    .arg(&work),
            )?;
        }
    }
    if !crashed.is_empty() {
        bail!(
            "the fuzzers broke {}: the inputs are in fuzz/crashes/<target>/ — fix, and check \
             them in (`cargo test -p ibasho-fuzz` replays them)",
            crashed.join(", ")
        );
    }
    eprintln!("no crash in {} s per target", asked.seconds);
    Ok(())
}

/// A crash folder that stayed empty is not kept.
fn remove_if_empty(folder: &Path) {
    if std::fs::read_dir(folder).is_ok_and(|mut entries| entries.next().is_none()) {
        let _ = std::fs::remove_dir(folder);
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::tests::strings;

    #[test]
    fn seconds_and_targets_are_read_and_nonsense_refused() {
        let asked = parse(&strings(&["--seconds", "5", "catalogue"])).unwrap();
        assert_eq!(asked.seconds, 5);
        assert!(!asked.keep);
        assert!(parse(&strings(&["--keep"])).unwrap().keep);
        assert_eq!(asked.targets, ["catalogue"]);
        assert_eq!(parse(&[]).unwrap().targets.len(), super::TARGETS.len());
        assert!(parse(&strings(&["--seconds", "x"])).is_err());
        assert!(parse(&strings(&["nope"])).is_err());
    }

    #[test]
    fn the_targets_are_the_fuzz_crates() {
        let manifest = std::fs::read_to_string(crate::root().join("fuzz/libfuzzer/Cargo.toml"))
            .expect("the harness");
        for target in super::TARGETS {
            assert!(
                manifest.contains(&format!("name = \"{target}\"")),
                "{target}"
            );
            let seeds = crate::root().join("fuzz/corpus").join(target);
            assert!(seeds.is_dir(), "{target} has seeds");
        }
    }
}
