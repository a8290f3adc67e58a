//! Nodes for these tests: the real binary with `--store redis`, or the real router in this
//! process when a test needs to look inside.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use ibasho_server::catalogue::Catalogue;
use ibasho_server::clock::SystemClock;
use ibasho_server::settings::{Settings, StoreChoice};
use ibasho_server::{Running, open_store, start_with};
use ibasho_tests::{RedisServer, ServerProcess};
use tempfile::NamedTempFile;

/// A lounge for many, and a room of five seats.
pub const CATALOGUE: &str = concat!(
    ibasho_tests::lounge!(500),
    ibasho_tests::open_room!("seats", "五席", "五人まで", 5)
);

pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_ibasho"))
}

/// The catalogue as a file for the binary (kept as long as the handle lives).
pub fn catalogue_file() -> NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
    file.write_all(CATALOGUE.as_bytes()).unwrap();
    file
}

/// `n` real nodes sharing `redis`.
pub async fn nodes(redis: &RedisServer, catalogue: &NamedTempFile, n: usize) -> Vec<ServerProcess> {
    let mut nodes = Vec::new();
    for _ in 0..n {
        nodes.push(node(redis, catalogue).await);
    }
    nodes
}

pub async fn node(redis: &RedisServer, catalogue: &NamedTempFile) -> ServerProcess {
    let catalogue = catalogue.path().to_str().unwrap();
    let url = redis.url();
    let mut args = vec!["--catalogue", catalogue, "--store", "redis"];
    // Tests speak faster than people.
    args.extend_from_slice(ibasho_tests::process::GENEROUS_LIMITS);
    args.extend(["--repeats-per-minute", "1000"]);
    ServerProcess::start(
        &binary(),
        &args,
        &[
            ("IBASHO_REDIS_URL", url.as_str()),
            ("IBASHO_REDIS_PREFIX", "ibasho-nodes:"),
        ],
    )
    .await
    .unwrap()
}

/// A real node on `redis` (keys under `prefix`) with a staff file, limits for tests that
/// speak fast, `extra` arguments and environment.
pub async fn staffed_node(
    redis: &RedisServer,
    catalogue: &NamedTempFile,
    staff: &NamedTempFile,
    prefix: &str,
    extra: &[&str],
    envs: &[(&str, &str)],
) -> ServerProcess {
    let url = redis.url();
    let mut args = vec![
        "--catalogue",
        catalogue.path().to_str().unwrap(),
        "--staff",
        staff.path().to_str().unwrap(),
        "--store",
        "redis",
        "--frames-per-second",
        "1000",
        "--frames-burst",
        "1000",
    ];
    args.extend_from_slice(extra);
    let mut all = vec![
        ("IBASHO_REDIS_URL", url.as_str()),
        ("IBASHO_REDIS_PREFIX", prefix),
    ];
    all.extend_from_slice(envs);
    ServerProcess::start(&binary(), &args, &all).await.unwrap()
}

/// The password of [`staff`]'s one account.
pub const STAFF_PASSWORD: &str = "pass phrase 42";

/// A staff file of one account with this name and role (`facilitator`, `counselor`,
/// `admin`), whose password is [`STAFF_PASSWORD`].
pub fn staff(name: &str, role: &str) -> ibasho_server::staff::StaffAccounts {
    use argon2::password_hash::{PasswordHasher, SaltString};
    use argon2::{Algorithm, Argon2, Params, Version};
    let params = Params::new(8, 1, 1, None).unwrap();
    let salt = SaltString::encode_b64(b"ibasho-test-salt").unwrap();
    let hash = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(STAFF_PASSWORD.as_bytes(), &salt)
        .unwrap()
        .to_string();
    let file =
        format!("[[staff]]\nname = \"{name}\"\nrole = \"{role}\"\npassword_hash = \"{hash}\"\n");
    ibasho_server::staff::StaffAccounts::parse(&file, "staff.toml").unwrap()
}

/// The settings of every test server (see `it/test_settings.rs`), on `redis` under `prefix`.
pub fn settings(redis: &RedisServer, prefix: &str) -> Settings {
    Settings {
        store: StoreChoice::Redis {
            url: redis.url(),
            prefix: prefix.to_owned(),
        },
        ..crate::test_settings::settings()
    }
}

/// The real router in this process, on Redis.
pub async fn serve(settings: Settings) -> Running {
    serve_catalogue(settings, CATALOGUE).await
}

/// [`serve`] with another catalogue.
pub async fn serve_catalogue(settings: Settings, text: &str) -> Running {
    let catalogue = Catalogue::parse(text, "test catalogue").unwrap();
    let store = open_store(&settings, &catalogue).await.unwrap();
    start_with(settings, catalogue, store, Arc::new(SystemClock))
        .await
        .unwrap()
}

/// GET a path; the status and body.
pub async fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let response = ibasho_tests::http::get(addr, path, "").await.unwrap();
    (response.status, response.text())
}
