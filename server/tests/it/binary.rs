//! The real `ibasho` binary: starting, configuration, signals, and the privacy invariants
//! that only a whole process can show (its log, its files).

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use ibasho_tests::client::Ending;
use ibasho_tests::process::hash_with;
use ibasho_tests::{Client, ClientOptions, ServerProcess, staff_hello};
use serde_json::json;

use crate::privacy::CLIENT_IP;

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_ibasho"))
}

fn example_catalogue() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/catalogue.example.toml")
}

/// Runs the binary with `args` to its end (commands that check a file, or a start that fails).
async fn run(args: &[&str]) -> Output {
    tokio::process::Command::new(binary())
        .args(args)
        .output()
        .await
        .unwrap()
}

/// Writes `text` to a file `name` in `dir`; its path.
fn write_file(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let file = dir.path().join(name);
    std::fs::write(&file, text).unwrap();
    file
}

/// A catalogue file `name` in `dir` with one always-open room; its capacity on line 6.
fn one_room_catalogue(
    dir: &tempfile::TempDir,
    name: &str,
    id: &str,
    title: &str,
    capacity: i32,
) -> PathBuf {
    let text = format!(
        "[[room]]\nid = \"{id}\"\ntitle = \"{title}\"\ndescription = \"x\"\nkind = \"themed\"\ncapacity = {capacity}\nopen = \"always\"\n"
    );
    write_file(dir, name, &text)
}

#[tokio::test]
async fn port_zero_logs_the_real_port_and_sigterm_closes_every_client() {
    let mut server = ServerProcess::start(&binary(), &[], &[]).await.unwrap();
    assert_ne!(server.addr().port(), 0);
    let mut a = Client::connect(server.addr()).await.unwrap();
    a.hello(None).await.unwrap();
    a.join("lounge").await.unwrap();
    let mut b = Client::connect(server.addr()).await.unwrap();
    b.hello(None).await.unwrap();

    let started = Instant::now();
    let (exit, endings) = tokio::join!(server.terminate(), async {
        let mut endings = Vec::new();
        for client in [&mut a, &mut b] {
            endings.push(client.ending_within(Duration::from_secs(5)).await.unwrap());
        }
        endings
    });
    for ending in endings {
        match ending {
            Ending::Closed(code, reason) => {
                assert_eq!(code, 1001);
                assert!(reason.contains("shutting down"), "{reason}");
            }
            Ending::Gone => panic!("expected a close frame"),
        }
    }
    assert_eq!(exit.unwrap(), Some(0));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        server.log().contains("all connections closed"),
        "{}",
        server.log()
    );
}

/// A graceful stop while a client is talking and slow to read: its close frame ("come back
/// elsewhere", 1001) still arrives, after the answers to the says the node read, and not a
/// reset.
#[tokio::test]
async fn a_graceful_stop_reaches_a_client_that_is_still_talking() {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;

    let mut server = ServerProcess::start(&binary(), &[], &[]).await.unwrap();
    let mut ws = ibasho_tests::client::connect_raw(server.addr(), &ClientOptions::default())
        .await
        .unwrap();
    for frame in [
        json!({"type":"hello","handle":"しゃべる"}),
        json!({"type":"join","room":"lounge"}),
    ] {
        ws.send(Message::text(frame.to_string())).await.unwrap();
    }
    let (mut sink, mut stream) = ws.split();
    // Says as fast as a client could send them (the rate limit refuses most: a refusal is
    // an answer too), and never a pause in which the node would read everything.
    let talking = tokio::spawn(async move {
        let mut sent = 0u32;
        loop {
            let say = json!({"type":"say","room":"lounge","text":"まだいます","client_id":format!("t{sent}")});
            if sink.send(Message::text(say.to_string())).await.is_err() {
                return sent;
            }
            sent += 1;
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (exit, ending) = tokio::join!(server.terminate(), async {
        // A client busy elsewhere for a moment (a phone's slow tab): what the node sent
        // waits unread, and the client's says keep coming.
        tokio::time::sleep(Duration::from_millis(500)).await;
        loop {
            match tokio::time::timeout(Duration::from_secs(10), stream.next()).await {
                Ok(Some(Ok(Message::Close(frame)))) => return frame.map(|frame| frame.code),
                Ok(Some(Ok(_))) => {}
                Ok(Some(Err(err))) => panic!("the connection failed before its close frame: {err}"),
                Ok(None) => panic!("the connection ended without a close frame"),
                Err(_) => panic!("no close frame in time"),
            }
        }
    });
    assert_eq!(ending.map(u16::from), Some(1001));
    assert_eq!(exit.unwrap(), Some(0));
    assert!(talking.await.unwrap() > 10);
}

#[tokio::test]
async fn address_and_catalogue_come_from_the_environment_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = one_room_catalogue(&dir, "rooms.toml", "only", "ひとつだけ", 3);
    let file = file.to_str().unwrap();
    let mut server = ServerProcess::start(
        &binary(),
        &[],
        &[("IBASHO_BIND", "127.0.0.1:0"), ("IBASHO_CATALOGUE", file)],
    )
    .await
    .unwrap();
    let (mut client, _) = Client::greeted(server.addr(), None).await.unwrap();
    assert_eq!(client.join("only").await.unwrap()["present"], 1);
    let join = json!({"type":"join","room":"lounge"});
    assert_eq!(client.refusal(join).await.unwrap()["code"], "no_such_room");
    server.terminate().await.unwrap();
}

#[tokio::test]
async fn a_bad_catalogue_stops_the_start_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = one_room_catalogue(&dir, "broken.toml", "lounge", "ラウンジ", -1);
    let path = file.to_str().unwrap();
    let output = run(&["serve", "--bind", "127.0.0.1:0", "--catalogue", path]).await;
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected = format!("{}:6:", file.display());
    assert!(stderr.contains(&expected), "{stderr}");

    let check = run(&["check-catalogue", path]).await;
    assert_eq!(check.status.code(), Some(2));
    let check = run(&["check-catalogue", example_catalogue().to_str().unwrap()]).await;
    assert!(check.status.success(), "{check:?}");
}

/// A whole conversation from 127.0.0.42 at `RUST_LOG=trace`, then a search of everything the
/// process logged for the address, the words, the handle and the token.
#[tokio::test]
async fn the_log_never_holds_an_address_a_message_a_handle_or_a_token() {
    let mut server = ServerProcess::start(&binary(), &[], &[("RUST_LOG", "trace")])
        .await
        .unwrap();
    let options = ClientOptions {
        local_ip: Some(IpAddr::V4(CLIENT_IP)),
        origin: Some(format!("http://{}", server.addr())),
        ..ClientOptions::default()
    };
    let secret_text = "ひみつのはなし-7f3a9c";
    let handle = "かくれんぼ-c81d";
    let mut client = Client::connect_with(server.addr(), options.clone())
        .await
        .unwrap();
    let welcome = client.hello(Some(handle)).await.unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    client.join("lounge").await.unwrap();
    client.say("lounge", secret_text, "cid-5e2b").await.unwrap();
    client.recv_type("message").await.unwrap();
    // Refusals, too, are logged without what was refused.
    client
        .say(
            "lounge",
            &format!("{secret_text}{}", "x".repeat(1000)),
            "cid-long",
        )
        .await
        .unwrap();
    client.recv_error().await.unwrap();
    client
        .send_text(&format!("{{not json {secret_text}"))
        .await
        .unwrap();
    client.recv_error().await.unwrap();
    // A dropped connection and a resume send the token again.
    client.drop_connection();
    let mut again = Client::connect_with(server.addr(), options).await.unwrap();
    again.resume(&token).await.unwrap();
    again.recv_type("joined").await.unwrap();
    again.close().await.unwrap();
    server.wait_for_log("connection closed").await.unwrap();
    server.terminate().await.unwrap();

    let log = server.log();
    // The log is not empty: trace level shows connections and frames…
    assert!(
        log.contains("connection opened") && log.contains("session resumed"),
        "{log}"
    );
    // …and none of these.
    for secret in [
        CLIENT_IP.to_string().as_str(),
        secret_text,
        handle,
        &token,
        "cid-5e2b",
    ] {
        assert!(!log.contains(secret), "{secret:?} is in the log:\n{log}");
    }
}

/// The process writes no file: its working directory, home and temporary directory stay
/// empty, and while it runs, no descriptor it holds is a file on disk.
#[tokio::test]
async fn nothing_said_or_anyone_is_written_to_disk() {
    let work = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start_in(
        &binary(),
        &["--catalogue", example_catalogue().to_str().unwrap()],
        &[
            ("HOME", home.path().to_str().unwrap()),
            ("TMPDIR", tmp.path().to_str().unwrap()),
            ("RUST_LOG", "debug"),
        ],
        Some(work.path()),
    )
    .await
    .unwrap();
    let mut a = Client::connect(server.addr()).await.unwrap();
    a.hello(Some("かきのこさない")).await.unwrap();
    a.join("lounge").await.unwrap();
    // Within the default burst of five messages per session.
    for i in 0..5 {
        a.say(
            "lounge",
            &format!("ディスクに残らない言葉 {i}"),
            &format!("d{i}"),
        )
        .await
        .unwrap();
        a.recv_type("message").await.unwrap();
    }
    let pid = server.pid().unwrap();
    let mut descriptors = Vec::new();
    for entry in std::fs::read_dir(format!("/proc/{pid}/fd")).unwrap() {
        let target = std::fs::read_link(entry.unwrap().path()).unwrap_or_default();
        descriptors.push(target.display().to_string());
    }
    assert!(
        descriptors.iter().any(|d| d.starts_with("socket:")),
        "{descriptors:?}"
    );
    for target in &descriptors {
        let harmless = target.starts_with("socket:")
            || target.starts_with("pipe:")
            || target.starts_with("anon_inode:")
            || target.starts_with("/dev/");
        assert!(harmless, "the server holds a file open: {target}");
    }
    a.close().await.unwrap();
    server.terminate().await.unwrap();
    for dir in [work.path(), home.path(), tmp.path()] {
        let entries: Vec<_> = std::fs::read_dir(dir).unwrap().collect();
        assert!(entries.is_empty(), "{} has {entries:?}", dir.display());
    }
}

#[test]
fn hash_entry_word_prints_a_hash_that_the_catalogue_accepts() {
    let line = hash_with(&binary(), "hash-entry-word", "あじさい").unwrap();
    assert!(line.starts_with("entry_word_hash = \"$argon2id$"), "{line}");
    assert!(!line.contains("あじさい"));
    let hash = line
        .trim()
        .trim_start_matches("entry_word_hash = \"")
        .trim_end_matches('"');
    assert!(ibasho_server::secret::matches("あじさい", hash));
}

/// `ibasho hash-password` makes the line for the staff file; the server signs staff in with
/// it; the log says that someone signed in, never who or with what.
#[tokio::test]
async fn staff_sign_in_from_a_hashed_staff_file_and_the_log_keeps_no_password() {
    let password = "correct horse battery 5b1e";
    let line = hash_with(&binary(), "hash-password", password).unwrap();
    assert!(line.starts_with("password_hash = \"$argon2id$"), "{line}");
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        &dir,
        "staff.toml",
        &format!("[[staff]]\nname = \"みどり\"\nrole = \"facilitator\"\n{line}"),
    );
    let staff = file.to_str().unwrap();
    let check = run(&["check-staff", staff]).await;
    assert!(check.status.success(), "{check:?}");

    let mut server = ServerProcess::start(&binary(), &["--staff", staff], &[("RUST_LOG", "trace")])
        .await
        .unwrap();
    let options = ClientOptions {
        origin: Some(format!("http://{}", server.addr())),
        ..ClientOptions::default()
    };
    let mut client = Client::connect_with(server.addr(), options).await.unwrap();
    let wrong = "wrong horse 0c9d";
    let refused = client.refusal(staff_hello("みどり", wrong)).await.unwrap();
    assert_eq!(refused["code"], "staff_login_refused");
    client.send(staff_hello("みどり", password)).await.unwrap();
    let welcome = client.recv_type("welcome").await.unwrap();
    assert_eq!(welcome["handle"], "みどり（ファシリテーター）");
    client.close().await.unwrap();
    server.wait_for_log("connection closed").await.unwrap();
    server.terminate().await.unwrap();
    let log = server.log();
    assert!(log.contains("staff signed in"), "{log}");
    for secret in [password, wrong, "みどり"] {
        assert!(!log.contains(secret), "{secret:?} is in the log:\n{log}");
    }

    // A password in clear stops the start, saying where and what to do.
    write_file(
        &dir,
        "staff.toml",
        "[[staff]]\nname = \"みどり\"\nrole = \"facilitator\"\npassword_hash = \"hunter2\"\n",
    );
    let output = run(&["serve", "--bind", "127.0.0.1:0", "--staff", staff]).await;
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("hash-password"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
}

/// SIGHUP reads the staff file again: an account removed, or whose password changed, is
/// signed out at once (close 4003, not resumable); an account left as it was keeps its
/// session; a new account can sign in; a file that cannot be used changes nothing.
#[tokio::test]
async fn sighup_reloads_the_staff_file_and_signs_out_only_changed_accounts() {
    let hash = crate::entry_word::cheap_hash("long enough password");
    let other = crate::entry_word::cheap_hash("another long password");
    let account = |name: &str, role: &str, hash: &str| {
        format!("[[staff]]\nname = \"{name}\"\nrole = \"{role}\"\npassword_hash = \"{hash}\"\n\n")
    };
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        &dir,
        "staff.toml",
        &(account("みどり", "facilitator", &hash)
            + &account("あおい", "counselor", &hash)
            + &account("そら", "facilitator", &hash)
            + &account("りく", "facilitator", &hash)),
    );
    let mut server = ServerProcess::start(
        &binary(),
        &[
            "--staff",
            file.to_str().unwrap(),
            "--catalogue",
            example_catalogue().to_str().unwrap(),
        ],
        &[],
    )
    .await
    .unwrap();
    let sign_in = |name: &'static str, password: &'static str| {
        let addr = server.addr();
        async move {
            let mut client = Client::connect(addr).await.unwrap();
            let welcome = client
                .hello_with(staff_hello(name, password))
                .await
                .unwrap();
            (client, welcome)
        }
    };
    let (mut removed, removed_welcome) = sign_in("みどり", "long enough password").await;
    let (mut changed, _) = sign_in("そら", "long enough password").await;
    let (mut kept, _) = sign_in("あおい", "long enough password").await;
    // One whose connection dropped: its session waits for a resume when the file changes.
    let (away, away_welcome) = sign_in("りく", "long enough password").await;
    away.drop_connection();
    // The new file also declares desks and their canned replies.
    let desks = "[[desk]]\nid = \"youth\"\nname = \"若者の相談\"\nages = [\"15-39\"]\n\
                 [[desk.reply]]\ntitle = \"あいさつ\"\ntext = \"こんにちは\"\n\n\
                 [[desk]]\nid = \"general\"\nname = \"総合相談\"\n\n";
    write_file(
        &dir,
        "staff.toml",
        &(desks.to_owned()
            + &account("あおい", "counselor", &hash)
            + &account("そら", "facilitator", &other)
            + &account("はな", "admin", &hash)),
    );
    let pid = nix::unistd::Pid::from_raw(i32::try_from(server.pid().unwrap()).unwrap());
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGHUP).unwrap();
    for client in [&mut removed, &mut changed] {
        match client.ending().await.unwrap() {
            Ending::Closed(code, _) => assert_eq!(code, 4003),
            Ending::Gone => panic!("no close frame"),
        }
    }
    kept.join("lounge").await.unwrap();
    kept.say_and_hear("lounge", "まだいます", "k1")
        .await
        .unwrap();
    // The desks came with the reload: the counselor going on duty is told them.
    kept.send(serde_json::json!({"type":"duty","on":true}))
        .await
        .unwrap();
    let desks = kept.recv_type("desks").await.unwrap();
    assert_eq!(desks["desks"][0]["desk"], "youth");
    assert_eq!(desks["desks"][0]["replies"][0]["title"], "あいさつ");
    assert_eq!(desks["desks"][1]["desk"], "general");
    let (_, welcome) = sign_in("はな", "long enough password").await;
    assert_eq!(welcome["staff"], "admin");
    let mut refused = Client::connect(server.addr()).await.unwrap();
    let answer = refused
        .refusal(staff_hello("みどり", "long enough password"))
        .await
        .unwrap();
    assert_eq!(answer["code"], "staff_login_refused");
    // The session that was waiting for its resume ended too.
    let (_, resumed) = Client::resumed(server.addr(), away_welcome["session"].as_str().unwrap())
        .await
        .unwrap();
    assert_eq!(resumed["resumed"], false);
    // The signed-out session cannot be resumed.
    let (_, resumed) = Client::resumed(server.addr(), removed_welcome["session"].as_str().unwrap())
        .await
        .unwrap();
    assert_eq!(resumed["resumed"], false);
    // A broken file changes nothing.
    write_file(&dir, "staff.toml", "[[staff]]\nname = \"x\"");
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGHUP).unwrap();
    server
        .wait_for_log("staff file not reloaded")
        .await
        .unwrap();
    kept.say_and_hear("lounge", "だいじょうぶ", "k2")
        .await
        .unwrap();
    server.terminate().await.unwrap();
}

/// A whole case at `RUST_LOG=trace` — a facilitator escalates with an excerpt, the person
/// agrees, a counselor claims, they talk, it ends — leaves in the log no session token, no
/// hash of it, no client address, no handle and none of the words.
#[tokio::test]
async fn a_case_leaves_no_token_hash_address_handle_or_words_in_the_log() {
    use sha2::{Digest, Sha256};
    let password = "case log password 9d2a";
    let line = hash_with(&binary(), "hash-password", password).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        &dir,
        "staff.toml",
        &format!(
            "[[staff]]\nname = \"ひかり\"\nrole = \"facilitator\"\n{line}\n\n\
             [[staff]]\nname = \"たなか\"\nrole = \"counselor\"\n{line}\n"
        ),
    );
    // On the store of this run: memory, or Redis under a fresh prefix.
    let redis = crate::support::redis_run()
        .then(|| (crate::support::redis_url(), crate::support::fresh_prefix()));
    let mut args = vec!["--staff", file.to_str().unwrap()];
    let mut envs = vec![("RUST_LOG", "trace")];
    if let Some((url, prefix)) = &redis {
        args.extend(["--store", "redis"]);
        envs.extend([
            ("IBASHO_REDIS_URL", url.as_str()),
            ("IBASHO_REDIS_PREFIX", prefix.as_str()),
        ]);
    }
    let mut server = ServerProcess::start(&binary(), &args, &envs).await.unwrap();
    let origin = Some(format!("http://{}", server.addr()));
    let person_options = ClientOptions {
        local_ip: Some(IpAddr::V4(CLIENT_IP)),
        origin: origin.clone(),
        ..ClientOptions::default()
    };
    let staff_options = ClientOptions {
        origin,
        ..ClientOptions::default()
    };
    let mut counselor = Client::connect_with(server.addr(), staff_options.clone())
        .await
        .unwrap();
    counselor
        .hello_with(staff_hello("たなか", password))
        .await
        .unwrap();
    counselor
        .send(json!({"type":"duty","on":true}))
        .await
        .unwrap();
    let mut hikari = Client::connect_with(server.addr(), staff_options)
        .await
        .unwrap();
    hikari
        .hello_with(staff_hello("ひかり", password))
        .await
        .unwrap();
    hikari.join("lounge").await.unwrap();

    let handle = "そっと-4e1b";
    let words = "だれにもいえない-a93c";
    let mut person = Client::connect_with(server.addr(), person_options)
        .await
        .unwrap();
    let welcome = person.hello(Some(handle)).await.unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    let hash: String = Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    person.join("lounge").await.unwrap();
    person.say("lounge", words, "w1").await.unwrap();
    let said = person
        .recv_kept("message", |frame| frame["client_id"] == "w1")
        .await
        .unwrap();
    hikari
        .send(
            json!({"type":"escalate","room":"lounge","handle": handle,"urgency":"urgent",
            "message_ids":[said["id"]]}),
        )
        .await
        .unwrap();
    let request = person.recv_kept("consent_request", |_| true).await.unwrap();
    let id = request["escalation_id"].clone();
    person
        .send(
            json!({"type":"consent","escalation_id": id,"accept":true,"message_ids":[said["id"]]}),
        )
        .await
        .unwrap();
    counselor
        .recv_kept("queue", |frame| {
            frame["items"]
                .as_array()
                .is_some_and(|items| items.len() == 1)
        })
        .await
        .unwrap();
    counselor
        .send(json!({"type":"claim","escalation_id": id}))
        .await
        .unwrap();
    let case = counselor.recv_kept("case", |_| true).await.unwrap();
    assert_eq!(case["excerpt"][0]["text"], words);
    let room = person
        .recv_kept("escalation", |frame| frame["state"] == "connected")
        .await
        .unwrap()["room"]
        .as_str()
        .unwrap()
        .to_owned();
    person.say(&room, words, "w2").await.unwrap();
    counselor.recv_kept("message", |_| true).await.unwrap();
    counselor
        .send(json!({"type":"end_case","escalation_id": id,"outcome":"talked"}))
        .await
        .unwrap();
    person
        .recv_kept("escalation", |frame| frame["state"] == "ended")
        .await
        .unwrap();
    person.close().await.unwrap();
    server.wait_for_log("connection closed").await.unwrap();
    server.terminate().await.unwrap();

    let log = server.log();
    assert!(
        log.contains("counselor's room made") && log.contains("a case ended"),
        "{log}"
    );
    for secret in [
        token.as_str(),
        hash.as_str(),
        &hash[..32],
        &CLIENT_IP.to_string(),
        handle,
        words,
    ] {
        assert!(!log.contains(secret), "{secret:?} is in the log:\n{log}");
    }
}
