//! `--figures-file`: the memory store's totals across a restart of the real binary — numbers
//! only, nothing of anyone — and a file that cannot be read stops the start.

use std::path::PathBuf;

use ibasho_tests::process::hash_with;
use ibasho_tests::{Client, ClientOptions, ServerProcess, staff_hello};
use serde_json::{Value, json};

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_ibasho"))
}

const PASSWORD: &str = "an admin's long password";

async fn admin_token(server: &ServerProcess) -> (Client, String) {
    let options = ClientOptions {
        origin: Some(format!("http://{}", server.addr())),
        ..ClientOptions::default()
    };
    let mut client = Client::connect_with(server.addr(), options).await.unwrap();
    let welcome = client
        .hello_with(staff_hello("すずき", PASSWORD))
        .await
        .unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    (client, token)
}

/// The whole fiscal year's total of one row of `/api/figures`.
async fn total(server: &ServerProcess, token: &str, figure: &str, room: Option<&str>) -> Value {
    let response = ibasho_tests::http::get(
        server.addr(),
        "/api/figures",
        &format!("Authorization: Bearer {token}\r\n"),
    )
    .await
    .unwrap();
    assert_eq!(response.status, 200);
    let report: Value = serde_json::from_slice(&response.body).unwrap();
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| {
            row["figure"] == figure && row["room"] == json!(room) && row["detail"].is_null()
        })
        .map(|row| row["total"].clone())
        .unwrap()
}

async fn until_total(server: &ServerProcess, token: &str, figure: &str, want: u64) {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while total(server, token, figure, Some("lounge")).await != want {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{figure} never reached {want}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_restart_with_the_figures_file_keeps_the_totals_and_only_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let line = hash_with(&binary(), "hash-password", PASSWORD).unwrap();
    let staff = dir.path().join("staff.toml");
    std::fs::write(
        &staff,
        format!("[[staff]]\nname = \"すずき\"\nrole = \"admin\"\n{line}"),
    )
    .unwrap();
    let file = dir.path().join("figures.json");
    let args = [
        "--staff",
        staff.to_str().unwrap(),
        "--figures-file",
        file.to_str().unwrap(),
        "--figures-threshold",
        "3",
    ];
    let mut server = ServerProcess::start(&binary(), &args, &[("RUST_LOG", "trace")])
        .await
        .unwrap();
    let (mut person, welcome) = Client::greeted(server.addr(), Some("ゆずは"))
        .await
        .unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    person.join("lounge").await.unwrap();
    let said = person
        .say_and_hear("lounge", "ないしょの話です", "y1")
        .await
        .unwrap();
    person
        .send(json!({"type":"voice","room":"lounge","rating":3,"comment":"落ち着きました"}))
        .await
        .unwrap();
    person.recv_type("voice_received").await.unwrap();
    assert!(said["id"].is_string());
    let (_admin, bearer) = admin_token(&server).await;
    // One visit, one message: "<3" at a threshold of 3 (the file, read below, has the 1).
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while total(&server, &bearer, "messages", Some("lounge")).await != "<3" {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the message was never counted"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    person.close().await.unwrap();
    server.terminate().await.unwrap();

    // Numbers only: no handle, words, token or the store's name for the session.
    let kept = std::fs::read_to_string(&file).unwrap();
    let json: Value = serde_json::from_str(&kept).unwrap();
    assert_eq!(json["version"], 1);
    let key = ibasho_server::store::session_key(
        &ibasho_server::token::SessionToken::from_client(&token).unwrap(),
    );
    for secret in [
        "ゆずは",
        "ないしょ",
        "落ち着きました",
        token.as_str(),
        key.as_str(),
        "127.0.0.1",
    ] {
        assert!(!kept.contains(secret), "{secret} in {kept}");
    }
    let days = json["days"].as_object().unwrap();
    let counted: u64 = days
        .values()
        .filter_map(|day| day["visits|lounge|"].as_u64())
        .sum();
    assert_eq!(counted, 1, "{kept}");
    // The log holds none of it either.
    let log = server.log();
    for secret in ["ゆずは", "ないしょ", "落ち着きました", token.as_str()] {
        assert!(!log.contains(secret), "{secret} in the log");
    }

    // Again, on the same file: the totals are there, and counting goes on from them.
    let mut server = ServerProcess::start(&binary(), &args, &[]).await.unwrap();
    let _again = Client::member(server.addr(), "あさひ", "lounge")
        .await
        .unwrap();
    let _other = Client::member(server.addr(), "ゆうひ", "lounge")
        .await
        .unwrap();
    let (_admin, bearer) = admin_token(&server).await;
    until_total(&server, &bearer, "visits", 3).await;
    assert_eq!(
        total(&server, &bearer, "messages", Some("lounge")).await,
        "<3"
    );
    server.terminate().await.unwrap();
    let kept: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let counted: u64 = kept["days"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|day| day["visits|lounge|"].as_u64())
        .sum();
    assert_eq!(counted, 3);
    // The lounge's sitting (its day: it never closes) went on over the restart: one.
    let sittings: u64 = kept["days"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|day| day["sittings|lounge|"].as_u64())
        .sum();
    assert_eq!(sittings, 1, "{kept}");

    // A file that is not a figures file stops the start, naming it: nothing is overwritten.
    std::fs::write(&file, "not json").unwrap();
    let output = tokio::process::Command::new(binary())
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--figures-file",
            file.to_str().unwrap(),
        ])
        .output()
        .await
        .unwrap();
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("figures.json"), "{said}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not json");
}
