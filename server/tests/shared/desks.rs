//! Desks, transfer and supervision across three real nodes on one Redis: the counselor on
//! node A, the supervisor who observes on node B, the person on node C. A whisper never
//! reaches the person's node's person; a declined observer cannot come back from any node; a
//! transfer's note reaches the receiving desk's counselor on another node; and no node logs
//! the words, the note, the answers or the handle, even at `trace`.

use std::io::Write as _;

use ibasho_tests::process::hash_with;
use ibasho_tests::{Client, QUIET, RedisServer, ServerProcess, staff_hello};
use serde_json::{Value, json};
use tempfile::NamedTempFile;

use crate::support::{binary, catalogue_file, staffed_node};

const PASSWORD: &str = "supervision password 7d2a";
const WHISPER: &str = "ゆっくり待ってあげて";
const NOTE: &str = "家族のことで悩んでいるようです";

/// A youth desk (たなか), a general desk (やまだ) and a supervisor (さとう).
fn staff_file() -> NamedTempFile {
    let line = hash_with(&binary(), "hash-password", PASSWORD).unwrap();
    let mut file = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
    write!(
        file,
        "[[desk]]\nid = \"youth\"\nname = \"若者の相談（15〜39歳）\"\nages = [\"15-39\"]\n\n\
         [[desk]]\nid = \"general\"\nname = \"総合相談\"\n\n\
         [[staff]]\nname = \"たなか\"\nrole = \"counselor\"\ndesks = [\"youth\"]\n{line}\n\n\
         [[staff]]\nname = \"やまだ\"\nrole = \"counselor\"\ndesks = [\"general\"]\n{line}\n\n\
         [[staff]]\nname = \"さとう\"\nrole = \"supervisor\"\n{line}\n"
    )
    .unwrap();
    file
}

/// A real node on `redis` that logs everything (`trace`).
async fn node(
    redis: &RedisServer,
    catalogue: &NamedTempFile,
    staff: &NamedTempFile,
) -> ServerProcess {
    let trace = [("RUST_LOG", "trace")];
    staffed_node(redis, catalogue, staff, "ibasho-desks:", &[], &trace).await
}

async fn on_duty(addr: std::net::SocketAddr, name: &str) -> Client {
    let mut client = Client::connect(addr).await.unwrap();
    client
        .hello_with(staff_hello(name, PASSWORD))
        .await
        .unwrap();
    client.send(json!({"type":"duty","on":true})).await.unwrap();
    client.recv_kept("desks", |_| true).await.unwrap();
    client
}

async fn kept(client: &mut Client, kind: &str) -> Value {
    client.recv_kept(kind, |_| true).await.unwrap()
}

#[tokio::test]
async fn supervision_and_transfer_work_across_nodes_and_the_person_never_hears_a_whisper() {
    let redis = RedisServer::start().unwrap();
    let (catalogue, staff) = (catalogue_file(), staff_file());
    let a = node(&redis, &catalogue, &staff).await;
    let b = node(&redis, &catalogue, &staff).await;
    let c = node(&redis, &catalogue, &staff).await;
    let mut tanaka = on_duty(a.addr(), "たなか").await;
    let mut sato = on_duty(b.addr(), "さとう").await;

    // The person on node C, routed by their age band to the youth desk on node A.
    let (mut person, _) = Client::greeted(c.addr(), Some("ひなた")).await.unwrap();
    person
        .send(json!({"type":"ask_counselor","age_band":"15-39"}))
        .await
        .unwrap();
    let waiting = person.escalation_in("waiting").await.unwrap();
    assert_eq!(waiting["desk"], "youth");
    let id = waiting["escalation_id"].as_str().unwrap().to_owned();
    tanaka.queue_of(1).await.unwrap();
    tanaka
        .send(json!({"type":"claim","escalation_id":id}))
        .await
        .unwrap();
    kept(&mut tanaka, "case").await;
    let room = person.escalation_in("connected").await.unwrap()["room"]
        .as_str()
        .unwrap()
        .to_owned();

    // A's counselor calls; B's supervisor hears, and observes from B; C's person is told.
    tanaka
        .send(json!({"type":"ask_supervisor","escalation_id":id}))
        .await
        .unwrap();
    assert_eq!(kept(&mut sato, "supervisor_call").await["desk"], "youth");
    sato.send(json!({"type":"observe","escalation_id":id}))
        .await
        .unwrap();
    assert_eq!(kept(&mut sato, "joined").await["room"], room.as_str());
    assert_eq!(kept(&mut person, "observer").await["present"], true);
    assert_eq!(kept(&mut tanaka, "observer").await["present"], true);

    // Whispers between A and B; the conversation between C and A goes on, B reads it.
    sato.send(json!({"type":"whisper","escalation_id":id,"text":WHISPER}))
        .await
        .unwrap();
    let heard = tanaka
        .recv_kept("whisper", |frame| frame["text"] == WHISPER)
        .await
        .unwrap();
    assert_eq!(heard["from"], "さとう（スーパーバイザー）");
    tanaka
        .send(json!({"type":"whisper","escalation_id":id,"text":"はい"}))
        .await
        .unwrap();
    sato.recv_kept("whisper", |frame| frame["text"] == "はい")
        .await
        .unwrap();
    person.say(&room, "ここにいます", "p1").await.unwrap();
    sato.recv_kept("message", |frame| frame["text"] == "ここにいます")
        .await
        .unwrap();

    // C's person declines; B's supervisor is taken out, and no node lets them back.
    person
        .send(json!({"type":"decline_observer","escalation_id":id}))
        .await
        .unwrap();
    assert_eq!(
        person
            .recv_kept("observer", |frame| frame["present"] == false)
            .await
            .unwrap()["escalation_id"],
        id.as_str()
    );
    assert_eq!(kept(&mut sato, "left").await["room"], room.as_str());
    for addr in [a.addr(), b.addr(), c.addr()] {
        let mut again = on_duty(addr, "さとう").await;
        let refused = again
            .refusal(json!({"type":"observe","escalation_id":id}))
            .await
            .unwrap();
        assert_eq!(refused["code"], "forbidden", "observed again from {addr}");
    }

    // A transfer from A to the general desk, whose counselor signs in on B: the note there
    // alone, the person on C told where they are going.
    tanaka
        .send(json!({"type":"transfer","escalation_id":id,"desk":"general","note":NOTE}))
        .await
        .unwrap();
    assert_eq!(
        kept(&mut tanaka, "transfer_waiting").await["desk"],
        "general"
    );
    let moved = person.escalation_in("no_counselor").await.unwrap();
    assert_eq!(
        (moved["desk"].as_str(), moved["transferred"].as_bool()),
        (Some("general"), Some(true))
    );
    let mut yamada = on_duty(b.addr(), "やまだ").await;
    let items = yamada.queue_of(1).await.unwrap();
    assert_eq!(items[0]["note"], NOTE);
    yamada
        .send(json!({"type":"claim","escalation_id":id}))
        .await
        .unwrap();
    assert_eq!(kept(&mut yamada, "case").await["note"], NOTE);
    person.escalation_in("connected").await.unwrap();

    // Every frame the person's connection on C received: no whisper, no note.
    for frame in person.everything_received(QUIET).await {
        assert!(!frame.contains("\"whisper\""), "{frame}");
        assert!(!frame.contains(WHISPER) && !frame.contains(NOTE), "{frame}");
    }
    for frame in tanaka.everything_received(QUIET).await {
        assert!(
            !frame.contains(NOTE),
            "the sending desk got the note: {frame}"
        );
    }
    // No node logged the words, the note, the answers' desk choice by person or the handle.
    for (name, node) in [("A", &a), ("B", &b), ("C", &c)] {
        let log = node.log();
        for secret in [
            WHISPER,
            NOTE,
            "ひなた",
            "ここにいます",
            "15-39",
            id.as_str(),
        ] {
            assert!(!log.contains(secret), "node {name} logged {secret:?}");
        }
    }
}

#[tokio::test]
async fn an_observer_whose_node_dies_is_gone_for_the_person_and_another_may_observe() {
    let redis = RedisServer::start().unwrap();
    let (catalogue, staff) = (catalogue_file(), staff_file());
    let lease = ["--case-lease-seconds", "3"];
    let a = staffed_node(&redis, &catalogue, &staff, "ibasho-desks:", &lease, &[]).await;
    let mut b = staffed_node(&redis, &catalogue, &staff, "ibasho-desks:", &lease, &[]).await;
    let mut yamada = on_duty(a.addr(), "やまだ").await;
    let mut sato = on_duty(b.addr(), "さとう").await;
    let (mut person, _) = Client::greeted(a.addr(), Some("ゆき")).await.unwrap();
    person.send(json!({"type":"ask_counselor"})).await.unwrap();
    let id = person.escalation_in("waiting").await.unwrap()["escalation_id"].clone();
    yamada.queue_of(1).await.unwrap();
    yamada
        .send(json!({"type":"claim","escalation_id":id}))
        .await
        .unwrap();
    person.escalation_in("connected").await.unwrap();
    sato.send(json!({"type":"observe","escalation_id":id}))
        .await
        .unwrap();
    assert_eq!(kept(&mut person, "observer").await["present"], true);

    // Node B dies with the observer on it: past its lease, nobody observes, and the
    // person is told.
    b.kill().await.unwrap();
    let gone = person
        .recv_kept("observer", |frame| frame["present"] == false)
        .await
        .unwrap();
    assert_eq!(gone["escalation_id"], id);
    assert_eq!(
        yamada
            .recv_kept("observer", |frame| frame["present"] == false)
            .await
            .unwrap()["escalation_id"],
        id
    );
    // The supervisor, back on another node, may observe again (they were not declined).
    let mut again = on_duty(a.addr(), "さとう").await;
    again
        .send(json!({"type":"observe","escalation_id":id}))
        .await
        .unwrap();
    assert_eq!(
        person
            .recv_kept("observer", |frame| frame["present"] == true)
            .await
            .unwrap()["escalation_id"],
        id
    );
}
