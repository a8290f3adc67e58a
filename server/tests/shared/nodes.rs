//! Several real nodes (processes) sharing one real Redis.

use std::collections::BTreeSet;
use std::time::Duration;

use futures_util::future::join_all;
use ibasho_tests::{Client, QUIET, RedisServer};
use serde_json::{Value, json};

use crate::support::{catalogue_file, node, nodes};

async fn member(addr: std::net::SocketAddr, handle: &str, room: &str) -> Client {
    Client::member(addr, handle, room).await.unwrap()
}

/// The next `n` messages a client receives, as (handle, text).
async fn messages(client: &mut Client, n: usize) -> Vec<(String, String)> {
    let mut got = Vec::new();
    for _ in 0..n {
        let m = client.recv_type("message").await.unwrap();
        got.push((
            m["handle"].as_str().unwrap().to_owned(),
            m["text"].as_str().unwrap().to_owned(),
        ));
    }
    got
}

#[tokio::test]
async fn members_on_every_node_get_every_message_once_in_the_same_order() {
    let redis = RedisServer::start().unwrap();
    let catalogue = catalogue_file();
    let nodes = nodes(&redis, &catalogue, 3).await;
    let mut clients = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        for j in 0..2 {
            clients.push(member(node.addr(), &format!("n{i}c{j}"), "lounge").await);
        }
    }
    // Everyone speaks at once, from every node.
    const EACH: usize = 20;
    let total = EACH * clients.len();
    let sends = clients
        .iter_mut()
        .enumerate()
        .map(|(c, client)| async move {
            for k in 0..EACH {
                client
                    .say("lounge", &format!("{c}:{k}"), &format!("{c}-{k}"))
                    .await
                    .unwrap();
            }
        });
    join_all(sends).await;
    let mut orders = Vec::new();
    for client in &mut clients {
        orders.push(messages(client, total).await);
    }
    // Once each…
    let distinct: BTreeSet<_> = orders[0].iter().collect();
    assert_eq!(distinct.len(), total);
    // …in one order for everyone, on every node…
    for order in &orders[1..] {
        assert_eq!(order, &orders[0]);
    }
    // …that keeps each sender's own order.
    for c in 0..clients.len() {
        let own: Vec<usize> = orders[0]
            .iter()
            .filter_map(|(_, text)| {
                let (who, k) = text.split_once(':')?;
                (who == c.to_string()).then(|| k.parse().unwrap())
            })
            .collect();
        assert_eq!(own, (0..EACH).collect::<Vec<_>>());
    }
    // Nothing more arrives.
    clients[0].expect_no_message(QUIET).await.unwrap();
    // Presence is counted across nodes.
    let mut late = member(nodes[1].addr(), "おそく", "lounge").await;
    late.send(json!({"type":"leave","room":"lounge"}))
        .await
        .unwrap();
    let presence = clients[0].recv_type("presence").await.unwrap();
    assert!(presence["present"].as_u64().unwrap() >= 6, "{presence}");
}

#[tokio::test]
async fn two_nodes_never_admit_more_than_the_capacity() {
    let redis = RedisServer::start().unwrap();
    let catalogue = catalogue_file();
    let nodes = nodes(&redis, &catalogue, 2).await;
    // Forty people try the five seats at once, half on each node.
    let mut clients = Vec::new();
    for i in 0..40 {
        let mut client = Client::connect(nodes[i % 2].addr()).await.unwrap();
        client.hello(Some(&format!("席{i}"))).await.unwrap();
        clients.push(client);
    }
    for client in &mut clients {
        client
            .send(json!({"type":"join","room":"seats"}))
            .await
            .unwrap();
    }
    let answers = join_all(clients.iter_mut().map(|client| async move {
        loop {
            let frame: Value = client.recv().await.unwrap();
            match frame["type"].as_str() {
                Some("joined") => return "joined".to_owned(),
                Some("error") => return frame["code"].as_str().unwrap().to_owned(),
                _ => {}
            }
        }
    }))
    .await;
    let admitted = answers.iter().filter(|a| *a == "joined").count();
    assert_eq!(admitted, 5, "{answers:?}");
    assert!(
        answers.iter().all(|a| a == "joined" || a == "room_full"),
        "{answers:?}"
    );
}

#[tokio::test]
async fn after_a_node_dies_its_people_resume_on_another_with_their_handle() {
    let redis = RedisServer::start().unwrap();
    let catalogue = catalogue_file();
    let mut a = node(&redis, &catalogue).await;
    let b = node(&redis, &catalogue).await;
    let (mut person, welcome) = Client::greeted(a.addr(), Some("ひっこし")).await.unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    person.join("lounge").await.unwrap();
    let mut other = member(b.addr(), "むこう", "lounge").await;
    person.say("lounge", "そちらへ", "x1").await.unwrap();
    assert_eq!(messages(&mut other, 1).await[0].1, "そちらへ");

    a.kill().await.unwrap();
    other.say("lounge", "いない間に", "y1").await.unwrap();
    // Accepted (its echo is back) before the person resumes: then it must be in the history.
    other.recv_type("message").await.unwrap();

    let (mut back, welcome) = Client::resumed(b.addr(), &token).await.unwrap();
    assert_eq!(welcome["resumed"], true);
    assert_eq!(welcome["handle"], "ひっこし");
    assert_eq!(welcome["rooms"], json!(["lounge"]));
    let joined = back.recv_type("joined").await.unwrap();
    assert_eq!(
        ibasho_tests::history_texts(&joined),
        ["そちらへ", "いない間に"]
    );
    // Its handle is still its own in the room, and it is live again on the new node.
    assert_eq!(joined["present"], 2);
    other.say("lounge", "おかえり", "y2").await.unwrap();
    assert_eq!(messages(&mut back, 1).await[0].1, "おかえり");
}

#[tokio::test]
async fn redis_killed_and_restarted_loses_no_message_that_was_confirmed() {
    let mut redis = RedisServer::start_durable().unwrap();
    let catalogue = catalogue_file();
    let nodes = nodes(&redis, &catalogue, 2).await;
    let mut speaker = member(nodes[0].addr(), "はなしつづける", "lounge").await;
    let mut listener = member(nodes[1].addr(), "ききつづける", "lounge").await;

    // Say one message at a time; each is either confirmed (its echo came back) or refused.
    let mut confirmed = Vec::new();
    let mut refused = 0;
    let mut restarted = false;
    let mut n = 0;
    while confirmed.len() < 40 {
        n += 1;
        assert!(n < 2000, "the service never came back");
        if n == 15 {
            redis.kill().unwrap();
        }
        if n == 30 && !restarted {
            redis.restart().unwrap();
            restarted = true;
        }
        let id = format!("k{n}");
        speaker.say("lounge", &format!("{n}"), &id).await.unwrap();
        loop {
            let frame = speaker.recv().await.unwrap();
            match frame["type"].as_str() {
                Some("message") if frame["client_id"] == id.as_str() => {
                    confirmed.push(frame["text"].as_str().unwrap().to_owned());
                    break;
                }
                Some("error") if frame["client_id"] == id.as_str() => {
                    assert_eq!(frame["code"], "unavailable", "{frame}");
                    refused += 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    break;
                }
                _ => {}
            }
        }
    }
    assert!(refused > 0, "Redis was down for a while: some were refused");
    // The listener on the other node got every confirmed message, in order…
    let mut heard = Vec::new();
    while heard.len() < confirmed.len() {
        let m = listener.recv_type("message").await.unwrap();
        heard.push(m["text"].as_str().unwrap().to_owned());
    }
    assert_eq!(heard, confirmed);
    // …and a newcomer finds them all in the history.
    let mut newcomer = Client::connect(nodes[1].addr()).await.unwrap();
    newcomer
        .send(json!({"type":"hello","handle":"あとから"}))
        .await
        .unwrap();
    let first = newcomer.recv().await.unwrap();
    assert_eq!(first["type"], "welcome", "{first}\n{}", nodes[1].log());
    let joined = newcomer.join("lounge").await.unwrap();
    assert_eq!(ibasho_tests::history_texts(&joined), confirmed);
}
