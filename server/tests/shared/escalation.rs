//! Talking with a counselor across nodes: one claim wins whichever node it comes from; a
//! counselor's node that dies puts the case back at the head of the queue (the person is
//! told); a person whose node dies resumes on another and the case goes on; and with Redis
//! down asking is refused, never lost, and the queue is whole again when it returns.

use std::io::Write as _;
use std::time::Duration;

use ibasho_tests::process::hash_with;
use ibasho_tests::{Client, RedisServer, ServerProcess, staff_hello};
use serde_json::json;
use tempfile::NamedTempFile;

use crate::support::{binary, catalogue_file, serve, settings, staffed_node};

const PASSWORD: &str = "counselors password 4c1e";

/// A staff file with two counselors, あおい and そら.
fn staff_file() -> NamedTempFile {
    let line = hash_with(&binary(), "hash-password", PASSWORD).unwrap();
    let mut file = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
    for name in ["あおい", "そら"] {
        writeln!(
            file,
            "[[staff]]\nname = \"{name}\"\nrole = \"counselor\"\n{line}\n"
        )
        .unwrap();
    }
    file
}

/// A real node on `redis` with counselors, whose cases lapse 3 s after their node dies.
async fn node(
    redis: &RedisServer,
    catalogue: &NamedTempFile,
    staff: &NamedTempFile,
) -> ServerProcess {
    let lease = ["--case-lease-seconds", "3"];
    staffed_node(redis, catalogue, staff, "ibasho-cases:", &lease, &[]).await
}

async fn counselor_on_duty(addr: std::net::SocketAddr, name: &str) -> Client {
    let mut client = Client::connect(addr).await.unwrap();
    client
        .hello_with(staff_hello(name, PASSWORD))
        .await
        .unwrap();
    client.send(json!({"type":"duty","on":true})).await.unwrap();
    client
}

/// Whether `client` won its claim (`case`) or was refused (`not_now`).
async fn won(client: &mut Client) -> bool {
    loop {
        let frame = client.recv().await.unwrap();
        match frame["type"].as_str() {
            Some("case") => return true,
            Some("error") => {
                assert_eq!(frame["code"], "not_now", "{frame}");
                return false;
            }
            _ => {}
        }
    }
}

#[tokio::test]
async fn one_claim_wins_across_nodes_and_a_counselor_whose_node_dies_gives_the_case_back() {
    let redis = RedisServer::start().unwrap();
    let (catalogue, staff) = (catalogue_file(), staff_file());
    let mut a = node(&redis, &catalogue, &staff).await;
    let mut b = node(&redis, &catalogue, &staff).await;
    let c = node(&redis, &catalogue, &staff).await;
    let mut aoi = counselor_on_duty(a.addr(), "あおい").await;
    let mut sora = counselor_on_duty(b.addr(), "そら").await;
    let mut person = Client::member(c.addr(), "みどり", "lounge").await.unwrap();
    person
        .send(json!({"type":"ask_counselor","room":"lounge"}))
        .await
        .unwrap();
    let waiting = person.escalation_in("waiting").await.unwrap();
    assert_eq!(waiting["on_duty"], 2);
    let id = waiting["escalation_id"].clone();
    aoi.queue_of(1).await.unwrap();
    sora.queue_of(1).await.unwrap();

    let claim = json!({"type":"claim","escalation_id": id});
    let (sent_a, sent_b) = tokio::join!(aoi.send(claim.clone()), sora.send(claim));
    sent_a.unwrap();
    sent_b.unwrap();
    let (aoi_won, sora_won) = tokio::join!(won(&mut aoi), won(&mut sora));
    assert!(aoi_won != sora_won, "exactly one claim wins");
    let room = person.escalation_in("connected").await.unwrap()["room"].clone();
    let (winner_node, mut other) = if aoi_won {
        (&mut a, sora)
    } else {
        (&mut b, aoi)
    };

    // The winner's node dies: the person is told, and the case is back at the head.
    winner_node.kill().await.unwrap();
    let closed = person
        .recv_kept("closed", |frame| frame["room"] == room)
        .await;
    let back = person
        .recv_kept("escalation", |frame| frame["handed_over"] == true)
        .await;
    let (closed, back) = (closed.unwrap(), back.unwrap());
    assert_eq!(closed["room"], room);
    assert_eq!(back["state"], "waiting");
    assert_eq!(back["position"], 1);
    let items = other.queue_of(1).await.unwrap();
    assert_eq!(items[0]["escalation_id"], id);

    // Another counselor takes it, and they talk across nodes.
    other
        .send(json!({"type":"claim","escalation_id": id}))
        .await
        .unwrap();
    other.recv_kept("case", |_| true).await.unwrap();
    let room = person.escalation_in("connected").await.unwrap()["room"]
        .as_str()
        .unwrap()
        .to_owned();
    person.say(&room, "またきてくれた", "m1").await.unwrap();
    let heard = other
        .recv_kept("message", |frame| frame["room"] == room)
        .await
        .unwrap();
    assert_eq!(heard["text"], "またきてくれた");
}

#[tokio::test]
async fn a_person_whose_node_dies_resumes_elsewhere_and_the_case_goes_on() {
    let redis = RedisServer::start().unwrap();
    let (catalogue, staff) = (catalogue_file(), staff_file());
    let mut a = node(&redis, &catalogue, &staff).await;
    let b = node(&redis, &catalogue, &staff).await;
    let mut counselor = counselor_on_duty(b.addr(), "あおい").await;
    let (mut person, welcome) = Client::greeted(a.addr(), Some("ひっこし")).await.unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    person.send(json!({"type":"ask_counselor"})).await.unwrap();
    let id = person.escalation_in("waiting").await.unwrap()["escalation_id"].clone();
    counselor.queue_of(1).await.unwrap();
    counselor
        .send(json!({"type":"claim","escalation_id": id}))
        .await
        .unwrap();
    let case = counselor.recv_kept("case", |_| true).await.unwrap();
    assert_eq!(case["handle"], "ひっこし");
    let room = person.escalation_in("connected").await.unwrap()["room"]
        .as_str()
        .unwrap()
        .to_owned();

    a.kill().await.unwrap();
    let (mut back, welcome) = Client::resumed(b.addr(), &token).await.unwrap();
    assert_eq!(welcome["resumed"], true);
    assert_eq!(welcome["rooms"], json!([room]));
    let again = back.escalation_in("connected").await.unwrap();
    assert_eq!(again["escalation_id"], id);
    back.say(&room, "つながった", "r1").await.unwrap();
    let heard = counselor
        .recv_kept("message", |frame| frame["client_id"] == "r1")
        .await
        .unwrap();
    assert_eq!(heard["text"], "つながった");
    // Past the dead node's lease, the case is still on: this node renews it now.
    tokio::time::sleep(Duration::from_secs(4)).await;
    back.say(&room, "まだいます", "r2").await.unwrap();
    let heard = counselor
        .recv_kept("message", |frame| frame["client_id"] == "r2")
        .await
        .unwrap();
    assert_eq!(heard["text"], "まだいます");
}

#[tokio::test]
async fn with_redis_down_asking_is_refused_and_the_queue_is_whole_when_it_returns() {
    let mut redis = RedisServer::start_durable().unwrap();
    let mut settings = settings(&redis, "cases:");
    let hash = hash_with(&binary(), "hash-password", PASSWORD).unwrap();
    let file = format!("[[staff]]\nname = \"あおい\"\nrole = \"counselor\"\n{hash}\n");
    settings.staff = std::sync::Arc::new(
        ibasho_server::staff::StaffAccounts::parse(&file, "staff.toml").unwrap(),
    );
    let server = serve(settings).await;
    let mut counselor = counselor_on_duty(server.addr(), "あおい").await;
    let mut first = Client::member(server.addr(), "はじめ", "lounge")
        .await
        .unwrap();
    first.send(json!({"type":"ask_counselor"})).await.unwrap();
    let id = first.escalation_in("waiting").await.unwrap()["escalation_id"].clone();
    counselor.queue_of(1).await.unwrap();
    let mut second = Client::member(server.addr(), "つぎ", "lounge")
        .await
        .unwrap();

    redis.kill().unwrap();
    second
        .recv_kept("notice", |frame| frame["code"] == "degraded")
        .await
        .unwrap();
    let refused = second
        .refusal(json!({"type":"ask_counselor"}))
        .await
        .unwrap();
    assert_eq!(refused["code"], "unavailable");

    redis.restart().unwrap();
    counselor
        .recv_kept("notice", |frame| frame["code"] == "restored")
        .await
        .unwrap();
    // Told again, whole: the request made before the outage is still there.
    let items = counselor.queue_of(1).await.unwrap();
    assert_eq!(items[0]["escalation_id"], id);
    second.send(json!({"type":"ask_counselor"})).await.unwrap();
    assert_eq!(
        second.escalation_in("waiting").await.unwrap()["position"],
        2
    );
    counselor.queue_of(2).await.unwrap();
}
