//! What a connection meets before its first request is read: a cap on the connections one
//! address holds, and a deadline for a request's headers.

use std::time::Duration;

use ibasho_tests::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::serve_limited;

#[tokio::test]
async fn one_address_may_hold_only_so_many_connections_and_is_told_so() {
    let server = serve_limited(|limits| {
        limits.connections_per_address = 3;
        // The test's address is loopback, which a real server does not count by default.
        limits.count_loopback = true;
    })
    .await;
    let mut held = Vec::new();
    for handle in ["ひとつめ", "ふたつめ", "みっつめ"] {
        let mut client = Client::connect(server.addr()).await.unwrap();
        client.hello(Some(handle)).await.unwrap();
        held.push(client);
    }
    // The fourth is refused before any request is read, with a status that says why.
    let mut tcp = TcpStream::connect(server.addr()).await.unwrap();
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(5), tcp.read_to_string(&mut answer))
        .await
        .expect("answered and closed")
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 429 "), "{answer}");
    assert!(Client::connect(server.addr()).await.is_err());

    // The three already in are untouched; when one leaves, a place is free again (the
    // count follows the upgraded socket, not the request that upgraded it).
    let last = held.pop().unwrap();
    last.close().await.unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    let mut again = loop {
        match Client::connect(server.addr()).await {
            Ok(client) => break client,
            Err(_) if tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(err) => panic!("no place freed: {err:#}"),
        }
    };
    again.hello(Some("よっつめ")).await.unwrap();
    for client in &mut held {
        client
            .send(serde_json::json!({"type":"join","room":"lounge"}))
            .await
            .unwrap();
        client.recv_type("joined").await.unwrap();
    }
}

#[tokio::test]
async fn loopback_is_not_counted_by_default() {
    let server = serve_limited(|limits| limits.connections_per_address = 1).await;
    let mut clients = Vec::new();
    for _ in 0..3 {
        let mut client = Client::connect(server.addr()).await.unwrap();
        client.hello(None).await.unwrap();
        clients.push(client);
    }
}

#[tokio::test]
async fn a_drip_of_header_lines_is_dropped_at_the_deadline() {
    let server = serve_limited(|limits| limits.header_timeout = Duration::from_secs(1)).await;
    let mut tcp = TcpStream::connect(server.addr()).await.unwrap();
    tcp.write_all(b"GET /ws HTTP/1.1\r\n").await.unwrap();
    let started = tokio::time::Instant::now();
    // One header line every 200 ms, for up to 10 s: a slowloris, never finishing.
    let dropped = loop {
        tokio::time::sleep(Duration::from_millis(200)).await;
        if tcp.write_all(b"X-Drip: a\r\n").await.is_err() {
            break true;
        }
        let mut byte = [0u8; 64];
        match tokio::time::timeout(Duration::from_millis(1), tcp.read(&mut byte)).await {
            // Closed (perhaps after a 408): the drip is over.
            Ok(Ok(_) | Err(_)) => break true,
            Err(_still_open) => {}
        }
        if started.elapsed() > Duration::from_secs(10) {
            break false;
        }
    };
    assert!(
        dropped,
        "the connection was still open after 10 s of header lines"
    );
    // Requests that arrive whole are served as ever.
    let mut client = Client::connect(server.addr()).await.unwrap();
    client.hello(Some("ふつう")).await.unwrap();
}
