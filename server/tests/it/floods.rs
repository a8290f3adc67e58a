//! Floods a public service meets: 10,000 joins in about a second from 500 connections. Every
//! join is answered (joined, or a typed refusal such as `room_full`), no connection is
//! dropped, and the server goes on serving everyone else.

use std::time::Duration;

use futures_util::future::join_all;
use ibasho_tests::Client;
use serde_json::json;

use crate::support::serve_limited;

const CONNECTIONS: usize = 500;
const JOINS_EACH: usize = 20;

/// Sends `JOINS_EACH` joins at once, then reads until each has its answer: how many were
/// joined, and the refusals' codes.
async fn flood(mut client: Client, n: usize) -> (usize, Vec<String>) {
    let rooms = ["lounge", "games", "pair"];
    for i in 0..JOINS_EACH {
        let room = rooms[(n + i) % rooms.len()];
        client
            .send(json!({"type":"join","room": room}))
            .await
            .unwrap();
    }
    let (mut joined, mut refused) = (0, Vec::new());
    while joined + refused.len() < JOINS_EACH {
        let frame = client.recv_within(Duration::from_secs(60)).await.unwrap();
        match frame["type"].as_str() {
            Some("joined") => joined += 1,
            Some("error") => refused.push(frame["code"].as_str().unwrap().to_owned()),
            _ => {} // presence and the like
        }
    }
    (joined, refused)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_joins_in_a_second_are_each_answered_and_nobody_is_dropped() {
    // The real frame allowance (10 a second, 20 at once): a flood within it.
    let server = serve_limited(|limits| {
        limits.frames_per_second = 10;
        limits.frames_burst = 20;
    })
    .await;
    let addr = server.addr();
    let clients = join_all((0..CONNECTIONS).map(|n| async move {
        let mut client = Client::connect(addr).await.unwrap();
        client.hello(Some(&format!("波{n}"))).await.unwrap();
        client
    }))
    .await;
    let started = tokio::time::Instant::now();
    let answers = join_all(
        clients
            .into_iter()
            .enumerate()
            .map(|(n, client)| tokio::spawn(flood(client, n))),
    )
    .await;
    let took = started.elapsed();
    let (mut joined, mut refused) = (0, std::collections::BTreeMap::<String, usize>::new());
    for answer in answers {
        let (j, codes) = answer.unwrap();
        joined += j;
        for code in codes {
            *refused.entry(code).or_default() += 1;
        }
    }
    eprintln!(
        "{} joins answered in {took:?}: {joined} joined, refused {refused:?}",
        CONNECTIONS * JOINS_EACH
    );
    assert_eq!(
        joined + refused.values().sum::<usize>(),
        CONNECTIONS * JOINS_EACH
    );
    // Only refusals a join may meet: full rooms (and a second join of the same room is
    // answered as joined again).
    for code in refused.keys() {
        assert!(
            ["room_full", "rate_limited"].contains(&code.as_str()),
            "{refused:?}"
        );
    }
    // Every connection is still there, and a newcomer is served.
    assert_eq!(server.app().hub.session_count(), CONNECTIONS);
    let mut newcomer = Client::connect(server.addr()).await.unwrap();
    newcomer.hello(Some("あとから")).await.unwrap();
    let full = newcomer
        .refusal(json!({"type":"join","room":"lounge"}))
        .await;
    assert_eq!(full.unwrap()["code"], "room_full");
}
